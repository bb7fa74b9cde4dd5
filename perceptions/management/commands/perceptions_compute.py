"""`perceptions_compute [--survey SLUG] [--stale]`: recompute stored results now.

All surveys by default; ``--stale`` only those whose responses changed since (run it on a
schedule as a catch-all for imports that store responses without scheduling a recompute).
"""

from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.imports import UsageError
from perceptions.results.generation import refresh_results, stale_survey_ids
from surveys.models import Survey


class Command(BaseCommand):
    help = "Recompute the stored perceptions results of one or every survey."

    def add_arguments(self, parser):
        parser.add_argument("--survey", help="slug of one survey")
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only surveys whose responses changed since their results were computed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        surveys = Survey.objects.all()
        if options["survey"]:
            surveys = surveys.filter(slug=options["survey"])
            if not surveys.exists():
                raise UsageError(f"no survey with slug {options['survey']!r}")
        if options["stale"]:
            surveys = surveys.filter(id__in=stale_survey_ids())
        for survey in surveys:
            results = refresh_results(survey.id)
            if results.last_error:
                self.stderr.write(
                    f"{survey.slug}: failed, kept the last good results: {results.last_error}"
                )
            else:
                self.stdout.write(f"{survey.slug}: generation {results.generation}")
