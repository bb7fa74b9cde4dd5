"""`manage.py import_responses FILE.csv --survey SLUG --wave YEAR [--create] [--skip-invalid]`.

Exactly docs/survey-data-contract.md §1: errors as `line N, column NAME: message`,
exit 0 stored, 1 rejected (nothing stored), 2 usage error.
"""

from typing import Any

from communitysafety.common.imports import ImportCommand
from surveys.annual.importing import import_responses


class Command(ImportCommand):
    help = "Import survey responses from a contract-format CSV file (all or nothing)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, help="the survey's slug")
        parser.add_argument("--wave", required=True, type=int, help="the wave's year")
        parser.add_argument("--create", action="store_true", help="create a missing survey/wave")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="store the valid lines, list the others"
        )

    def run_import(self, **options: Any) -> str:
        result = import_responses(
            options["file"],
            options["survey"],
            options["wave"],
            create=options["create"],
            skip_invalid=options["skip_invalid"],
        )
        for error in result.skipped:
            self.stderr.write(f"skipped {error}")
        return result.summary()
