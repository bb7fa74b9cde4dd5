"""`perceptions_compute [--survey SLUG]`: recompute stored results now (all surveys by default)."""

from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.imports import UsageError
from perceptions.generation import refresh_results
from surveys.models import Survey


class Command(BaseCommand):
    help = "Recompute the stored perceptions results of one or every survey."

    def add_arguments(self, parser):
        parser.add_argument("--survey", help="slug of one survey")

    def handle(self, *args: Any, **options: Any) -> None:
        surveys = Survey.objects.all()
        if options["survey"]:
            surveys = surveys.filter(slug=options["survey"])
            if not surveys.exists():
                raise UsageError(f"no survey with slug {options['survey']!r}")
        for survey in surveys:
            results = refresh_results(survey.id)
            if results.last_error:
                self.stderr.write(
                    f"{survey.slug}: failed, kept the last good results: {results.last_error}"
                )
            else:
                self.stdout.write(f"{survey.slug}: generation {results.generation}")
