"""The public pulse survey: three questions, offered to subscribers and at events.

No IP address is stored (the rate limit keys on a salted, daily, cache-only hash); only
the date is kept. A subscriber who agreed to link their answers arrives with a signed
``link`` parameter; anyone else's answers are not linked to anything.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from communitysafety.common.ratelimit import Limit, is_limited
from surveys.models import PulseSource
from surveys.pulse.forms import PulseForm
from surveys.pulse.storage import read_link, store_pulse_response

T = "surveys/pulse/"
# `?at=` on the links we hand out: event tablets and the pulse link in alert emails.
AT_SOURCES = {"event": PulseSource.EVENT, "alert": PulseSource.ALERT}


def _submit_limit() -> Limit:
    """20 answers an hour per client (an event's shared tablet stays well under it)."""
    count, seconds = getattr(settings, "PULSE_SUBMIT_LIMIT", (20, 3600))
    return Limit("pulse-submit", count, seconds)


@never_cache
@require_http_methods(["GET", "POST"])
def pulse(request: HttpRequest) -> HttpResponse:
    link = request.POST.get("link") or request.GET.get("link", "")
    at = request.POST.get("at") or request.GET.get("at", "")
    at = at if at in AT_SOURCES else ""
    form = PulseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if is_limited(request, _submit_limit()):
            return render(request, T + "too_many.html", status=429)
        if form.is_valid():
            key = read_link(link)
            source = AT_SOURCES.get(at) or (PulseSource.ALERT if key else PulseSource.ONLINE)
            data = form.cleaned_data
            store_pulse_response(
                ward=data["ward"],
                age_band=data["age_band"],
                answers={
                    code: data[code] for code in form.fields if code not in {"ward", "age_band"}
                },
                source=source,
                link_key=key,
            )
            return render(request, T + "thanks.html")
    context = {"form": form, "link": link, "at": at}
    return render(request, T + "pulse.html", context, status=400 if form.errors else 200)
