"""The public results page's panels, rendered once per data generation, not per request.

`/results/` is not cached whole (its query string picks a question and a ward), and
shaping a stored report for it (reading the report's JSON, filtering it to released
waves, rendering the trend, ward, London and fear-gap tables) cost several times a
plain page. :func:`public_dashboard` keeps what the page shows for one survey, question
and ward in the shared cache under a key of everything it is built from:

- the stored results' generation (a recomputation stores a new one);
- the ``results-releases`` generation, bumped when a release is signed off, changed or
  withdrawn (`perceptions.signals`);
- the day, since a release becomes public on its date without anything being saved;
- the wards' generation (ward names), and the language.

No whole-page-cached page shows these figures, so the generation does not retire pages.
"""

from __future__ import annotations

from typing import Any

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
from perceptions.models import SurveyResults
from perceptions.results.presentation import dashboard

RESULTS_RELEASES = Generation("results-releases", retires_pages=False)
PANELS_TEMPLATE = "perceptions/includes/dashboard_panels.html"
FINDINGS_TEMPLATE = "perceptions/includes/results_findings.html"
CONTROLS_TEMPLATE = "perceptions/includes/results_controls.html"
#: What results.html reads outside the rendered parts; the rest stays in them.
PAGE_KEYS = ("years", "latest", "missing_waves")


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


def render_panels(context: dict[str, Any], request: HttpRequest) -> dict[str, str]:
    """A dashboard context's selects, key findings and panels (trend, wards, London, fear gap)."""
    context = {**context, "controls": controls(context)}
    return {
        "controls_html": render_to_string(CONTROLS_TEMPLATE, context, request),
        "findings_html": render_to_string(FINDINGS_TEMPLATE, context, request),
        "dashboard_panels": render_to_string(PANELS_TEMPLATE, context, request),
    }


def public_dashboard(
    results: SurveyResults, request: HttpRequest, *, measure: str | None, ward: str | None
) -> dict[str, Any]:
    """The public page's context for one question and ward: figures and rendered panels.

    `results` may come without its report (deferred): it is read only on a miss.
    """
    measure = measure if measure in QUESTION_CODES else QUESTION_CODES[0]
    ward = ward if ward in ward_names() else None
    survey = request.GET.get("survey") or ""  # the panels' ward links carry it

    def build() -> dict[str, Any]:
        stored = SurveyResults.objects.select_related("survey").get(pk=results.pk)
        context = dashboard(stored, measure=measure, ward=ward, staff=False)
        page = {name: context[name] for name in PAGE_KEYS}
        return {**page, **render_panels({**context, "staff": False}, request)}

    parts = (
        results.pk,
        results.generation,
        timezone.localdate().isoformat(),
        ward_generation(),
        get_language(),
        survey,
        measure,
        ward or "",
    )
    return RESULTS_RELEASES.cached(parts, build)
