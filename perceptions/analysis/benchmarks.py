"""Our survey next to the MOPAC Public Attitude Survey for the borough and for London.

PAS "year Y" is the rolling 12 months ending 31 December of Y. PAS publishes no margins of
error, so "borough below London" is reported as a difference only, never as significant.
Measures with no PAS equivalent get no benchmark rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def benchmark_rows(
    estimates: Sequence[Mapping[str, Any]],
    pas_measures: Mapping[str, str | None],
    borough: Mapping[tuple[str, int], float],
    london: Mapping[tuple[str, int], float],
) -> list[dict[str, Any]]:
    """One row per measure with a PAS equivalent × year with any figure.

    ``estimates`` are the report's rows (borough rows are used); ``borough`` and ``london``
    map (PAS measure name, year) to the December proportion.
    """
    ours = {(row["measure"], row["wave"]): row for row in estimates if row["group"] == "borough"}
    rows = []
    for code, pas_name in pas_measures.items():
        if not pas_name:
            continue
        years = {y for (m, y) in ours if m == code}
        years |= {y for (m, y) in borough if m == pas_name}
        years |= {y for (m, y) in london if m == pas_name}
        for year in sorted(years):
            mine = ours.get((code, year), {})
            b, ldn = borough.get((pas_name, year)), london.get((pas_name, year))
            difference = None if b is None or ldn is None else b - ldn
            rows.append(
                {
                    "measure": code,
                    "pas_measure": pas_name,
                    "year": year,
                    "survey": mine.get("estimate"),
                    "survey_ci_low": mine.get("ci_low"),
                    "survey_ci_high": mine.get("ci_high"),
                    "survey_suppressed": mine.get("suppressed"),
                    "pas_borough": b,
                    "pas_london": ldn,
                    "borough_minus_london": difference,
                    "borough_below_london": None if difference is None else difference < 0,
                }
            )
    return rows
