"""Ranks of rates among areas, with ties and quartile bands.

Rank 1 is the highest rate (worst). Ties share a position and are shown "=2nd";
rates are compared rounded to 1e-9 so floating-point noise never splits a tie.
The quartile band always comes with a text label, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from perceptions.crime.formatting import NO_OFFENCES, NO_RANK, NOT_AVAILABLE, ordinal

_TIE_DECIMALS = 9

type Ties = Literal["min", "max"]


@dataclass(frozen=True, slots=True)
class Band:
    """A quartile band of a rank, with a text label so colour is never the only cue."""

    quarter: int
    colour: str
    label: str


BANDS = (
    Band(1, "red", "highest quarter"),
    Band(2, "orange", "second-highest quarter"),
    Band(3, "yellow", "second-lowest quarter"),
    Band(4, "green", "lowest quarter"),
)


def band_for(position: int, out_of: int = 32) -> Band:
    """Band of a rank position: with 32 boroughs 1–8 red, 9–16 orange, 17–24 yellow, 25–32 green.

    For other sizes (a borough's wards) the first position is always in the
    highest quarter and the last in the lowest.
    """
    if not 1 <= position <= out_of:
        raise ValueError(f"rank {position} is outside 1..{out_of}")
    return BANDS[(position - 1) * 4 // out_of]


@dataclass(frozen=True, slots=True)
class Rank:
    """A rank of rate: 1 is the highest rate (worst); ``tied`` when shared with another area."""

    position: int
    tied: bool
    out_of: int

    @property
    def label(self) -> str:
        """ "8th", "=2nd"."""
        return ordinal(self.position, tied=self.tied)

    @property
    def band(self) -> Band:
        """The quartile band of this rank."""
        return band_for(self.position, self.out_of)


def rank_cells(rank: Rank | None, volume: int | None) -> tuple[str, str]:
    """The rank and quarter cells: "=2nd", "highest quarter"; "–", "no offences" for none."""
    if rank is not None:
        return rank.label, rank.band.label
    if volume == 0:
        return NO_RANK, NO_OFFENCES
    return NOT_AVAILABLE, NOT_AVAILABLE


def ranks_along_last_axis(rates: np.ndarray, ties: Ties) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (1 = highest) along the last axis, and whether each is tied.

    ``ties="min"``: a tied group takes its best position (1, =2, =2, 4);
    ``"max"``: its worst (1, =3, =3, 4).
    """
    rounded = np.round(rates, _TIE_DECIMALS)
    higher = (rounded[..., None, :] > rounded[..., :, None]).sum(axis=-1)
    equal = (rounded[..., None, :] == rounded[..., :, None]).sum(axis=-1)
    position = higher + 1 if ties == "min" else higher + equal
    return position, equal > 1
