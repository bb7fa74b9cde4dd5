"""`manage.py import_crime FILE [--kind borough|ward|partner]`: load recorded crime figures.

Run each month with the MPS borough and ward files (London Datastore "Recorded
Crime: Geographic Breakdown"), and whenever a partner sends a dataset in the
long format (`area_code,month,category,count`, see `perceptions/crime/parsing.py`).
The months in the file replace the stored figures for those months; the layout
is recognised from the header unless `--kind` says otherwise. Exit 0 stored,
1 rejected (every problem printed as `line N, column NAME: message`, nothing
stored), 2 usage error.
"""

from pathlib import Path
from typing import Any

from communitysafety.common.imports import ImportCommand, UsageError, progress
from perceptions.crime.imports import import_crime_file
from perceptions.models import AreaKind


class Command(ImportCommand):
    help = "Import an MPS borough or ward crime file, or a partner dataset in the long format."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="CSV file to import")
        parser.add_argument(
            "--kind",
            choices=list(AreaKind.values),
            help="Layout of the file (default: recognised from the header)",
        )

    def run_import(self, **options: Any) -> str:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"cannot open {path}: no such file")
        summary = import_crime_file(
            path,
            options.get("kind"),
            batches=lambda chunks: progress(chunks, total=len(chunks), desc="Storing"),
        )
        return str(summary)
