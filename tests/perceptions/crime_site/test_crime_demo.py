"""Demo crime data: the real files in the repository, imported once however often it runs."""

from __future__ import annotations

import pytest

from perceptions.crime import demo as demo_crime
from perceptions.crime.queries import borough_table
from perceptions.crime.tables import RowKind
from perceptions.models import CrimeCount, CrimeImport


@pytest.mark.django_db
def test_demo_crime_is_real_and_idempotent(wards) -> None:
    messages: list[str] = []
    demo_crime.load(messages.append)
    counts = CrimeCount.objects.count()
    demo_crime.load(messages.append)
    assert CrimeCount.objects.count() == counts
    assert CrimeImport.objects.count() == 2
    assert "already imported" in messages[-1]
    table = borough_table()
    tno = table.row(RowKind.TNO)
    # Havering, 12 months to December 2025, from the MPS borough file.
    assert (table.end_month.isoformat(), tno.volumes) == ("2025-12-01", (19313, 20393))
    assert tno.rank is not None and tno.rank.label == "24th"
