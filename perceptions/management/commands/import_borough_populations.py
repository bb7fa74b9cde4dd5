"""`manage.py import_borough_populations FILE [--source TEXT]`: replace the rate denominators.

Borough populations for crime rates come from Census 2021 TS007 (bundled and
loaded automatically). When ONS publishes new estimates, run this with a file
in the same layout (`geography`, `geography code`, `Age: Total; measures:
Value`): every borough's figure is replaced in one transaction, and the cached
tables are rebuilt with the new denominators.
"""

from pathlib import Path
from typing import Any

from communitysafety.common.imports import ImportCommand, UsageError
from perceptions.crime.imports import load_borough_populations


class Command(ImportCommand):
    help = "Replace the borough populations used for crime rates (TS007 layout)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="CSV file in the ONS TS007 layout")
        parser.add_argument("--source", help="Where the figures come from (shown with rates)")

    def run_import(self, **options: Any) -> str:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"cannot open {path}: no such file")
        count = load_borough_populations(path, source=options.get("source"))
        return f"Stored populations for {count} areas."
