"""The retention runner calls every app's purge and survives one failing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from communitysafety.common.retention import purge_expired

CALLS: list[str] = []


def purge_three() -> int:
    CALLS.append("three")
    return 3


def purge_broken() -> int:
    raise RuntimeError("disk on fire")


@pytest.fixture
def registered(monkeypatch):
    CALLS.clear()
    config = apps.get_app_config("home")
    monkeypatch.setattr(
        config,
        "retention_purges",
        lambda: {"broken": purge_broken, "three": purge_three},
        raising=False,
    )


def test_every_registered_purge_runs_even_if_one_fails(registered):
    results = purge_expired()
    assert results["home: three"] == 3
    assert results["home: broken"] == -1
    assert CALLS == ["three"]


def test_command_reports_each_purge(registered):
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "home: three: 3 purged" in out.getvalue()
    assert "failed (see log)" in out.getvalue()
