"""The public results page's content, rendered once per data generation, not per request.

`/results/` is not cached whole (its query string picks a question and a ward), and
shaping a stored report for it (reading the report's JSON, filtering it to released
waves, rendering the trend, ward, London and fear-gap tables) cost several times a
plain page. :func:`public_dashboard` keeps what the page shows for one survey, question
and ward (its whole content: heading, selects, key findings, panels and download links)
in the shared cache under a key of everything it is built from:

- the stored results' generation (a recomputation stores a new one) and survey title;
- the ``results-releases`` generation, bumped when a release is signed off, changed or
  withdrawn (`perceptions.signals`);
- the day, since a release becomes public on its date without anything being saved;
- the wards' generation (ward names), and the language.

The methodology page's revision notes (:func:`public_revisions`) are kept under the same
``results-releases`` generation and day.

No whole-page-cached page shows these figures, so the generation does not retire pages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from communitysafety.common.govuk import FieldDescription, select_field
from communitysafety.common.page_cache import Generation
from communitysafety.wards.lookup import ward_generation, ward_names
from perceptions.analysis.measures import QUESTION_CODES
from perceptions.models import Release, SurveyResults
from perceptions.results.presentation import dashboard

RESULTS_RELEASES = Generation("results-releases", retires_pages=False)
BODY_TEMPLATE = "perceptions/includes/results_body.html"


def bump_releases(**kwargs: object) -> None:
    """Retire the cached panels now and once the transaction commits (a signal receiver).

    Now, for this process's next page; on commit, so that a page rebuilt meanwhile from
    the data before the commit is not kept.
    """
    RESULTS_RELEASES.bump()
    transaction.on_commit(RESULTS_RELEASES.bump)


def controls(context: dict[str, Any]) -> list[FieldDescription]:
    """The question and ward selects of a dashboard context."""
    return [
        select_field("measure", _("Question"), context["measures"], context["measure"]),
        select_field(
            "ward",
            _("Ward"),
            [("", _("Whole borough only")), *context["wards"]],
            context["ward"],
        ),
    ]


def chart_query(survey: str, measure: str, ward: str | None) -> str:
    """The chart JSON's query string: only what it reads, so the content can be kept."""
    return urlencode(
        {k: v for k, v in (("survey", survey), ("measure", measure), ("ward", ward)) if v}
    )


def public_dashboard(
    results: SurveyResults, request: HttpRequest, *, measure: str | None, ward: str | None
) -> dict[str, Any]:
    """The public page's context for one question and ward: its years and rendered content.

    `results` may come without its report (deferred): it is read only on a miss.
    """
    measure = measure if measure in QUESTION_CODES else QUESTION_CODES[0]
    ward = ward if ward in ward_names() else None
    survey = request.GET.get("survey") or ""  # the content's links carry it

    def build() -> dict[str, Any]:
        stored = SurveyResults.objects.select_related("survey").get(pk=results.pk)
        context = dashboard(stored, measure=measure, ward=ward, staff=False)
        context.update(
            staff=False,
            controls=controls(context),
            chosen_survey=survey,
            chart_query=chart_query(survey, measure, ward),
        )
        # years: the page's scripts are loaded only when there are figures to draw.
        return {
            "years": context["years"],
            "body_html": render_to_string(BODY_TEMPLATE, context, request),
        }

    parts = (
        results.pk,
        results.generation,
        results.survey.title,
        timezone.localdate().isoformat(),
        ward_generation(),
        get_language(),
        survey,
        measure,
        ward or "",
    )
    return RESULTS_RELEASES.cached(parts, build)


def public_revisions() -> list[tuple[int, str]]:
    """(year, note) of every released wave whose figures were revised, latest release first."""

    def build() -> list[tuple[int, str]]:
        released = Release.objects.released().exclude(revision_note="")
        return list(released.values_list("wave__year", "revision_note"))

    return RESULTS_RELEASES.cached(("revisions", timezone.localdate().isoformat()), build)
