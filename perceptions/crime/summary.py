"""Plain-language sentences about the biggest movements in a crime table.

The strategic assessment explains its table in words ("Theft from shops moved
from 9th to 8th worst in London while falling 7% locally…"). Writing those
sentences from the figures keeps the text and the table from drifting apart,
and each explanation is only given when the figures support it: "because London
fell faster" appears only when the London-wide fall really is bigger than the
local one and the rank got worse despite the local fall.
"""

from __future__ import annotations

from perceptions.crime.formatting import format_count, ordinal, percent_words
from perceptions.crime.tables import CrimeTable, CrimeTableRow, RowKind

__all__ = [
    "ordinal",
    "rank_sentence",
    "summarise",
    "tno_sentence",
    "volume_sentence",
]

#: A move in rank caused by a handful of offences is noise, not a finding.
DEFAULT_MIN_VOLUME = 10


def _offences(n: int) -> str:
    return f"{n:,} offence" if n == 1 else f"{n:,} offences"


def _local_change_phrase(row: CrimeTableRow) -> str:
    change, previous = row.change_vs_previous, row.previous_volume
    if previous is None:
        return ""
    if change is None:  # zero base
        return f"rising from 0 to {format_count(row.volume)}" if row.volume else "staying at 0"
    if change == 0:
        return "with no change"
    return f"{'rising' if change > 0 else 'falling'} {percent_words(change)}"


def _reason(row: CrimeTableRow) -> str:
    """Why the rank moved against the local trend — only when London's figures show it."""
    move, local, london = row.rank_movement, row.change_vs_previous, row.london_change_vs_previous
    if move is None or local is None or london is None:
        return ""
    if move > 0 and local < 0 and london < local:
        return ", because London fell faster"
    if move < 0 and local > 0 and london > local:
        return ", because London rose faster"
    return ""


def rank_sentence(row: CrimeTableRow) -> str | None:
    """E.g. "Shoplifting moved from 9th to 8th worst in London while falling 7% locally,
    because London fell faster." None when the rank did not move or is unknown."""
    if not row.rank_movement or row.rank is None or row.previous_rank is None:
        return None
    local = _local_change_phrase(row)
    joiner = " while " if local and not local.startswith("with") else " "
    local_part = f"{joiner}{local} locally" if local else ""
    return (
        f"{row.label} moved from {row.previous_rank.label} to {row.rank.label} worst in London"
        f"{local_part}{_reason(row)}."
    )


def volume_sentence(row: CrimeTableRow) -> str | None:
    """E.g. "Burglary fell 27% (339 fewer offences, from 1,252 to 913)." None without a change."""
    if row.variance is None or row.variance == 0 or row.previous_volume is None:
        return None
    verb = "rose" if row.variance > 0 else "fell"
    more = "more" if row.variance > 0 else "fewer"
    detail = f"{abs(row.variance):,} {more} offence{'s' if abs(row.variance) != 1 else ''}"
    span = f"from {format_count(row.previous_volume)} to {format_count(row.volume)}"
    if row.change_vs_previous is None:
        return f"{row.label} {verb} {span}."
    return f"{row.label} {verb} {percent_words(row.change_vs_previous)} ({detail}, {span})."


def tno_sentence(table: CrimeTable) -> str:
    """The headline: total notifiable offences, their change, rate and London rank."""
    row = table.row(RowKind.TNO)
    parts = [
        f"In the 12 months to {table.end_month:%B %Y}, {table.area} recorded "
        f"{_offences(row.volume)} (total notifiable offences, excluding NFIB fraud)"
    ]
    if row.previous_volume is not None:
        if row.change_vs_previous is None or row.change_vs_previous == 0:
            parts.append(f", against {format_count(row.previous_volume)} the year before")
        else:
            more = "more" if row.change_vs_previous > 0 else "fewer"
            parts.append(
                f", {percent_words(row.change_vs_previous)} {more} than the year before "
                f"({format_count(row.previous_volume)})"
            )
    if row.rate is not None and row.rank is not None:
        parts.append(
            f". The rate of {row.rate:.1f} per 1,000 residents ranks {row.rank.label} of "
            f"{row.rank.out_of} London boroughs (1st = highest rate; {row.rank.band.label})"
        )
    return "".join(parts) + "."


def summarise(
    table: CrimeTable,
    *,
    rank_movements: int = 3,
    volume_movements: int = 3,
    min_volume: int = DEFAULT_MIN_VOLUME,
) -> list[str]:
    """The headline, then the biggest volume changes, then the biggest rank movements.

    Categories are major and minor lines (TNO has the headline; NFIB fraud is
    not the MPS's and is left out). Rank movements are only reported for
    categories with at least ``min_volume`` offences in one of the two windows.
    """
    categories = [r for r in table.rows if r.kind in (RowKind.MAJOR, RowKind.MINOR)]
    sentences = [tno_sentence(table)]
    by_volume = sorted(
        (r for r in categories if r.variance),
        key=lambda r: (-abs(r.variance or 0), r.label),
    )
    sentences.extend(s for r in by_volume[:volume_movements] if (s := volume_sentence(r)))
    by_rank = sorted(
        (
            r
            for r in categories
            if r.rank_movement and max(r.volume, r.previous_volume or 0) >= min_volume
        ),
        key=lambda r: (-abs(r.rank_movement or 0), -r.volume, r.label),
    )
    sentences.extend(s for r in by_rank[:rank_movements] if (s := rank_sentence(r)))
    return sentences
