"""Subscribe, double opt-in, manage and unsubscribe (including RFC 8058 one-click)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from comms.alerts.links import Purpose, make_token
from comms.models import Delivery, Subscriber
from tests.comms.alert_factories import (
    DeliveryFactory,
    SubscriberFactory,
    TopicFactory,
    WardFactory,
)
from tests.comms.notify_server import FakeNotify, use_notify

pytestmark = pytest.mark.django_db


def _form(**overrides):
    topic = TopicFactory(slug="burglary", name="Burglary")
    data = {"email": "new@example.org", "topics": [topic.pk], "consent": "on"}
    data.update(overrides)
    return data


def _link(body: str, kind: str) -> str:
    match = re.search(rf"http://testserver(/alerts/{kind}/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


def test_sign_up_stores_choices_unconfirmed_and_emails_a_confirm_link(client):
    ward = WardFactory()
    response = client.post(
        reverse("comms:alerts_subscribe"),
        _form(mobile="07700 900982", wards=[ward.pk], wants_events="on"),
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="new@example.org")
    assert subscriber.confirmed_at is None
    # Email only (Django's mailer): no text messages on offer, so no number is kept.
    assert subscriber.mobile == "" and subscriber.mobile_consented_at is None
    assert list(subscriber.wards.all()) == [ward]
    assert subscriber.wants_events and not subscriber.wants_survey_results
    assert subscriber.consent_wording == "2026-11"
    assert len(mail.outbox) == 1
    assert "/alerts/confirm/" in mail.outbox[0].body


def test_confirming_from_the_emailed_link_records_consent_time(client):
    client.post(reverse("comms:alerts_subscribe"), _form())
    path = _link(mail.outbox[0].body, "confirm")
    assert client.get(path).status_code == 200
    assert Subscriber.objects.get().confirmed_at is None  # GET alone never confirms
    response = client.post(path)
    assert response.status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "correct format"),
        ("a@example.org\r\nBcc: victim@example.org", "one email address"),
        ("a@example.org, b@example.org", "one email address"),
    ],
)
def test_bad_addresses_are_rejected_with_an_error_summary(client, email, message):
    response = client.post(reverse("comms:alerts_subscribe"), _form(email=email))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("mobile", ["12345", "020 7946 0000", "07700 900982\nX-Evil: 1"])
def test_bad_mobile_numbers_are_rejected(client, settings, mobile):
    use_notify(settings)
    response = client.post(
        reverse("comms:alerts_subscribe"), _form(mobile=mobile, sms_consent="on")
    )
    assert "There is a problem" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_choosing_nothing_to_hear_about_is_an_error(client):
    response = client.post(reverse("comms:alerts_subscribe"), _form(topics=[]))
    assert "Choose at least one topic" in response.content.decode()


def test_signing_up_again_does_not_reveal_or_change_an_existing_subscription(client):
    existing = SubscriberFactory(email="known@example.org", wants_events=True)
    fresh = client.post(reverse("comms:alerts_subscribe"), _form(email="unknown@example.org"))
    again = client.post(reverse("comms:alerts_subscribe"), _form(email="known@example.org"))
    assert fresh.status_code == again.status_code == 302
    assert fresh["Location"] == again["Location"]
    existing.refresh_from_db()
    assert existing.wants_events and existing.topics.count() == 0  # choices untouched
    assert "/alerts/manage/" in mail.outbox[1].body  # the owner gets a manage link instead


def test_sign_up_is_rate_limited(client, settings):
    settings.COMMS_SUBSCRIBE_RATE = (2, 60)
    for n in range(2):
        client.post(reverse("comms:alerts_subscribe"), _form(email=f"r{n}@example.org"))
    response = client.post(reverse("comms:alerts_subscribe"), _form(email="r9@example.org"))
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="r9@example.org").exists()


def test_expired_confirm_link_says_so_and_offers_a_new_one(client, settings):
    subscriber = SubscriberFactory(confirmed_at=None)
    token = make_token(subscriber, Purpose.CONFIRM)
    settings.COMMS_CONFIRM_LINK_MAX_AGE = -1
    response = client.post(reverse("comms:alerts_confirm", args=[token]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "Send me a new link" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_tampered_link_says_so(client):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.MANAGE)
    other = SubscriberFactory()
    forged = token.replace(f"{subscriber.pk}.", f"{other.pk}.", 1)
    response = client.post(reverse("comms:alerts_unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_a_confirm_link_cannot_be_used_to_unsubscribe(client):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.CONFIRM)
    response = client.post(reverse("comms:alerts_unsubscribe", args=[token]))
    assert response.status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_new_link_request_answers_the_same_for_unknown_addresses(client):
    SubscriberFactory(email="known@example.org")
    known = client.post(reverse("comms:alerts_new_link"), {"email": "known@example.org"})
    unknown = client.post(reverse("comms:alerts_new_link"), {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["known@example.org"]]


def test_manage_page_changes_choices(client):
    subscriber = SubscriberFactory(wants_events=True)
    topic = TopicFactory()
    token = make_token(subscriber, Purpose.MANAGE)
    response = client.post(
        reverse("comms:alerts_manage", args=[token]),
        {"topics": [topic.pk], "wants_survey_results": "on", "mobile": ""},
    )
    assert "Your choices are saved" in response.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.wants_events and subscriber.wants_survey_results
    assert list(subscriber.topics.all()) == [topic]


def test_unsubscribing_deletes_the_person_and_keeps_delivery_figures(client):
    delivery = DeliveryFactory(status="sent")
    subscriber = delivery.subscriber
    token = make_token(subscriber, Purpose.MANAGE)
    response = client.post(reverse("comms:alerts_unsubscribe", args=[token]))
    assert "You have unsubscribed" in response.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    delivery = Delivery.objects.get(pk=delivery.pk)
    assert delivery.subscriber_id is None and delivery.status == "sent"
    assert delivery.alert.figures()["unsubscribed"] == 1


def test_rfc8058_one_click_post_unsubscribes_without_csrf_or_cookies(client):
    from django.test import Client

    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.MANAGE)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("comms:alerts_one_click", args=[token]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    again = strict.post(reverse("comms:alerts_one_click", args=[token]))
    assert again.status_code == 200  # already gone: still a success


def test_one_click_rejects_a_tampered_token(client):
    SubscriberFactory()
    response = client.post(reverse("comms:alerts_one_click", args=["1.abc:forged:sig"]))
    assert response.status_code == 400
    assert Subscriber.objects.count() == 1


def test_the_human_unsubscribe_form_still_needs_csrf():
    from django.test import Client

    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.MANAGE)
    response = Client(enforce_csrf_checks=True).post(
        reverse("comms:alerts_unsubscribe", args=[token])
    )
    assert response.status_code == 403
    assert Subscriber.objects.exists()


def test_without_notify_no_mobile_number_is_asked_for(client):
    page = client.get(reverse("comms:alerts_subscribe")).content.decode()
    assert 'name="mobile"' not in page and 'name="sms_consent"' not in page


def test_with_notify_a_number_is_kept_only_with_consent_and_purged_with_the_subscriber(
    client, settings
):
    with FakeNotify(8207) as notify:
        use_notify(settings, notify.base_url)
        page = client.get(reverse("comms:alerts_subscribe")).content.decode()
        assert 'name="mobile"' in page and 'name="sms_consent"' in page
        refused = client.post(reverse("comms:alerts_subscribe"), _form(mobile="07700 900982"))
        assert refused.status_code == 200 and "Tick the box to get text messages" in (
            refused.content.decode()
        )
        assert not Subscriber.objects.exists() and notify.requests == []
        response = client.post(
            reverse("comms:alerts_subscribe"), _form(mobile="07700 900982", sms_consent="on")
        )
        assert response.status_code == 302
        subscriber = Subscriber.objects.get(email="new@example.org")
        assert subscriber.mobile == "+447700900982" and subscriber.mobile_consented_at
        # The confirmation went through Notify (email), signed with the API key.
        assert [kind for kind, _ in notify.requests] == ["email"] and notify.refused_auth == 0
        assert notify.requests[0][1]["email_address"] == "new@example.org"
        token = make_token(subscriber, Purpose.MANAGE)
        client.post(reverse("comms:alerts_unsubscribe", args=[token]))
    assert not Subscriber.objects.filter(mobile="+447700900982").exists()


def test_manage_page_keeps_a_new_number_only_with_consent_and_clearing_it_forgets_it(
    client, settings
):
    use_notify(settings)
    subscriber = SubscriberFactory(wants_events=True)
    url = reverse("comms:alerts_manage", args=[make_token(subscriber, Purpose.MANAGE)])
    refused = client.post(url, {"wants_events": "on", "mobile": "07700900123"})
    assert "Tick the box to get text messages" in refused.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.mobile == ""
    client.post(url, {"wants_events": "on", "mobile": "07700900123", "sms_consent": "on"})
    subscriber.refresh_from_db()
    assert subscriber.mobile == "+447700900123" and subscriber.mobile_consented_at
    client.post(url, {"wants_events": "on", "mobile": ""})
    subscriber.refresh_from_db()
    assert subscriber.mobile == "" and subscriber.mobile_consented_at is None
