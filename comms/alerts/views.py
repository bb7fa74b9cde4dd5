"""Subscribe, confirm, manage and unsubscribe: no login, signed links only.

The sign-up page answers the same way whether or not an address is already
subscribed (the email that follows differs), so it cannot be used to find out
who gets alerts.
"""

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comms.alerts import conf, linking
from comms.alerts.delivery import sms_offered
from comms.alerts.forms import NewLinkForm, PreferencesForm, SubscribeForm
from comms.alerts.links import LinkExpired, LinkInvalid, Purpose, SubscriberGone, read_token
from comms.alerts.tasks import send_subscriber_email
from comms.models import Subscriber
from communitysafety.common.ratelimit import Limit, is_limited

T = "comms/alerts/"


def _limit() -> Limit:
    count, seconds = conf.get("COMMS_SUBSCRIBE_RATE")
    return Limit("comms-alerts-signup", count, seconds)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, T + "too_many.html", status=429)


def _link_problem(request: HttpRequest, error: Exception) -> HttpResponse:
    expired = isinstance(error, LinkExpired)
    return render(
        request,
        T + "link_problem.html",
        {"expired": expired, "form": NewLinkForm()},
        status=410 if expired else 400,
    )


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, offer_sms=sms_offered())
    if request.method == "POST":
        if is_limited(request, _limit()):
            return _too_many(request)
        if form.is_valid():
            _sign_up(form)
            return redirect("comms:alerts_check_email")
    return render(request, T + "subscribe.html", {"form": form})


def _mobile(number: str, consented_at=None) -> dict:
    """The number and when its consent was given; forms give a number only with consent."""
    if not number:
        return {"mobile": "", "mobile_consented_at": None}
    return {"mobile": number, "mobile_consented_at": consented_at or timezone.now()}


def _sign_up(form: SubscribeForm) -> None:
    email = form.cleaned_data["email"]
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(
                email=email,
                defaults={
                    **_mobile(form.cleaned_data["mobile"]),
                    "consent_wording": conf.get("COMMS_CONSENT_WORDING_VERSION"),
                },
            )
    except IntegrityError:  # signed up twice at once: the other request made the row
        subscriber, created = Subscriber.objects.get(email=email), False
    if subscriber.is_confirmed:
        # Never change a confirmed subscriber's choices from an unauthenticated form.
        send_subscriber_email.enqueue(subscriber.pk, "manage")
        return
    if not created:
        for name, value in _mobile(form.cleaned_data["mobile"]).items():
            setattr(subscriber, name, value)
        subscriber.consent_wording = conf.get("COMMS_CONSENT_WORDING_VERSION")
        subscriber.created_at = timezone.now()
        subscriber.save(
            update_fields=["mobile", "mobile_consented_at", "consent_wording", "created_at"]
        )
    form.save_choices(subscriber)
    send_subscriber_email.enqueue(subscriber.pk, "confirm")


def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, T + "check_email.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: link scanners in mail filters only GET."""
    try:
        subscriber = read_token(token, Purpose.CONFIRM)
    except LinkInvalid as error:
        return _link_problem(request, error)
    if request.method == "POST":
        if not subscriber.is_confirmed:
            Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now()
            )
        from comms.alerts.links import make_token

        return render(
            request, T + "confirmed.html", {"manage_token": make_token(subscriber, Purpose.MANAGE)}
        )
    return render(request, T + "confirm.html", {"token": token})


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.MANAGE)
    except LinkInvalid as error:
        return _link_problem(request, error)
    initial = {
        "mobile": subscriber.mobile,
        "sms_consent": bool(subscriber.mobile),
        "wards": subscriber.wards.all(),
        "topics": subscriber.topics.all(),
        "wants_events": subscriber.wants_events,
        "wants_survey_results": subscriber.wants_survey_results,
        "pulse_link": bool(subscriber.pulse_link_key),
    }
    form = PreferencesForm(request.POST or None, initial=initial, offer_sms=sms_offered())
    saved = False
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            number = form.cleaned_data["mobile"]
            kept = subscriber.mobile_consented_at if number == subscriber.mobile else None
            for name, value in _mobile(number, kept).items():
                setattr(subscriber, name, value)
            subscriber.save(update_fields=["mobile", "mobile_consented_at"])
            form.save_choices(subscriber)
            if form.cleaned_data["pulse_link"]:
                linking.give_consent(subscriber)
            elif subscriber.pulse_link_key:
                linking.withdraw_consent(subscriber)
        saved = True
    context = {
        "form": form,
        "token": token,
        "saved": saved,
        "pulse_url": linking.pulse_url(subscriber),
    }
    return render(request, T + "manage.html", context)


def _unsubscribe(subscriber: Subscriber) -> None:
    """Delete the person; their delivery rows keep the figures with an empty link, and
    their pulse answers stay but lose the link key."""
    with transaction.atomic():
        linking.withdraw_consent(subscriber)
        subscriber.delete()


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.MANAGE)
    except SubscriberGone:
        return render(request, T + "unsubscribed.html")
    except LinkInvalid as error:
        return _link_problem(request, error)
    if request.method == "POST":
        _unsubscribe(subscriber)
        return render(request, T + "unsubscribed.html")
    return render(request, T + "unsubscribe.html", {"token": token})


@csrf_exempt  # RFC 8058: mail clients POST here without cookies; the signed token is the proof.
@require_POST
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = read_token(token, Purpose.MANAGE)
    except SubscriberGone:
        return HttpResponse(status=200)
    except LinkExpired:
        return HttpResponse(status=410)
    except LinkInvalid:
        return HttpResponse(status=400)
    _unsubscribe(subscriber)
    return HttpResponse(status=200)


@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest) -> HttpResponse:
    """Ask for a fresh link; the answer never says whether the address is subscribed."""
    form = NewLinkForm(request.POST or None)
    if request.method == "POST":
        if is_limited(request, _limit()):
            return _too_many(request)
        if form.is_valid():
            subscriber = Subscriber.objects.filter(email=form.cleaned_data["email"]).first()
            if subscriber is not None:
                kind = "manage" if subscriber.is_confirmed else "confirm"
                send_subscriber_email.enqueue(subscriber.pk, kind)
            return redirect("comms:alerts_check_email")
    return render(request, T + "new_link.html", {"form": form})
