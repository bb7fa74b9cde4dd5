"""The public map page's figures and tables, kept until a report or its outcome changes.

`/unsafe-places/` counts every report by ward, reason, time of day and outcome on each
view (eight queries) and renders three tables of twenty wards. :func:`public_map` keeps
the rendered tables and the two figures the page heads with, per filter, in the shared
cache under the ``unsafe-places`` generation, which a saved or deleted report, reason
or duplicate group bumps (:func:`connect`, from the app's ``ready``). No whole-page-cached
page shows these figures, so the generation does not retire pages.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from communitysafety.common.page_cache import Generation
from communitysafety.wards.lookup import ward_generation
from surveys.unsafe_places import aggregates, conf
from surveys.unsafe_places.enums import Reason

UNSAFE_PLACES = Generation("unsafe-places", retires_pages=False)
TABLES_TEMPLATE = "surveys/unsafe_places/_map_tables.html"


def bump(**kwargs: object) -> None:
    """Retire the cached figures now and once the transaction commits (a signal receiver).

    Now, for this process's next page; on commit, so that a page rebuilt meanwhile from
    the data before the commit (a report's reasons are stored after the report) is not kept.
    """
    UNSAFE_PLACES.bump()
    transaction.on_commit(UNSAFE_PLACES.bump)


def connect() -> None:
    """Bump on every change to what the aggregates count or show."""
    from surveys.models.unsafe_places import DuplicateGroup, UnsafePlaceReason, UnsafePlaceReport

    for model in (UnsafePlaceReport, UnsafePlaceReason, DuplicateGroup):
        uid = f"unsafe-places-cache-{model.__name__}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-deleted")


def public_map(request: HttpRequest, reason: str, time_of_day: str) -> dict[str, Any]:
    """``summary`` (the suppression threshold and the total) and the rendered ``tables``."""

    def build() -> dict[str, Any]:
        data = aggregates.summary(reason=reason, time_of_day=time_of_day)
        context = {"summary": data, "reasons": Reason.choices}
        return {
            "summary": {"suppressed_below": data["suppressed_below"], "total": data["total"]},
            "tables": render_to_string(TABLES_TEMPLATE, context, request),
        }

    parts = (reason, time_of_day, conf.suppress_below(), ward_generation(), get_language())
    return UNSAFE_PLACES.cached(parts, build)
