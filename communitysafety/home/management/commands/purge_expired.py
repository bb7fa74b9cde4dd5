"""`manage.py purge_expired`: delete personal data past its retention period now.

The scheduler runs the same purge daily (`run_scheduler`); this is for automation and checks.
"""

from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.retention import purge_expired


class Command(BaseCommand):
    help = "Run every app's retention purge now (the scheduler also runs it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, count in purge_expired().items():
            label = "failed (see log)" if count < 0 else f"{count} purged"
            self.stdout.write(f"{name}: {label}")
