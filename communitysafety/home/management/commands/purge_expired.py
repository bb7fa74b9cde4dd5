"""`manage.py purge_expired [--schedule]`: delete personal data past its retention period."""

from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.retention import purge_expired, purge_expired_data


class Command(BaseCommand):
    help = "Run every app's retention purge now; --schedule also queues the daily task."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the self-rescheduling daily purge task instead of purging here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            purge_expired_data.enqueue()
            self.stdout.write("Daily purge task queued.")
            return
        for name, count in purge_expired().items():
            label = "failed (see log)" if count < 0 else f"{count} purged"
            self.stdout.write(f"{name}: {label}")
