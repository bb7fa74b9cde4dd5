"""`perceptions_report --survey SLUG --format json|csv [--changes] [--output FILE]`.

Writes the survey data contract's report (section 4) computed from the database now,
with the extra keys design_effect, effective_n, unweighted_waves and the minimum
detectable change for next year's planned sample.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.exports import csv_lines
from communitysafety.common.imports import UsageError
from perceptions.results.reporting import survey_report
from perceptions.results.tables import changes_table, estimates_table
from surveys.models import Survey


class Command(BaseCommand):
    help = "Write the weighted survey report (contract section 4) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True, help="slug of the survey")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument("--changes", action="store_true", help="CSV: write the changes table")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            survey = Survey.objects.get(slug=options["survey"])
        except Survey.DoesNotExist:
            raise UsageError(f"no survey with slug {options['survey']!r}") from None
        try:
            document = survey_report(survey)
        except ValueError as error:
            raise UsageError(str(error)) from error
        if options["format"] == "json":
            text = json.dumps(document, indent=2, allow_nan=False) + "\n"
        else:
            header, rows = (changes_table if options["changes"] else estimates_table)(document)
            text = "".join(csv_lines(header, rows))
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            (self.stdout if self.stdout else sys.stdout).write(text, ending="")
