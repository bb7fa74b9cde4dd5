"""`import_pas [--borough-file FILE] [--london-file FILE]`: the MOPAC PAS series.

Defaults to the repository's copy in perceptions/data/pas/. Every bad cell is reported as
`line N, column NAME: message` and nothing is stored (exit 1); re-importing the same
files is harmless. Stored results are recomputed afterwards (benchmarks change).
"""

from pathlib import Path
from typing import Any

from communitysafety.common.imports import ImportCommand
from perceptions.results.pas import DEFAULT_BOROUGH_FILE, DEFAULT_LONDON_FILE, import_pas


class Command(ImportCommand):
    help = "Import the MOPAC Public Attitude Survey borough and London series."

    def add_arguments(self, parser):
        parser.add_argument("--borough-file", type=Path, default=DEFAULT_BOROUGH_FILE)
        parser.add_argument("--london-file", type=Path, default=DEFAULT_LONDON_FILE)

    def run_import(self, **options: Any) -> str:
        counts = import_pas(options["borough_file"], options["london_file"])
        from perceptions.results.generation import schedule_all

        schedule_all()
        return counts.summary()
