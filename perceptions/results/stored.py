"""Which stored results a results page shows: one query, or none while nothing changed.

Every view of `/results/` first finds the survey's stored results (``?survey=slug``, else
the first survey by title that has computed ones). The public page needs only their id,
generation and survey (the panels are cached under the generation, `panels.py`), so
:func:`public_results` keeps those few fields of every computed survey in the shared cache
under the ``stored-results`` generation, which moves when:

- a computation commits (:func:`perceptions.results.generation.refresh_results` bumps it
  now and once its transaction commits: the generation is stored with ``update()``, which
  sends no signal);
- stored results or a survey are saved or deleted (`perceptions.signals`).

One entry whatever the query string says: a made-up slug is looked up in it, not stored.
No whole-page-cached page shows these rows, so the generation does not retire pages.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from communitysafety.common.page_cache import Generation
from perceptions.models import SurveyResults

STORED_RESULTS = Generation("stored-results", retires_pages=False)
#: What the public page reads of the stored results; anything else would be a query.
PUBLIC_FIELDS = ("generation", "survey__slug", "survey__title")


def bump(**kwargs: object) -> None:
    """Retire the cached lookup now and once the transaction commits (a signal receiver).

    Now, for this process's next page; on commit, so that a lookup made meanwhile from
    the rows before the commit is not kept.
    """
    STORED_RESULTS.bump()
    transaction.on_commit(STORED_RESULTS.bump)


def computed() -> QuerySet[SurveyResults]:
    """Stored results that have been computed at least once, with their survey."""
    return SurveyResults.objects.select_related("survey").filter(generation__gt=0)


def chosen(results: QuerySet[SurveyResults], slug: str | None) -> SurveyResults | None:
    """The results of survey `slug` when given, else the first survey's by title."""
    if slug:
        return results.filter(survey__slug=slug).first()
    return results.order_by("survey__title").first()


def public_results(slug: str | None) -> SurveyResults | None:
    """:func:`chosen` from the cached rows: id, generation and survey slug and title only."""

    def build() -> list[SurveyResults]:
        return list(computed().only(*PUBLIC_FIELDS).order_by("survey__title"))

    rows = STORED_RESULTS.cached((), build)
    if slug:
        return next((r for r in rows if r.survey.slug == slug), None)
    return rows[0] if rows else None
