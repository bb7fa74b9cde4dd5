"""How figures are written in the strategic assessment tables and sentences.

Kept in one place so the table cells and the plain-language summary agree
("=2nd", "n/a", "-7.0%"), and so a missing figure is never printed as ``nan``
or ``inf``.
"""

from __future__ import annotations

import math

NOT_AVAILABLE = "n/a"
#: Rank cell of an area with no offences of a category: it is not ranked at all.
NO_RANK = "–"
NO_OFFENCES = "no offences"


def ordinal(position: int, *, tied: bool = False) -> str:
    """Write a rank as an ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 111th.

    ``tied=True`` prefixes "=" ("=2nd"), the convention for a rank shared with
    another borough.
    """
    if position < 1:
        raise ValueError(f"a rank starts at 1, got {position}")
    if 11 <= position % 100 <= 13:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")
    return f"{'=' if tied else ''}{position}{suffix}"


def format_count(value: int | None) -> str:
    """A volume with thousands separators ("5,363"); "n/a" when there is no figure."""
    return NOT_AVAILABLE if value is None else f"{value:,}"


def format_signed_count(value: int | None) -> str:
    """A variance: "-697", "+43", "0"."""
    if value is None:
        return NOT_AVAILABLE
    return f"{value:+,}" if value else "0"


def format_percent(value: float | None, *, places: int = 1) -> str:
    """A percentage such as "-7.0%"; "n/a" for a change from a zero base."""
    if value is None or not math.isfinite(value):
        return NOT_AVAILABLE
    rounded = round(value, places) + 0.0  # "+ 0.0" turns -0.0 into 0.0
    return f"{rounded:.{places}f}%"


def format_rate(value: float | None, *, places: int = 1) -> str:
    """A rate per 1,000 residents."""
    if value is None or not math.isfinite(value):
        return NOT_AVAILABLE
    return f"{value:,.{places}f}"


def percent_words(value: float) -> str:
    """A size of change for a sentence: "7%", "0.4%" (below 1%, so it does not read "0%")."""
    size = abs(value)
    if size == 0:
        return "0%"
    if size < 1:
        return f"{size:.1f}%"
    return f"{size:.0f}%"
