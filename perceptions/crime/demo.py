"""Demo recorded crime: the real MPS borough file and the Havering ward extract in the repo.

Imported with the same code as `manage.py import_crime`, so the demo shows real
figures (Jan 2024 – Dec 2025). Idempotent: a file already imported is skipped.
"""

from collections.abc import Callable

from django.db import transaction

from perceptions.crime.cache import bump_crime_generation
from perceptions.crime.imports import DATA_DIR, ensure_borough_populations, import_crime_file
from perceptions.models import CrimeImport

DEMO_FILES = (
    DATA_DIR / "crime" / "mps_borough_level_crime_2024-01_2025-12.csv",
    DATA_DIR / "crime" / "havering_ward_level_crime_2024-01_2025-12.csv",
)


def load(out: Callable[[str], None]) -> None:
    """Import the demo crime files that are not there yet."""
    ensure_borough_populations()
    for path in DEMO_FILES:
        if CrimeImport.objects.filter(file_name=path.name).exists():
            out(f"Recorded crime: {path.name} already imported.")
            continue
        out(f"Recorded crime: {import_crime_file(path)}")
    transaction.on_commit(bump_crime_generation)
