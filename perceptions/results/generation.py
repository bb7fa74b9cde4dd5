"""Stored results: recompute after an import or a wave change, keep the last good ones.

:func:`refresh_results` is what the background task runs. It computes the report, the
benchmarks and the fear gap of one survey and replaces the stored :class:`SurveyResults`
with a new generation; if anything fails, the error is recorded and the previous report
stays for pages and the API. :func:`schedule` enqueues the task once the current
transaction commits.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from perceptions import queries
from perceptions.analysis.benchmarks import benchmark_rows
from perceptions.analysis.fear_gap import fear_gap
from perceptions.models import SurveyResults
from perceptions.results import stored
from perceptions.results.releases import provisional_changes, store_release_changes
from surveys.contract import QUESTIONS
from surveys.models import Survey

logger = logging.getLogger(__name__)
FEAR_MEASURE = "feel_safe_night"


def compute_benchmarks(document: dict) -> list[dict]:
    from perceptions.results.pas import december_figures

    borough, london = december_figures(settings.BOROUGH_NAME)
    pas_measures = {code: spec[2] for code, spec in QUESTIONS.items()}
    return benchmark_rows(document["estimates"], pas_measures, borough, london)


def compute_fear_gap(document: dict) -> dict:
    """Fear gap of every weighted wave, with the crime period and which axes exist."""
    crime_counts, period = queries.ward_crime_counts()
    population = queries.ward_population()
    rates = {
        code: 1000 * count / population[code]
        for code, count in crime_counts.items()
        if population.get(code)
    }
    reports = queries.ward_unsafe_place_reports()
    waves = {}
    for wave in sorted({row["wave"] for row in document["estimates"]}):
        rows = [
            row
            for row in document["estimates"]
            if row["wave"] == wave and row["measure"] == FEAR_MEASURE and row["group"] == "ward"
        ]
        waves[str(wave)] = fear_gap(wave, rows, rates, reports, population).to_dict()
    return {
        "has_crime": bool(rates),
        "has_reports": reports is not None,
        "crime_period": None if period is None else [d.isoformat() for d in period],
        "waves": waves,
    }


def refresh_results(survey_id: int) -> SurveyResults:
    """Recompute and store one survey's results; on failure keep the last good ones."""
    from perceptions.results.reporting import survey_report

    survey = Survey.objects.get(pk=survey_id)
    results, _ = SurveyResults.objects.get_or_create(survey=survey)
    try:
        document = survey_report(survey)
        benchmarks = compute_benchmarks(document)
        gap = compute_fear_gap(document)
    except Exception as error:  # keep the dashboard on the last good report, say why
        logger.exception("Results of survey %s could not be computed", survey.slug)
        SurveyResults.objects.filter(pk=results.pk).update(
            last_error=f"{type(error).__name__}: {error}", failed_at=timezone.now()
        )
        results.refresh_from_db()
        return results
    document["benchmarks"] = benchmarks
    document["provisional_changes"] = provisional_changes(survey.id, document)
    with transaction.atomic():
        SurveyResults.objects.filter(pk=results.pk).update(
            generation=F("generation") + 1,
            computed_at=timezone.now(),
            report=document,
            fear_gap=gap,
            last_error="",
            failed_at=None,
        )
        store_release_changes(survey.id, document)
        stored.bump()  # the pages' lookup holds the generation: now and on commit
    results.refresh_from_db()
    return results


def schedule(survey_id: int) -> None:
    """Enqueue a recomputation of one survey after the current transaction commits."""
    from perceptions.results.tasks import compute_results

    transaction.on_commit(lambda: compute_results.enqueue(survey_id))


def schedule_all() -> None:
    for survey_id in Survey.objects.values_list("id", flat=True):
        schedule(survey_id)


def is_stale(survey: Survey) -> bool:
    """True when the stored report does not cover the survey's current responses.

    Compares completed responses per wave (the cell counts every storing path keeps, in
    its own transaction) with those the stored report was built from: a catch-all for
    imports that store rows without telling us (bulk inserts send no signals).
    Corrections that keep the counts need an explicit :func:`schedule`.
    """
    results = SurveyResults.objects.filter(survey=survey).first()
    current = {str(year): n for year, n in queries.wave_response_counts(survey).items()}
    if results is None or not results.generation:
        return any(current.values())
    return results.report.get("respondents") != current


def stale_survey_ids() -> list[int]:
    return [survey.id for survey in Survey.objects.all() if is_stale(survey)]


def results_last_computed() -> dict[str, datetime | None]:
    """Survey slug → when its stored results were last computed (for health checks)."""
    return dict(
        SurveyResults.objects.order_by("survey__slug").values_list("survey__slug", "computed_at")
    )
