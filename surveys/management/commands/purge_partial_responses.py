"""`manage.py purge_partial_responses [--enqueue]`: delete unfinished survey answers older
than SURVEY_PARTIAL_RETENTION_DAYS (run daily from cron or the task worker)."""

from typing import Any

from django.core.management.base import BaseCommand

from surveys.annual.retention import purge_partial_responses, retention_days


class Command(BaseCommand):
    help = "Delete partial survey responses past the retention period."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="run it as a background task instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from surveys.annual.tasks import purge_partial_survey_responses

            result = purge_partial_survey_responses.enqueue()
            self.stdout.write(f"Enqueued purge task {result.id}.")
            return
        deleted = purge_partial_responses()
        self.stdout.write(
            f"Deleted {deleted} partial responses older than {retention_days()} days."
        )
