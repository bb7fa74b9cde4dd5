"""The one bridge from stored recorded crime to the pure tables of `perceptions.crime`.

Pages, downloads, the API, the fear gap and the communications plan all call
these functions, so they read the same figures. Results are cached under the
crime generation (`crime_cache`), which every import bumps.

For the fear gap: `ward_crime_rates()` gives each ward's recorded crime rate per
1,000 residents (total notifiable offences, NFIB fraud left out) for the latest
12 months imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.conf import settings
from django.db.models import Max, Min, Sum

from communitysafety.wards import lookup
from communitysafety.wards.models import Ward
from perceptions.crime.cache import cached
from perceptions.crime.parsing import FRAME_COLUMNS
from perceptions.crime.partners import partner_rows, with_partner_rows
from perceptions.crime.populations import NOT_RANKED_AREAS, normalise_borough_name
from perceptions.crime.tables import CrimeTable, build_crime_table
from perceptions.crime.ward_tables import WardTable, build_ward_table
from perceptions.crime.windows import WINDOW_MONTHS, month_of
from perceptions.models import AreaKind, BoroughPopulation, CrimeCount, CrimeImport

#: Ward table category value for total notifiable offences.
TNO = "tno"
PARTNER_PREFIX = "partner:"
MAX_WINDOWS = 3


@dataclass(frozen=True, slots=True)
class Coverage:
    """The months imported for one kind of file."""

    first: date
    last: date

    def end_months(self) -> list[date]:
        """Months a rolling 12-month table can end on, latest first."""
        months = []
        index = self.last.year * 12 + self.last.month - 1
        first = self.first.year * 12 + self.first.month - 1 + WINDOW_MONTHS - 1
        while index >= first:
            months.append(date(index // 12, index % 12 + 1, 1))
            index -= 1
        return months


def coverage(kind: str, categories: list[str] | None = None) -> Coverage | None:
    """First and last month imported for a kind of file (None before the first import).

    Every crime page asks this two or three times; imports bump the generation it is
    cached under.
    """
    return cached(
        ("coverage", kind, *sorted(categories or ())), lambda: _coverage(kind, categories)
    )


def _coverage(kind: str, categories: list[str] | None) -> Coverage | None:
    imports = CrimeImport.objects.filter(area_kind=kind)
    if categories:
        wanted = set(categories)
        rows = [(i.first_month, i.last_month) for i in imports if wanted & set(i.categories or [])]
        if not rows:
            return None
        return Coverage(min(r[0] for r in rows), max(r[1] for r in rows))
    span = imports.aggregate(first=Min("first_month"), last=Max("last_month"))
    if span["first"] is None:
        return None
    return Coverage(span["first"], span["last"])


def _frame(queryset) -> pd.DataFrame:
    rows = list(
        queryset.values_list(
            "area_code", "area_name", "borough", "major", "minor", "month", "count"
        )
    )
    frame = pd.DataFrame(
        rows, columns=["area_code", "area_name", "borough", "major", "minor", "month", "count"]
    )
    frame["month"] = pd.to_datetime(frame["month"])
    frame["count"] = frame["count"].astype("int64")
    # Categoricals: a tenth of the memory, and ten times faster to (un)pickle from the cache.
    for name in ("area_code", "area_name", "borough", "major", "minor"):
        frame[name] = frame[name].astype("category")
    return frame


def _kind_frame(kind: str) -> pd.DataFrame:
    """Every stored count of one kind, fetched once per generation (tables for other
    months and categories are then built without another query)."""
    return cached(("frame", kind), lambda: _frame(CrimeCount.objects.of_kind(kind)))


def _through(frame: pd.DataFrame, last: date) -> pd.DataFrame:
    """Add a zero count in the last month imported, so the tables know the data reach it.

    Zero months are not stored; without this, a category with no offences in the
    last month would look as if the data stopped a month early.
    """
    if frame.empty:
        return frame
    marker = frame.iloc[[0]].assign(month=pd.Timestamp(last), count=0)
    return pd.concat([frame, marker], ignore_index=True)


def borough_populations() -> dict[str, int]:
    """Residents by borough name (City of London included; tables leave it out of ranks)."""
    return dict(BoroughPopulation.objects.values_list("name", "residents"))


def ward_populations() -> dict[str, int]:
    """Residents of our borough's wards (Census 2021, all ages), by ward code."""

    def build() -> dict[str, int]:
        wards = (
            Ward.objects.filter(borough_code=settings.BOROUGH_CODE)
            .values_list("code")
            .annotate(population=Sum("populations__residents"))
        )
        return {code: int(population) for code, population in wards if population}

    return cached(("ward-populations",), build)


def ward_names() -> dict[str, str]:
    """Our wards' names by code."""
    return lookup.ward_names(settings.BOROUGH_CODE)


def _resolve_end(cover: Coverage, end_month: date | str | None) -> date:
    choices = cover.end_months()
    if not choices:
        raise LookupError("fewer than 12 months imported")
    if end_month is None or (isinstance(end_month, str) and not end_month.strip()):
        return choices[0]  # an empty ?end= is the default, as for a form left blank
    end = month_of(end_month)
    if end not in choices:
        raise LookupError(f"no 12 months of figures end in {end:%Y-%m}")
    return end


# --- borough table -----------------------------------------------------------------


def _partner_borough_rows(table: CrimeTable, end: date, windows: int) -> CrimeTable:
    """Add lines for partner datasets held at borough level (E09 codes), when they reach ``end``."""
    frame = _kind_frame(AreaKind.PARTNER)
    frame = frame[frame["area_code"].str.startswith("E09")]
    if frame.empty:
        return table
    ours = normalise_borough_name(settings.BOROUGH_NAME)
    pops = {
        name: n
        for name, n in borough_populations().items()
        if normalise_borough_name(name) not in NOT_RANKED_AREAS
    }
    added = []
    for category, rows in frame.groupby("major", observed=True):
        names = set(rows["area_name"])
        keys = {normalise_borough_name(n) for n in names}
        cover = coverage(AreaKind.PARTNER, [str(category)])
        if ours not in keys or cover is None or cover.last < end:
            continue
        covered = {n: p for n, p in pops.items() if normalise_borough_name(n) in keys}
        data = _through(rows.assign(area=rows["area_name"]), cover.last)
        try:
            built = build_crime_table(
                data,
                area=settings.BOROUGH_NAME,
                populations=covered,
                end_month=end,
                windows=windows,
                labels={str(category): str(category)},
                data_start=cover.first,
            )
        except ValueError:  # fewer than 12 months of this dataset before ``end``
            continue
        added.extend(
            partner_rows(built, covers_london=len(covered) == len(pops), windows=len(table.windows))
        )
    return with_partner_rows(table, tuple(added))


def borough_table(end_month: date | str | None = None, windows: int = MAX_WINDOWS) -> CrimeTable:
    """The strategic assessment table for our borough, ranked among the 32 London boroughs.

    Raises ``LookupError`` when no borough file has been imported or the end
    month has no 12 months of figures before it.
    """
    cover = coverage(AreaKind.BOROUGH)
    if cover is None:
        raise LookupError("no borough crime figures have been imported")
    end = _resolve_end(cover, end_month)
    windows = max(1, min(MAX_WINDOWS, int(windows)))

    def build() -> CrimeTable:
        frame = _through(_kind_frame(AreaKind.BOROUGH), cover.last)
        frame = frame.assign(area=frame["area_name"])
        table = build_crime_table(
            frame,
            area=settings.BOROUGH_NAME,
            populations=borough_populations(),
            end_month=end,
            windows=windows,
            data_start=cover.first,
        )
        return _partner_borough_rows(table, end, windows)

    return cached(("borough", f"{end:%Y-%m}", windows), build)


# --- ward table --------------------------------------------------------------------


def ward_categories() -> list[tuple[str, str]]:
    """Categories a ward table can show: TNO, the MPS major categories, then partner datasets."""
    from perceptions.crime.tables import FRAUD_MAJOR, category_label

    def build() -> list[tuple[str, str]]:
        majors = (
            CrimeCount.objects.of_kind(AreaKind.WARD)
            .exclude(major=FRAUD_MAJOR)
            .values_list("major", flat=True)
            .distinct()
        )
        partner = (
            CrimeCount.objects.of_kind(AreaKind.PARTNER)
            .filter(area_code__startswith="E05")
            .values_list("major", flat=True)
            .distinct()
        )
        return [
            (TNO, "Total notifiable offences"),
            *((m, category_label(m)) for m in sorted(set(majors))),
            *((PARTNER_PREFIX + p, f"{p} (partner data)") for p in sorted(set(partner))),
        ]

    return cached(("ward-categories",), build)


def ward_table(
    category: str = TNO, end_month: date | str | None = None, windows: int = 2
) -> WardTable:
    """Our wards ranked by rate per 1,000 residents for one category (see `ward_categories`).

    Raises ``LookupError`` for an unknown category, no imported ward figures, or
    an end month without 12 months of figures.
    """
    labels = dict(ward_categories())
    if category not in labels:
        raise LookupError(f"unknown category {category!r}")
    partner = category.startswith(PARTNER_PREFIX)
    name = category.removeprefix(PARTNER_PREFIX)
    kind = AreaKind.PARTNER if partner else AreaKind.WARD
    cover = coverage(kind, [name] if partner else None)
    if cover is None:
        raise LookupError("no ward crime figures have been imported")
    end = _resolve_end(cover, end_month)
    windows = max(1, min(MAX_WINDOWS, int(windows)))

    def build() -> WardTable:
        frame = _kind_frame(kind)
        if partner:
            frame = frame[frame["area_code"].str.startswith("E05") & (frame["major"] == name)]
        elif category != TNO:
            frame = frame[frame["major"] == name]
        frame = frame.assign(area=frame["area_code"])
        if frame.empty:  # nothing recorded in any ward: a table of zeros, not an error
            frame = _zero_frame(cover.first, name)
        frame = _through(frame, cover.last)
        return build_ward_table(
            frame,
            ward_populations=ward_populations(),
            end_month=end,
            major=None if category == TNO else name,
            ward_names=ward_names(),
            windows=windows,
            data_start=cover.first,
        )

    return cached(("ward", category, f"{end:%Y-%m}", windows), build)


def _zero_frame(month: date, category: str) -> pd.DataFrame:
    """One zero count, so a category nobody recorded still gives a table of zeros."""
    code = next(iter(ward_populations()), "")
    frame = pd.DataFrame(
        [[code, code, "", category, category, pd.Timestamp(month), 0]], columns=list(FRAME_COLUMNS)
    )
    frame["count"] = frame["count"].astype("int64")
    return frame


def ward_crime_rates(end_month: date | str | None = None) -> dict[str, float]:
    """Recorded crime per 1,000 residents by ward code, for the 12 months to ``end_month``.

    Total notifiable offences (NFIB fraud left out), latest 12 months imported
    when ``end_month`` is None. Used by the fear gap to set residents' worry
    beside recorded crime. Returns an empty dict when no ward figures are
    imported; every ward with a population is present (0.0 when none recorded).
    """
    try:
        table = ward_table(TNO, end_month, windows=1)
    except LookupError:
        return {}
    return {row.code: row.rate for row in table.rows}
