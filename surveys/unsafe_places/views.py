"""Public pages for unsafe-place reports: report, confirmation, look-up by reference,
the aggregated map and table, and the ward boundaries the maps draw.

The report form and the look-up are POSTs with CSRF protection and rate limits;
the confirmation is rendered in the POST response (not a redirect), so neither the
reference nor the fact of reporting lands in the address bar or browser history.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from communitysafety.common.govuk import select_field
from communitysafety.common.ratelimit import Limit, is_limited
from communitysafety.wards.lookup import ward_generation
from surveys.geocoding import get_geocoder
from surveys.models.unsafe_places import UnsafePlaceReport, normalise_reference
from surveys.unsafe_places import cache, conf
from surveys.unsafe_places.enums import Reason, TimeOfDay
from surveys.unsafe_places.forms import ReferenceLookupForm, UnsafePlaceForm
from surveys.unsafe_places.submission import store_report

TEMPLATES = "surveys/unsafe_places/"
LOOKUP_LIMIT = Limit("unsafe_places_lookup", 30, 3600)
EXIT_URL_DEFAULT = "https://www.bbc.co.uk/weather"


def _page_context() -> dict:
    return {
        "exit_url": getattr(settings, "UNSAFE_PLACES_EXIT_URL", EXIT_URL_DEFAULT),
        "tile_url": settings.MAP_TILE_URL,
    }


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _empty_fields_key(form: UnsafePlaceForm) -> str | None:
    """The cache part for the empty form's fields, or None for a form with answers.

    The empty form is the same for every resident (the CSRF token is outside the cached
    fields), and its radios and checkboxes were most of the page's rendering time; it
    changes only with the wards and with whether postcodes are taken.
    """
    if form.is_bound:
        return None
    return f"{ward_generation()}-{'postcode' if 'postcode' in form.fields else 'no-postcode'}"


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """Report a place: a pin on the map, or the place in words and a ward."""
    status = 200
    if request.method == "POST":
        form = UnsafePlaceForm(request.POST, geocoder=get_geocoder())
        count, seconds = conf.submit_limit()
        if is_limited(request, Limit("unsafe_places_submit", count, seconds)):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot of reports in a short time. Please try again in an hour.",
            )
            status = 429
        elif form.is_valid():
            saved = store_report(form.to_new_report())
            context = {**_page_context(), "report": saved}
            return _no_store(TemplateResponse(request, TEMPLATES + "confirmation.html", context))
        else:
            status = 400
    else:
        form = UnsafePlaceForm(geocoder=get_geocoder())
    context = {**_page_context(), "form": form, "fields_cache": _empty_fields_key(form)}
    return _no_store(TemplateResponse(request, TEMPLATES + "report.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """What happened to my report: status and public outcome note only."""
    found = None
    status = 200
    form = ReferenceLookupForm(request.POST or None)
    if request.method == "POST":
        if is_limited(request, LOOKUP_LIMIT):
            form.is_valid()
            form.add_error(None, "Too many look-ups from here. Please try again in an hour.")
            status = 429
        elif form.is_valid():
            reference = normalise_reference(form.cleaned_data["reference"])
            found = (
                UnsafePlaceReport.objects.select_related("duplicate_group")
                .filter(reference=reference)
                .first()
                if reference
                else None
            )
            if found is None:
                form.add_error(
                    "reference",
                    "We cannot find a report with that reference. Check it and try again.",
                )
                status = 404
        else:
            status = 400
    context = {**_page_context(), "form": form, "found": found}
    return _no_store(TemplateResponse(request, TEMPLATES + "lookup.html", context, status=status))


@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    """The aggregated map and table, filterable by reason and time of day."""
    reason = request.GET.get("reason", "")
    time_of_day = request.GET.get("time_of_day", "")
    reason = reason if reason in Reason.values else ""
    time_of_day = time_of_day if time_of_day in TimeOfDay.values else ""
    cached = cache.public_map(request, reason, time_of_day)
    # Only the filters that are set, so the map's summary fetch never sends a blank code.
    query = urlencode({k: v for k, v in (("reason", reason), ("time_of_day", time_of_day)) if v})
    context = {
        **_page_context(),
        "summary": cached["summary"],
        "tables": cached["tables"],
        "filters": [
            select_field("reason", _("Reason"), [("", _("All reasons")), *Reason.choices], reason),
            select_field(
                "time_of_day",
                _("Time of day"),
                [("", _("Any time of day")), *TimeOfDay.choices],
                time_of_day,
            ),
        ],
        "query": query,
    }
    response = TemplateResponse(request, TEMPLATES + "map.html", context)
    response["Cache-Control"] = "public, max-age=300"
    return response
