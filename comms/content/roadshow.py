"""The roadshow planner: where the survey heard too few people, and an event draft for each.

Editors who plan roadshows see the latest wave's ward × age groups ranked by shortfall
(computed by ``perceptions``, read through its typed :func:`where_to_go_next`), each with a
link to Wagtail's "add event" page under the events index, the ward already chosen.
Wagtail's create view has no way to prefill a field, so :class:`EventCreateView` reads
``?ward=GSS-code`` on that one URL.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views.pages.create import CreateView

from comms.models import EventIndexPage, EventPage
from communitysafety.wards.models import Ward
from perceptions.results.representativeness import where_to_go_next


def event_draft_url(index: EventIndexPage, ward_code: str) -> str:
    """Wagtail's "add event page" under ``index``, with the ward prefilled."""
    add = reverse(
        "wagtailadmin_pages:add",
        args=(EventPage._meta.app_label, EventPage._meta.model_name, index.pk),
    )
    return f"{add}?{urlencode({'ward': ward_code})}"


def roadshow_planner(request: HttpRequest) -> HttpResponse:
    """`/admin/roadshow-planner/`: who we have not heard, and an event draft link per row."""
    index = EventIndexPage.objects.first()
    can_add = index is not None and index.permissions_for_user(request.user).can_add_subpage()
    if not can_add and not request.user.has_perm("perceptions.view_surveyresults"):
        raise PermissionDenied
    rows = [
        {"shortfall": row, "draft_url": event_draft_url(index, row.ward_code) if can_add else None}
        for row in where_to_go_next(limit=15)
    ]
    return TemplateResponse(
        request,
        "comms/admin/roadshow_planner.html",
        {"rows": rows, "has_index": index is not None, "can_add": can_add},
    )


class EventCreateView(CreateView):
    """Wagtail's create view for events, with the ward taken from ``?ward=`` (planner links)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("ward", "")
        if code:
            self.page.ward = Ward.objects.filter(code=code).first()
        return super().get(request)
