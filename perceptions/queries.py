"""The one bridge from the database to the pure analysis: QuerySets in, DataFrames out.

Every column of the responses frame is a ``pd.Categorical``: the analysis recodes
categories rather than hashing every row, and ten waves of a million respondents with
plain string columns would not fit in 2 GB. Crime rates and unsafe-place counts are read
through small functions that return empty mappings while nothing is imported or reported,
so the fear gap still works (without that axis).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import pandas as pd
from django.db.models import Count, Q, Sum

from communitysafety.wards import lookup
from communitysafety.wards.enums import UNDER_16, AgeBand
from communitysafety.wards.models import Ward, WardPopulation
from perceptions.analysis.domains import CountTables, tables_from_counts
from perceptions.analysis.measures import MEASURES, Measure
from perceptions.analysis.population import PopulationTotals
from perceptions.models import AreaKind, CrimeCount
from surveys import answer_store
from surveys.contract import AGE_BANDS
from surveys.models import (
    AnswerCount,
    ResponseCount,
    Survey,
    SurveyResponse,
    UnsafePlaceReport,
    Wave,
)

RESPONSE_COLUMNS = ("wave", "respondent_id", "ward_code", "age_band")


def population_totals() -> PopulationTotals:
    """Census 2021 margins of residents aged 16 and over (children are not weighted).

    A ward without a census population is left out of the totals: respondents in it make
    their wave unweightable with a reason naming the ward, rather than a silent zero.
    """
    rows = (
        WardPopulation.objects.exclude(age_group=UNDER_16)
        .values_list("ward__code", "age_group", "residents")
        .order_by("ward__code", "age_group")
    )
    wards: dict[str, float] = {}
    ages: dict[str, float] = dict.fromkeys(AGE_BANDS, 0.0)
    for code, band, residents in rows:
        wards[code] = wards.get(code, 0.0) + residents
        ages[band] = ages.get(band, 0.0) + residents
    wards = {code: total for code, total in wards.items() if total > 0}
    ages = {band: total for band, total in ages.items() if total > 0}
    if not wards or not ages:
        raise ValueError("no census population is loaded: run load_wards first")
    return PopulationTotals.from_margins(wards, ages)


def wards_without_population() -> list[str]:
    """GSS codes of wards that have no adult census population (named in errors)."""
    return list(
        Ward.objects.with_adult_population()
        .filter(Q(adult_population__isnull=True) | Q(adult_population=0))
        .values_list("code", flat=True)
    )


def _categorical(values: list, categories: Iterable[str]) -> pd.Categorical:
    return pd.Categorical(values, categories=list(dict.fromkeys(categories)))


def responses_frame(
    survey: Survey,
    *,
    measures: Iterable[Measure] = MEASURES,
    waves: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Completed responses of ``survey`` in the contract's shape, one row per respondent.

    Columns: ``wave`` (the year), ``respondent_id``, ``ward_code``, ``age_band`` and one
    column per measure code holding the answer code or NaN; every column is categorical.
    """
    measures = tuple(measures)
    responses = SurveyResponse.objects.complete().filter(wave__survey=survey)
    if waves is not None:
        responses = responses.filter(wave__year__in=list(waves))
    rows = list(
        responses.order_by("wave__year", "id").values_list(
            "id", "wave__year", "respondent_id", "ward__code", "age_band"
        )
    )
    ids = [row[0] for row in rows]
    position = {pk: i for i, pk in enumerate(ids)}
    answers: dict[str, list[str | None]] = {m.code: [None] * len(ids) for m in measures}
    answer_rows = answer_store.coded_answers(responses, list(answers), chunk_size=20_000)
    for response_id, question, answer in answer_rows:
        answers[question][position[response_id]] = answer
    ward_codes = [row[3] for row in rows]
    frame = pd.DataFrame(
        {
            "wave": pd.Categorical([row[1] for row in rows]),
            "respondent_id": pd.Categorical([row[2] for row in rows]),
            "ward_code": _categorical(ward_codes, sorted({c for c in ward_codes if c})),
            "age_band": _categorical([row[4] or None for row in rows], [*AgeBand.values]),
        }
    )
    for measure in measures:
        frame[measure.code] = _categorical(answers[measure.code], measure.accepted)
    return frame


def count_tables(
    survey: Survey,
    population: PopulationTotals,
    *,
    measures: Sequence[Measure] = MEASURES,
) -> CountTables:
    """The report's count tables of every wave of ``survey``, from the per-cell counts.

    ``ResponseCount`` and ``AnswerCount`` (kept up to date as responses are imported,
    completed and deleted) already hold respondents per wave × ward × age cell and
    answers per cell, question and code: two queries read a few thousand rows, however
    many respondents there are. :func:`grouped_count_tables` counts the same from the
    answer rows. Waves without completed responses are included (listed as unweighted).
    """
    waves = {"wave__survey": survey}
    respondent_counts = ResponseCount.objects.filter(**waves).values_list(
        "wave__year", "ward__code", "age_band", "respondents"
    )
    answer_counts = AnswerCount.objects.filter(
        **waves, question_code__in=[m.code for m in measures]
    ).values_list("wave__year", "ward__code", "age_band", "question_code", "answer_code", "answers")
    return tables_from_counts(
        respondent_counts.order_by(),
        answer_counts.order_by(),
        population,
        measures,
        waves=wave_years(survey),
    )


def grouped_count_tables(
    survey: Survey,
    population: PopulationTotals,
    *,
    measures: Sequence[Measure] = MEASURES,
) -> CountTables:
    """The same tables as :func:`count_tables`, grouped from the stored answers themselves.

    Two grouped queries, whose cost grows with the answers stored (13 s of 16.7 s for
    3 waves × 100,000 respondents on SQLite): the reference the maintained counts are
    checked against, not the report's path.
    """
    measures = tuple(measures)
    responses = SurveyResponse.objects.complete().filter(wave__survey=survey)
    respondent_counts = (
        responses.values_list("wave__year", "ward__code", "age_band")
        .annotate(total=Count("id"))
        .order_by()
    )
    answer_counts = answer_store.survey_answer_counts(survey, [m.code for m in measures])
    return tables_from_counts(
        respondent_counts, answer_counts, population, measures, waves=wave_years(survey)
    )


def wave_years(survey: Survey) -> list[int]:
    """Every wave year of the survey, with or without responses (empty waves are listed)."""
    return list(Wave.objects.filter(survey=survey).order_by("year").values_list("year", flat=True))


def ward_names() -> dict[str, str]:
    """Every ward's name by code, in name order (cached until wards change)."""
    return lookup.ward_names()


def ward_population(*, adults_only: bool = False) -> dict[str, int]:
    """Residents per ward (all ages by default: rates per 1,000 residents)."""
    populations = WardPopulation.objects.all()
    if adults_only:
        populations = populations.exclude(age_group=UNDER_16)
    return {
        code: int(total)
        for code, total in populations.values("ward__code")
        .annotate(total=Sum("residents"))
        .values_list("ward__code", "total")
        if total
    }


def ward_crime_counts(months: int = 12) -> tuple[dict[str, int], tuple[date, date] | None]:
    """Recorded crimes per ward over the latest ``months`` months, and that period.

    Returns an empty mapping (and no period) while no ward crime file is imported, so
    the fear gap is shown without a crime axis.
    """
    queryset = CrimeCount.objects.of_kind(AreaKind.WARD)
    latest = queryset.order_by("-month").values_list("month", flat=True).first()
    if latest is None:
        return {}, None
    month_index = latest.year * 12 + latest.month - 1 - (months - 1)
    first = date(month_index // 12, month_index % 12 + 1, 1)
    counts = (
        queryset.filter(month__gte=first, month__lte=latest)
        .values("area_code")
        .annotate(total=Sum("count"))
        .values_list("area_code", "total")
    )
    return {code: int(total) for code, total in counts}, (first, latest)


def ward_crime_rates(months: int = 12) -> Mapping[str, float]:
    """Recorded crimes per 1,000 residents (Census, all ages) over the latest 12 months."""
    counts, _period = ward_crime_counts(months)
    population = ward_population()
    return {
        code: 1000 * count / population[code]
        for code, count in counts.items()
        if population.get(code)
    }


def ward_unsafe_place_reports() -> dict[str, int]:
    """Counted unsafe-place reports per ward (duplicates and rejected reports left out)."""
    return {
        code: int(total)
        for code, total in UnsafePlaceReport.objects.counted()
        .filter(ward__isnull=False)
        .values("ward__code")
        .annotate(total=Count("id"))
        .values_list("ward__code", "total")
    }


def has_crime_data() -> bool:
    return CrimeCount.objects.of_kind(AreaKind.WARD).exists()


def wave_response_counts(survey: Survey) -> dict[int, int]:
    """Completed responses per wave year (0 for a wave without any), from the cell counts.

    ``ResponseCount`` already holds them per cell, so this reads a few hundred rows where
    counting the responses themselves scanned every one: 0.4 s of a 1.0 s report at
    10 × 100,000 respondents on PostgreSQL, and most of it at 10 × 1,000,000 (issue 19).
    It also counts exactly what the report is built from.
    """
    counts = dict.fromkeys(wave_years(survey), 0)
    rows = (
        ResponseCount.objects.filter(wave__survey=survey)
        .values("wave__year")
        .annotate(total=Sum("respondents"))
        .values_list("wave__year", "total")
        .order_by()
    )
    counts.update(dict(rows))
    return counts


def population_cells() -> tuple[list[str], list[str], list[list[float]]]:
    """Census 2021 residents aged 16+ by ward × age band: (ward codes, bands, cells).

    Wards and bands follow :func:`population_totals` (ward code order, contract bands),
    so a cell table lines up with the weighting margins.
    """
    totals = population_totals()
    ward_index = {code: k for k, code in enumerate(totals.wards)}
    band_index = {band: a for a, band in enumerate(totals.age_bands)}
    cells = [[0.0] * len(totals.age_bands) for _ in totals.wards]
    rows = WardPopulation.objects.exclude(age_group=UNDER_16).values_list(
        "ward__code", "age_group", "residents"
    )
    for code, band, residents in rows:
        if code in ward_index and band in band_index:
            cells[ward_index[code]][band_index[band]] += residents
    return list(totals.wards), list(totals.age_bands), cells


def wave_cell_counts(
    survey: Survey, wards: Sequence[str], bands: Sequence[str]
) -> dict[int, tuple[list[list[int]], int]]:
    """Completed responses per wave as a ward × age table, and those missing either.

    A respondent whose ward or age band is empty (or not in the census) is counted as
    missing: they cannot be placed in a cell.
    """
    ward_index = {code: k for k, code in enumerate(wards)}
    band_index = {band: a for a, band in enumerate(bands)}
    tables: dict[int, tuple[list[list[int]], int]] = {}
    for year in wave_years(survey):
        tables[year] = ([[0] * len(bands) for _ in wards], 0)
    rows = (
        SurveyResponse.objects.complete()
        .filter(wave__survey=survey)
        .values_list("wave__year", "ward__code", "age_band")
        .annotate(total=Count("id"))
        .order_by()
    )
    for year, ward, band, total in rows:
        table, missing = tables.setdefault(year, ([[0] * len(bands) for _ in wards], 0))
        if ward in ward_index and band in band_index:
            table[ward_index[ward]][band_index[band]] += total
        else:
            tables[year] = (table, missing + total)
    return tables
