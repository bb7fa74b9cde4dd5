"""Population totals for the raking margins, read from the Census 2021 ward × age file.

The contract (section 3) rakes to ``ward_code`` and ``age_band`` totals of usual residents
aged 16 and over; the census file also carries under-16s, which are dropped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from perceptions.analysis.measures import AGE_BANDS

CENSUS_AGE_GROUPS: Mapping[str, str | None] = MappingProxyType(
    {
        "Aged 15 years and under": None,
        "Aged 16 to 24 years": "16-24",
        "Aged 25 to 34 years": "25-34",
        "Aged 35 to 49 years": "35-49",
        "Aged 50 to 64 years": "50-64",
        "Aged 65 years and over": "65+",
    }
)


@dataclass(frozen=True, slots=True)
class PopulationTotals:
    """Margin totals in a fixed category order (the order of report rows).

    ``wards`` and ``age_bands`` are the categories, ``ward_totals`` and ``age_totals`` the
    totals in the same order. Both margins should add up to the same population; raking
    cannot meet both otherwise.
    """

    wards: tuple[str, ...]
    ward_totals: tuple[float, ...]
    age_bands: tuple[str, ...]
    age_totals: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.wards) != len(self.ward_totals) or len(self.age_bands) != len(self.age_totals):
            raise ValueError("each margin needs one total per category")
        if len(set(self.wards)) != len(self.wards) or len(set(self.age_bands)) != len(
            self.age_bands
        ):
            raise ValueError("margin categories must be unique")
        if min((*self.ward_totals, *self.age_totals), default=1.0) <= 0:
            raise ValueError("population totals must be positive")

    @classmethod
    def from_margins(
        cls,
        ward_totals: Mapping[str, float] | pd.Series,
        age_totals: Mapping[str, float] | pd.Series,
    ) -> PopulationTotals:
        """Build from two ``category → total`` mappings (dicts or Series, order kept)."""
        wards = dict(ward_totals.items())
        ages = dict(age_totals.items())
        return cls(
            wards=tuple(str(k) for k in wards),
            ward_totals=tuple(float(v) for v in wards.values()),
            age_bands=tuple(str(k) for k in ages),
            age_totals=tuple(float(v) for v in ages.values()),
        )

    @property
    def total(self) -> float:
        """The population the weights sum to (the ward margin's sum)."""
        return float(sum(self.ward_totals))


def census_totals(table: pd.DataFrame) -> PopulationTotals:
    """Margins from a ``ward22cd, ward22nm, age_group, usual_residents`` census table.

    Wards keep the file's order; age bands follow the contract's order.
    """
    bands = table["age_group"].map(dict(CENSUS_AGE_GROUPS))
    unknown = table.loc[~table["age_group"].isin(list(CENSUS_AGE_GROUPS)), "age_group"]
    if len(unknown):
        raise ValueError(f"unknown census age group {unknown.iloc[0]!r}")
    adults = table.assign(age_band=bands).dropna(subset=["age_band"])
    residents = adults["usual_residents"].astype(float)
    by_ward = residents.groupby(adults["ward22cd"], sort=False).sum()
    by_age = residents.groupby(adults["age_band"]).sum().reindex(list(AGE_BANDS)).dropna()
    return PopulationTotals.from_margins(by_ward, by_age)


def read_census_totals(path: str) -> PopulationTotals:
    """Read the census CSV named in the contract (each borough brings its own file)."""
    return census_totals(pd.read_csv(path, dtype={"ward22cd": str, "age_group": str}))
