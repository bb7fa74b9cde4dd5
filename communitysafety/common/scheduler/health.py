"""Which periodic jobs are overdue, for `/healthz`."""

from datetime import datetime, timedelta

from communitysafety.common.scheduler.jobs import periodic_jobs
from communitysafety.common.scheduler.models import PeriodicJobState

# Slack on top of two periods, for a slow run or a worker restart.
GRACE = timedelta(minutes=10)


def job_health(now: datetime) -> dict[str, dict]:
    """Job name → last success and whether it is overdue.

    Overdue: no success for more than ``2 × every + GRACE`` since the last success, or since
    the scheduler first saw the job. A job the scheduler has never seen is not overdue, so a
    fresh install is not red before its scheduler has started.
    """
    states = {state.name: state for state in PeriodicJobState.objects.all()}
    report = {}
    for name, job in periodic_jobs().items():
        state = states.get(name)
        succeeded = state.last_succeeded if state else None
        since = succeeded or (state.first_seen if state else None)
        report[name] = {
            "every_seconds": int(job.every.total_seconds()),
            "last_succeeded": succeeded.isoformat() if succeeded else None,
            "overdue": since is not None and now - since > 2 * job.every + GRACE,
        }
    return report
