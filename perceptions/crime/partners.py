"""Partner datasets (ambulance assaults, deliberate fires…) as lines of the crime table.

A partner file is built into a table with the same builder as the MPS figures,
then its category lines are relabelled so the page shows them under the MPS
lines. Two things change on the way, so nobody is misled:

* "% of TNO" is dropped: partner counts are not notifiable offences;
* the London rank is kept only when the partner covered every ranked borough —
  a rank among the two boroughs that happened to send data is not a London rank;
* periods the partner's data do not reach are "n/a" (``None``), never zero,
  padded so the line has the same columns as the MPS lines.
"""

from __future__ import annotations

from dataclasses import replace

from perceptions.crime.tables import CrimeTable, CrimeTableRow, RowKind


def partner_rows(
    table: CrimeTable, *, covers_london: bool, windows: int | None = None
) -> tuple[CrimeTableRow, ...]:
    """The category lines of a table built from partner data, as ``RowKind.PARTNER`` rows.

    ``windows`` is the number of periods of the table they join (default: their own).
    """
    wanted = windows or len(table.windows)
    missing = (None,) * max(0, wanted - len(table.windows))
    short = bool(missing) and len(table.windows) < 2
    rows = []
    for row in table.rows:
        if row.kind is not RowKind.MAJOR:
            continue  # partner TNO/fraud lines would be sums of unrelated datasets
        padded = replace(
            row,
            volumes=row.volumes[:wanted] + missing,  # type: ignore[arg-type]
            london_volumes=row.london_volumes[:wanted] + missing,  # type: ignore[arg-type]
            kind=RowKind.PARTNER,
            share_of_tno=None,
            rank=row.rank if covers_london else None,
            previous_rank=row.previous_rank if covers_london else None,
        )
        if short:  # no previous period: nothing to compare with
            padded = replace(padded, variance=None, direction=None, change_vs_previous=None)
        rows.append(padded)
    return tuple(rows)


def with_partner_rows(table: CrimeTable, rows: tuple[CrimeTableRow, ...]) -> CrimeTable:
    """The MPS table with partner lines appended after its TNO and fraud lines."""
    return replace(table, rows=table.rows + rows)
