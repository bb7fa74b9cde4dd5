"""Hostile strings in alerts (title, rich-text body), the residents' sign-up forms and
the communications plan: cleaned on the way in, escaped on every page that shows
them, never a header or formula on the way out (email, text message, CSV, XLSX, ICS)."""

import email

import pytest
from django.urls import reverse

from comms.alerts.delivery.django_mail import build_message
from comms.alerts.messages import alert_email, alert_sms
from comms.models import Alert, CommunicationsPlan, PlanItem, Subscriber
from comms.models.alerts import ALERT_BODY_TAGS
from communitysafety.common.sanitise import clean_rich_text, plain_text
from tests.comms.alert_factories import PlanFactory, UserFactory, WardFactory
from tests.comms.notify_server import use_notify
from tests.security.hostile import (
    HOSTILE_STRINGS,
    RICH_TEXT,
    RICH_TEXT_GONE,
    RICH_TEXT_KEPT,
    assert_cells_safe,
    assert_no_live_markup,
    assert_plain,
    csv_cells,
    response_bytes,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


def _spreadsheets(client, path: str, **params) -> None:
    """The listing's CSV and XLSX exports hold no live formula (in XLSX a cell typed as
    text is inert whatever it starts with; xlsx_cells fails on a formula cell)."""
    csv_body = response_bytes(client.get(path, {**params, "export": "csv"})).decode()
    assert_cells_safe(csv_cells(csv_body))
    xlsx_cells(response_bytes(client.get(path, {**params, "export": "xlsx"})))


@pytest.fixture
def editor(client):
    user = UserFactory(username="hostile-editor", groups=["Editors"])
    client.force_login(user)
    return user


@pytest.fixture
def alerts(client, editor):
    """Every hostile string written as an alert's title and body through the admin form."""
    made = {}
    for text in [*HOSTILE_STRINGS, RICH_TEXT]:
        response = client.post(
            reverse("comms_alert:add"),
            {"title": text[:120], "body": f"<p>{text}</p>", "kind": "topic", "whole_borough": "on"},
        )
        if response.status_code == 302:
            made[text] = Alert.objects.latest("pk")
        else:  # refused with a message (nothing left of the title once cleaned, a NUL byte)
            assert response.status_code == 200
            assert_no_live_markup(response.content.decode())
    return made


def test_alert_titles_are_one_line_of_plain_text_and_bodies_keep_only_allowed_markup(alerts):
    assert len(alerts) >= len(HOSTILE_STRINGS) // 2
    for text, alert in alerts.items():
        assert alert.title == " ".join(plain_text(text[:120]).split())
        assert alert.title, text  # never an empty subject line
        assert alert.body == clean_rich_text(f"<p>{text}</p>", tags=ALERT_BODY_TAGS)
        for gone in RICH_TEXT_GONE:
            assert gone not in alert.body.lower(), (gone, text)
    rich = alerts[RICH_TEXT].body
    for kept in RICH_TEXT_KEPT:
        assert kept in rich


def test_alert_emails_and_texts_carry_no_markup_or_injected_header(alerts):
    for alert in alerts.values():
        message = alert_email(alert, None)
        assert "\n" not in message.subject and "\r" not in message.subject
        assert_no_live_markup(message.html)
        parsed = email.message_from_bytes(build_message(message).message().as_bytes())
        assert parsed["Injected-Header"] is None
        sms = alert_sms(alert)  # plain text: the body's markup is gone
        assert "<p>" not in sms and "<strong>" not in sms


def test_alert_admin_pages_and_exports_escape_the_text(client, alerts):
    assert_no_live_markup(client.get(reverse("comms_alert:index")).content.decode())
    for alert in alerts.values():
        review = client.get(reverse("comms_alert:review", args=[alert.pk]))
        assert review.status_code == 200
        assert_no_live_markup(review.content.decode())
    edit = client.get(reverse("comms_alert:edit", args=[alerts[RICH_TEXT].pk]))
    assert_no_live_markup(edit.content.decode())
    _spreadsheets(client, reverse("comms_alert:index"))


def test_sign_up_and_new_link_forms_refuse_hostile_details_and_echo_them_escaped(client, settings):
    settings.RATELIMIT_ENABLED = False
    use_notify(settings)  # text messages on offer: the mobile field is there to attack
    ward = WardFactory()
    for text in HOSTILE_STRINGS:
        for data in (
            {"email": text, "wards": [ward.pk], "consent": "on"},
            {
                "email": "resident@example.org",
                "mobile": text,
                "sms_consent": "on",
                "wards": [ward.pk],
                "consent": "on",
            },
        ):
            response = client.post(reverse("comms:alerts_subscribe"), data)
            assert response.status_code in (200, 400), (text, response.status_code)
            assert_no_live_markup(response.content.decode())
        response = client.post(reverse("comms:alerts_new_link"), {"email": text})
        assert_no_live_markup(response.content.decode())
    assert not Subscriber.objects.exists()


PLAN_TEXT_FIELDS = ("objective", "audience_groups", "key_message", "finding", "result")


@pytest.fixture
def plan(client, editor):
    """An approved plan whose items hold the corpus, written through the admin forms."""
    plan = PlanFactory(year=2025, status="approved", summary="")
    for text in HOSTILE_STRINGS:
        response = client.post(
            reverse("comms_plan_item:add"),
            {
                "plan": plan.pk,
                **dict.fromkeys(PLAN_TEXT_FIELDS, text[:255]),
                "channel": "roadshow",
                "status": "planned",
                "starts_on": "2025-03-01",
                "ends_on": "2025-03-02",
            },
        )
        if response.status_code != 302:  # refused with a message (a NUL byte)
            assert "\x00" in text or not plain_text(text), (text, response.status_code)
            assert_no_live_markup(response.content.decode())
    return plan


def test_plan_item_text_is_stored_plain(plan):
    items = list(PlanItem.objects.filter(plan=plan))
    assert len(items) >= len(HOSTILE_STRINGS) - 5
    typed = {plain_text(text[:255]): text[:255] for text in HOSTILE_STRINGS}
    for item in items:
        for field in PLAN_TEXT_FIELDS:
            value = getattr(item, field)
            assert value in typed, (field, value)
            assert_plain(value, typed[value])


def test_plan_pages_escape_the_text(client, plan):
    pages = [
        reverse("comms_plan_item:index"),
        reverse("comms_plan:edit", args=[plan.pk]),
        reverse("comms_plan:evaluation", args=[plan.pk]),
        reverse("comms:you_said_we_did"),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_live_markup(response.content.decode())


def test_plan_exports_neutralise_formulas_and_calendar_injection(client, plan):
    from icalendar import Calendar

    client.force_login(UserFactory(username="hostile-plan-analyst", groups=["Analysts"]))
    csv_body = response_bytes(client.get(reverse("comms_plan:export", args=[plan.pk, "csv"])))
    assert_cells_safe(csv_cells(csv_body.decode()))
    xlsx = response_bytes(client.get(reverse("comms_plan:export", args=[plan.pk, "xlsx"])))
    assert_cells_safe(xlsx_cells(xlsx))
    ics = response_bytes(client.get(reverse("comms_plan:export", args=[plan.pk, "ics"])))
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == plan.items.count()
    for event in events:
        assert "INJECTED-HEADER" not in event
    assert CommunicationsPlan.objects.filter(pk=plan.pk).exists()
    _spreadsheets(client, reverse("comms_plan_item:index"))
