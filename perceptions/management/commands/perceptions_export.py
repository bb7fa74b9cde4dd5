"""`perceptions_export --survey SLUG --wave YEAR --format csv|xlsx --output FILE`.

The wave's responses with final weights (CSV, with the codebook next to it as
``FILE.codebook.csv``; XLSX holds both as two sheets).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from communitysafety.common.exports import csv_lines
from communitysafety.common.imports import EXIT_REJECTED, UsageError
from perceptions.results.analyst_export import (
    ExportError,
    codebook,
    weighted_responses,
    workbook_bytes,
)
from surveys.models import Survey


class Command(BaseCommand):
    help = "Export a wave's responses with their final weights, and the codebook."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True)
        parser.add_argument("--wave", required=True, type=int)
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--output", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        survey = Survey.objects.filter(slug=options["survey"]).first()
        if survey is None or not survey.waves.filter(year=options["wave"]).exists():
            raise UsageError(f"no wave {options['wave']} of survey {options['survey']!r}")
        try:
            header, rows = weighted_responses(survey, options["wave"])
        except ExportError as error:
            raise CommandError(
                f"wave {options['wave']} cannot be weighted: {error}", returncode=EXIT_REJECTED
            ) from error
        book_header, book_rows = codebook()
        output = options["output"]
        if options["format"] == "xlsx":
            data = workbook_bytes(
                [("responses", header, rows), ("codebook", book_header, book_rows)]
            )
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(csv_lines(header, rows))
            book = output.removesuffix(".csv") + ".codebook.csv"
            with open(book, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(csv_lines(book_header, book_rows))
        self.stderr.write(f"Wrote {len(rows)} responses to {output}")
