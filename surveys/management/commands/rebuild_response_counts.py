"""`manage.py rebuild_response_counts [--survey SLUG]`: recount the per-cell counts of
completed responses from the answer rows (after a repair or a restore; the import, the
online survey and deletions keep them up to date otherwise)."""

from typing import Any

from django.core.management.base import BaseCommand

from surveys.annual.counts import rebuild_counts
from surveys.models import Wave


class Command(BaseCommand):
    help = "Recount the per-cell response and answer counts from the stored answers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--survey", help="only this survey's waves (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        waves = Wave.objects.all()
        if options["survey"]:
            waves = waves.filter(survey__slug=options["survey"])
        counted = rebuild_counts(waves)
        self.stdout.write(f"Counted {counted} completed responses.")
