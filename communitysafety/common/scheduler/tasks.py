"""The one task the scheduler enqueues: run a declared job and record the outcome."""

from django.utils import timezone
from django_tasks import task

from communitysafety.common.scheduler.jobs import periodic_jobs
from communitysafety.common.scheduler.models import PeriodicJobState
from communitysafety.common.scheduler.runs import record


@task()
def run_periodic_job(name: str, slot: int) -> bool:
    """Run job ``name`` for ``slot``; False when a newer slot superseded it (queue backlog).

    The job's own task runs in this worker (``.call``), so its success is known here and
    recorded for `/healthz`; a failure is recorded and re-raised so the task shows failed.
    """
    job = periodic_jobs().get(name)
    state = PeriodicJobState.objects.filter(name=name).first()
    if job is None or state is None or state.last_slot > slot:
        return False
    record(name, last_started=timezone.now())
    try:
        job.task.call(*job.args)
    except Exception as error:
        record(name, last_failed=timezone.now(), last_error=f"{type(error).__name__}: {error}")
        raise
    record(name, last_succeeded=timezone.now(), last_error="")
    return True
