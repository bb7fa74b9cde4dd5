from datetime import timedelta

from django.apps import AppConfig


class HeartbeatConfig(AppConfig):
    """Declares ``heartbeat`` every second, beside the product's real periodic jobs."""

    name = "tests.communitysafety.heartbeat"
    label = "heartbeat"

    def periodic_jobs(self) -> list:
        from communitysafety.common.scheduler.jobs import PeriodicJob
        from tests.communitysafety.heartbeat.tasks import heartbeat

        return [PeriodicJob("heartbeat", heartbeat, timedelta(seconds=1))]
