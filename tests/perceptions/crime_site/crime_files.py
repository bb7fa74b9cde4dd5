"""Small, hand-checkable crime files, imported with the real command (helpers for the tests)."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from perceptions.crime.imports import DEFAULT_TS007

MONTHS = [f"{year}{month:02}" for year in (2024, 2025) for month in range(1, 13)]
HACTON, ST_EDWARDS = "E05013972", "E05013983"


def london_boroughs() -> list[str]:
    """The 32 borough names of TS007 (the City of London left out)."""
    with DEFAULT_TS007.open(encoding="utf-8-sig", newline="") as handle:
        return [row["geography"] for row in csv.DictReader(handle)][1:]


def write_borough_file(path: Path, havering_burglary: int = 10) -> Path:
    """Every borough: 1 burglary a month (Havering: ``havering_burglary`` in each 2025 month),
    2 shoplifting a month in 2024 and 1 in 2025; plus Havering NFIB fraud."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["MajorText", "MinorText", "BoroughName", *MONTHS])
        for name in london_boroughs():
            burglary = [1] * 12 + [havering_burglary if name == "Havering" else 1] * 12
            writer.writerow(["BURGLARY", "BURGLARY", name, *burglary])
            writer.writerow(["THEFT", "SHOPLIFTING", name, *([2] * 12 + [1] * 12)])
        writer.writerow(["NFIB FRAUD", "NFIB", "Havering", *([3] * 24)])
    return path


def write_ward_file(path: Path) -> Path:
    """Hacton: 5 burglaries a month; St Edward's: 1; one other borough's row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["MajorText", "MinorText", "WardName", "WardCode", "LookUp_BoroughName", *MONTHS]
        )
        writer.writerow(["BURGLARY", "BURGLARY", "Hacton", HACTON, "Havering"] + [5] * 24)
        writer.writerow(["BURGLARY", "BURGLARY", "St Edward's", ST_EDWARDS, "Havering"] + [1] * 24)
        writer.writerow(["BURGLARY", "BURGLARY", "Soho", "E05013804", "Westminster"] + [9] * 24)
    return path


def import_file(path: Path) -> None:
    """Import as in production: the cache is invalidated when the transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("import_crime", str(path), stdout=StringIO(), stderr=StringIO())
