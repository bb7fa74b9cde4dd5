"""Resident populations used as the denominator of crime rates.

Rates per 1,000 residents make a small borough comparable with a large one, and
the London rank is a rank of those rates. The Census 2021 TS007 table gives
borough totals; the ward best-fit table gives ward totals. Borough names differ
between publishers ("City of Westminster" in the PAS files, "Westminster" in the
crime and census files), so everything here is keyed by a normalised name *and*
by GSS code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from perceptions.crime.csvsource import CsvRows, CsvSource, ErrorLog

CITY_OF_LONDON_CODE = "E09000001"

#: Areas that appear in MPS files but are not one of the 32 boroughs ranked
#: against each other: the City has its own police force; the airports,
#: "Unknown" and the ward file's "Aviation Security (SO18)" have no residents.
NOT_RANKED_AREAS = frozenset(
    {
        "city of london",
        "london heathrow and london city airports",
        "unknown",
        "aviation security (so18)",
    }
)

# Variants seen in partner files, after the generic clean-up below.
_ALIASES = {
    "city of westminster": "westminster",
    "westminster city": "westminster",
    "kingston": "kingston upon thames",
    "richmond": "richmond upon thames",
    "hammersmith fulham": "hammersmith and fulham",
    "barking dagenham": "barking and dagenham",
    "kensington chelsea": "kensington and chelsea",
}
_PREFIXES = ("london borough of ", "royal borough of ", "the ")
_SPACES = re.compile(r"\s+")
_GSS = re.compile(r"^[EWSN]\d{8}$")


def normalise_borough_name(name: str) -> str:
    """Return a comparison key for a borough name.

    Lower-cased, "&" read as "and", hyphens as spaces, "London Borough of" and
    similar prefixes dropped, and known aliases mapped ("City of Westminster" →
    "westminster"). The City of London keeps its own key: it is a different place
    from Westminster and must stay out of the London ranks.
    """
    key = name.strip().casefold().replace("&", " and ").replace("-", " ").replace(",", " ")
    key = _SPACES.sub(" ", key).strip()
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return _ALIASES.get(key, key)


def is_gss_code(text: str) -> bool:
    """True for a GSS area code such as ``E09000016`` or ``E05013967``."""
    return bool(_GSS.match(text))


@dataclass(frozen=True, slots=True)
class AreaPopulation:
    """One area's usual residents (Census 2021)."""

    code: str
    name: str
    residents: int

    @property
    def key(self) -> str:
        """The normalised name, for matching against other files."""
        return normalise_borough_name(self.name)


@dataclass(frozen=True, slots=True)
class BoroughPopulations:
    """Borough totals, looked up by GSS code or by any spelling of the name.

    ``ranked`` holds the 32 boroughs that London ranks are taken over (the City
    of London left out); ``all_areas`` also holds the City.
    """

    all_areas: tuple[AreaPopulation, ...]

    @property
    def ranked(self) -> tuple[AreaPopulation, ...]:
        """The boroughs compared in "rank among the 32 London boroughs"."""
        return tuple(
            area
            for area in self.all_areas
            if area.code != CITY_OF_LONDON_CODE and area.key not in NOT_RANKED_AREAS
        )

    def find(self, name_or_code: str) -> AreaPopulation | None:
        """Look an area up by GSS code or by (any spelling of) its name."""
        text = name_or_code.strip()
        for area in self.all_areas:
            if area.code == text.upper():
                return area
        key = normalise_borough_name(text)
        for area in self.all_areas:
            if area.key == key:
                return area
        return None

    def ranked_residents(self) -> Mapping[str, int]:
        """Residents of the ranked boroughs keyed by normalised name (input to ``tables``)."""
        return MappingProxyType({area.key: area.residents for area in self.ranked})


def _parse_residents(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _ts007_total_column(columns: list[str], log: ErrorLog) -> str | None:
    """The ``Age: Total`` column's name, or None after logging each missing column."""
    total_column = next((c for c in columns if c.startswith("Age: Total")), None)
    for needed in ("geography", "geography code"):
        if needed not in columns:
            log.add(1, needed, "missing column")
    if total_column is None:
        log.add(1, "Age: Total; measures: Value", "missing column")
    return None if log.errors else total_column


def parse_ts007(source: CsvSource) -> tuple[BoroughPopulations, list[str]]:
    """Read ONS TS007 "Age by single year" for London LTLAs into borough totals.

    Only ``geography``, ``geography code`` and the ``Age: Total`` column are
    used; the single-year columns are ignored (the crime rates are per resident
    of any age, as in the MPS rates). Returns the populations and a list of
    ``line N, column NAME: message`` errors.
    """
    log = ErrorLog()
    areas: list[AreaPopulation] = []
    seen: dict[str, int] = {}
    rows = iter(CsvRows(source, log))
    header = next(rows, None)
    if header is None:
        if not log.errors:
            log.add(1, "(header)", "the file is empty")
        return BoroughPopulations(()), log.errors
    _, columns = header
    columns = [column.strip() for column in columns]
    total_column = _ts007_total_column(columns, log)
    if total_column is None:
        return BoroughPopulations(()), log.errors
    i_name = columns.index("geography")
    i_code = columns.index("geography code")
    i_total = columns.index(total_column)
    for line, fields in rows:
        if len(fields) != len(columns):
            log.add(line, "(row)", f"has {len(fields)} fields, expected {len(columns)}")
            continue
        name, code = fields[i_name].strip(), fields[i_code].strip().upper()
        residents = _parse_residents(fields[i_total])
        if not is_gss_code(code):
            log.add(line, "geography code", f"{code!r} is not a GSS code")
        elif code in seen:
            log.add(line, "geography code", f"{code} already given on line {seen[code]}")
        elif residents is None:
            log.add(line, total_column, f"{fields[i_total]!r} is not a whole number")
        else:
            seen[code] = line
            areas.append(AreaPopulation(code=code, name=name, residents=residents))
    if log.errors:
        return BoroughPopulations(()), log.errors
    return BoroughPopulations(tuple(areas)), log.errors


def parse_ward_populations(source: CsvSource) -> tuple[dict[str, AreaPopulation], list[str]]:
    """Sum the Census 2021 ward best-fit age table into ward totals keyed by ward code.

    Expects ``ward22cd, ward22nm, age_group, usual_residents`` (the
    ``census2021_age6_ward22_*_bestfit.csv`` layout). The keys double as the set
    of the borough's ward codes that the ward crime importer checks against.
    """
    log = ErrorLog()
    rows = iter(CsvRows(source, log))
    header = next(rows, None)
    expected = ["ward22cd", "ward22nm", "age_group", "usual_residents"]
    if header is None:
        if not log.errors:
            log.add(1, "(header)", "the file is empty")
        return {}, log.errors
    columns = [column.strip() for column in header[1]]
    for name in expected:
        if name not in columns:
            log.add(1, name, "missing column")
    if log.errors:
        return {}, log.errors
    idx = {name: columns.index(name) for name in expected}
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    for line, fields in rows:
        if len(fields) != len(columns):
            log.add(line, "(row)", f"has {len(fields)} fields, expected {len(columns)}")
            continue
        code = fields[idx["ward22cd"]].strip().upper()
        residents = _parse_residents(fields[idx["usual_residents"]])
        if not is_gss_code(code):
            log.add(line, "ward22cd", f"{code!r} is not a GSS code")
        elif residents is None:
            value = fields[idx["usual_residents"]]
            log.add(line, "usual_residents", f"{value!r} is not a whole number")
        else:
            totals[code] = totals.get(code, 0) + residents
            names.setdefault(code, fields[idx["ward22nm"]].strip())
    if log.errors:
        return {}, log.errors
    wards = {code: AreaPopulation(code, names[code], total) for code, total in totals.items()}
    return wards, log.errors
