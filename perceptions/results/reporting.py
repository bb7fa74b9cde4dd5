"""The contract report of a survey from the database, plus what the partnership plans with.

:func:`survey_report` feeds :func:`perceptions.analysis.report.report_from_tables` with
the count tables the database groups (``perceptions.queries.count_tables``) and adds the
minimum detectable change for next year's planned sample (``Wave.target_sample``) and each
wave's response counts. Used by the ``perceptions_report`` command and by the task that
stores results.
"""

from __future__ import annotations

from typing import Any

from perceptions import queries
from perceptions.analysis.intervals import minimum_detectable_change
from perceptions.analysis.measures import MEASURES
from perceptions.analysis.report import Report, report_from_tables
from surveys.models import Survey, Wave

POWER = 0.8
ALPHA = 0.05


def build_survey_report(survey: Survey) -> Report:
    """The pure report for every wave of ``survey`` (empty waves are listed as unweighted)."""
    population = queries.population_totals()
    tables = queries.count_tables(survey, population)
    return report_from_tables(tables, population, survey=survey.slug)


def planned_sample(survey: Survey, after_year: int | None) -> tuple[int | None, int | None]:
    """(year, target sample) of the next planned wave, else of the latest wave with one."""
    waves = Wave.objects.filter(survey=survey, target_sample__isnull=False).order_by("year")
    if after_year is not None:
        later = waves.filter(year__gt=after_year).first()
        if later:
            return later.year, later.target_sample
    latest = waves.last()
    return (latest.year + 1, latest.target_sample) if latest else (None, None)


def detectable_changes(survey: Survey, document: dict[str, Any]) -> list[dict[str, Any]]:
    """Minimum detectable change (80% power, α 5%) of each borough measure next year.

    Uses the latest weighted wave's estimate and design effect and compares a wave of the
    planned size with that wave's base; p = 0.5 where the estimate is unknown.
    """
    borough = [row for row in document["estimates"] if row["group"] == "borough"]
    if not borough:
        return []
    latest = max(row["wave"] for row in borough)
    respondents = document["respondents"].get(str(latest), 0)
    year, target = planned_sample(survey, latest)
    rows = []
    for row in borough:
        if row["wave"] != latest or target is None or not row["n"]:
            continue
        p = row["estimate"] if row["estimate"] not in (None, 0.0, 1.0) else 0.5
        deff = row["design_effect"] or 1.0
        # The planned base keeps the share of respondents who answered this question.
        share = row["n"] / respondents if respondents else 1.0
        planned_n = max(1.0, target * share)
        rows.append(
            {
                "measure": row["measure"],
                "from_wave": latest,
                "planned_wave": year,
                "planned_sample": target,
                "planned_base": planned_n,
                "estimate": p,
                "design_effect": deff,
                "minimum_detectable_change": minimum_detectable_change(
                    planned_n, p, deff, n_other=row["n"], alpha=ALPHA, power=POWER
                ),
            }
        )
    return rows


def survey_report(survey: Survey) -> dict[str, Any]:
    """The contract JSON document with extra keys for planning and display."""
    document = build_survey_report(survey).to_dict()
    counts = queries.wave_response_counts(survey)
    document["respondents"] = {str(year): n for year, n in counts.items()}
    document["minimum_detectable_change"] = detectable_changes(survey, document)
    document["measures"] = [m.code for m in MEASURES]
    return document
