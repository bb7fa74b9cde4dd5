"""The scheduler: declarations from every app, one enqueue per slot, /healthz on overdue jobs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from communitysafety.common.scheduler.jobs import periodic_jobs
from communitysafety.common.scheduler.models import PeriodicJobState
from communitysafety.common.scheduler.runs import enqueue_due

pytestmark = pytest.mark.django_db

NAMES = {
    "retention-purge",
    "publish-scheduled-pages",
    "unsafe-place-digests",
    "stale-results",
    "alert-sweep",
}


def test_every_app_declares_its_jobs():
    assert set(periodic_jobs()) == NAMES


def test_run_scheduler_once_runs_each_job_once_per_slot():
    call_command("run_scheduler", "--once")  # immediate backend: runs at once
    states = {s.name: s for s in PeriodicJobState.objects.all()}
    assert set(states) == NAMES
    assert all(s.last_succeeded and not s.last_error for s in states.values())
    assert enqueue_due() == []  # same slot: nothing again


def test_next_slot_enqueues_only_the_jobs_whose_slot_moved():
    now = timezone.now()
    enqueue_due(now)
    assert "alert-sweep" in enqueue_due(now + timedelta(minutes=1))
    assert "retention-purge" not in enqueue_due(now + timedelta(minutes=2))


def test_healthz_fails_when_a_job_is_overdue(client):
    call_command("run_scheduler", "--once")
    assert client.get("/healthz").status_code == 200
    PeriodicJobState.objects.filter(name="alert-sweep").update(
        last_succeeded=timezone.now() - timedelta(minutes=13)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["periodic_jobs"]["alert-sweep"]["overdue"] is True
    assert response.json()["periodic_jobs"]["retention-purge"]["overdue"] is False


def test_a_failing_job_records_its_error_and_goes_overdue(client, monkeypatch):
    from communitysafety.common import retention

    def broken():
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(retention, "purge_expired", broken)
    call_command("run_scheduler", "--once")
    state = PeriodicJobState.objects.get(name="retention-purge")
    assert state.last_succeeded is None
    assert "disk on fire" in state.last_error
    PeriodicJobState.objects.filter(name="retention-purge").update(
        first_seen=timezone.now() - timedelta(days=3)
    )
    assert client.get("/healthz").status_code == 503
