"""Analysts' export: each wave's responses with their final raking weights, and a codebook.

So analysts can rerun the figures in their own tools (R, SPSS, Stata): the weight column
reproduces our estimates; unweightable respondents have an empty weight.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

import numpy as np

from communitysafety.common.exports import XLSX_CONTENT_TYPE  # noqa: F401  (re-exported for views)
from communitysafety.common.sanitise import spreadsheet_safe
from perceptions import queries
from perceptions.analysis.domains import count_responses
from perceptions.analysis.measures import MEASURES
from perceptions.analysis.raking import RakingError, rake_cells
from surveys.contract import QUESTIONS
from surveys.models import Survey, SurveyResponse

RESPONSE_COLUMNS = ("wave", "respondent_id", "ward_code", "age_band", "sex", "mode", "weight")
CODEBOOK_COLUMNS = ("variable", "description", "codes", "positive", "pas_measure")


class ExportError(ValueError):
    """The wave cannot be weighted (the reason is in the message)."""


def weighted_responses(survey: Survey, year: int) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The wave's completed responses, one row per respondent, with the final weight."""
    frame = queries.responses_frame(survey, waves=[year])
    population = queries.population_totals()
    tables = count_responses(frame, population, (), [year])
    if tables.problems[0]:
        raise ExportError("; ".join(tables.problems[0]))
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    try:
        cells = rake_cells(tables.respondents[0][:n_wards, :n_ages], population)
    except RakingError as error:
        raise ExportError(str(error)) from error
    ward_idx = {code: i for i, code in enumerate(population.wards)}
    age_idx = {band: i for i, band in enumerate(population.age_bands)}
    extra = {
        rid: (sex, mode)
        for rid, sex, mode in SurveyResponse.objects.filter(
            wave__survey=survey, wave__year=year
        ).values_list("respondent_id", "sex", "mode")
    }
    codes = [m.code for m in MEASURES]
    header = (*RESPONSE_COLUMNS, *codes)
    rows: list[list[Any]] = []
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record in records:
        k, a = ward_idx.get(record["ward_code"]), age_idx.get(record["age_band"])
        weight = None
        if k is not None and a is not None and not np.isnan(cells.weights[k, a]):
            weight = float(cells.weights[k, a])
        sex, mode = extra.get(record["respondent_id"], ("", ""))
        rows.append(
            [
                year,
                record["respondent_id"],
                record["ward_code"],
                record["age_band"],
                sex or None,
                mode or None,
                weight,
                *(record[code] for code in codes),
            ]
        )
    return header, rows


def codebook() -> tuple[tuple[str, ...], list[list[Any]]]:
    """One row per column of the response export: what it holds and its codes."""
    rows: list[list[Any]] = [
        ["wave", "survey year", "", "", ""],
        ["respondent_id", "respondent id, unique within the wave", "", "", ""],
        ["ward_code", "GSS code of the 2022 ward (weighting margin)", "", "", ""],
        ["age_band", "age band (weighting margin)", "16-24;25-34;35-49;50-64;65+", "", ""],
        ["sex", "sex (not used for weighting)", "female;male;other;prefer_not_to_say", "", ""],
        ["mode", "how the survey was answered", "online;face_to_face;telephone;paper", "", ""],
        [
            "weight",
            "final raking weight to Census 2021 ward and age-band totals of residents "
            "aged 16+; empty when ward or age band is missing",
            "",
            "",
            "",
        ],
    ]
    for measure in MEASURES:
        pas = QUESTIONS[measure.code][2] or ""
        rows.append(
            [
                measure.code,
                f"MOPAC PAS item {measure.pas_item}; dont_know and refused are excluded "
                "from the base",
                ";".join(measure.accepted),
                ";".join(code for code in measure.answers if code in measure.positive),
                pas,
            ]
        )
    return CODEBOOK_COLUMNS, rows


def workbook_bytes(sheets: list[tuple[str, tuple[str, ...], list[list[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per (title, header, rows), formulas neutralised."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(header))
        for row in rows:
            sheet.append(["" if cell is None else spreadsheet_safe(cell) for cell in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
