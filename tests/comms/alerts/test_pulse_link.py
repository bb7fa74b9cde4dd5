"""Subscribers' consent to link pulse answers: given, withdrawn, purged, and the aggregate."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from comms.alerts.linking import informed_by_alerts, purge_ended_links
from comms.alerts.links import Purpose, make_token
from comms.models import Subscriber
from communitysafety.common.retention import purge_expired
from surveys.models import PulseResponse
from surveys.pulse.storage import read_link, store_pulse_response
from tests.comms.alert_factories import SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db


def _manage(subscriber) -> str:
    return reverse("comms:alerts_manage", args=[make_token(subscriber, Purpose.MANAGE)])


def _answer(ward, key="", informed="fairly_well"):
    return store_pulse_response(
        ward=ward, age_band="35-49", answers={"informed_local": informed}, link_key=key
    )


def test_linking_is_off_by_default_and_the_pulse_link_carries_no_key(client, wards):
    subscriber = SubscriberFactory(wants_events=True)
    html = client.get(_manage(subscriber)).content.decode()
    checkbox = html[html.index('name="pulse_link"') :].split(">", 1)[0]
    assert "checked" not in checkbox  # off by default
    assert 'href="/pulse/"' in html
    assert subscriber.pulse_link_key == ""


def test_consent_creates_a_random_key_that_the_pulse_answers_carry(client, site, wards):
    subscriber = SubscriberFactory(wants_events=True, email="Resident@Example.org")
    response = client.post(_manage(subscriber), {"wants_events": "on", "pulse_link": "on"})
    subscriber.refresh_from_db()
    key = subscriber.pulse_link_key
    assert len(key) == 32 and subscriber.pulse_link_consented_at is not None
    assert "resident" not in key.lower() and subscriber.fingerprint not in key
    link = parse_qs(urlparse(response.context["pulse_url"]).query)["link"][0]
    assert link != key and read_link(link) == key  # signed, not the bare key
    client.post(
        reverse("surveys:pulse"),
        {
            "informed_local": "very_well",
            "feel_safe_night": "fairly_safe",
            "trust_mps": "tend_to_agree",
            "ward": wards[0].pk,
            "age_band": "50-64",
            "link": link,
        },
    )
    assert PulseResponse.objects.get().link_key == key
    assert "Resident@Example.org".lower() not in str(PulseResponse.objects.values().get())


def test_withdrawing_unlinks_every_answer_already_given(client, wards):
    subscriber = SubscriberFactory(wants_events=True)
    url = _manage(subscriber)
    client.post(url, {"wants_events": "on", "pulse_link": "on"})
    subscriber.refresh_from_db()
    _answer(wards[0], subscriber.pulse_link_key)
    client.post(url, {"wants_events": "on"})
    subscriber.refresh_from_db()
    assert subscriber.pulse_link_key == "" and subscriber.pulse_link_consented_at is None
    assert PulseResponse.objects.get().link_key == ""  # the answer stays, unlinked


def test_unsubscribing_removes_the_link_with_the_subscription(client, wards):
    subscriber = SubscriberFactory(wants_events=True, pulse_link_key="c" * 32)
    _answer(wards[0], "c" * 32)
    client.post(reverse("comms:alerts_unsubscribe", args=[make_token(subscriber, Purpose.MANAGE)]))
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert PulseResponse.objects.get().link_key == ""


def test_the_retention_purge_removes_links_whose_subscription_has_gone(wards):
    kept = SubscriberFactory(pulse_link_key="k" * 32)
    gone = SubscriberFactory(pulse_link_key="g" * 32)
    _answer(wards[0], kept.pulse_link_key)
    _answer(wards[0], gone.pulse_link_key)
    Subscriber.objects.filter(pk=gone.pk).delete()  # e.g. deleted in the admin
    results = purge_expired()
    assert results["comms: pulse answers' links to ended subscriptions"] == 1
    assert sorted(PulseResponse.objects.values_list("link_key", flat=True)) == ["", "k" * 32]
    assert purge_ended_links() == 0  # idempotent


def test_analysts_see_only_aggregates_with_small_groups_suppressed(client, wards):
    subscriber = SubscriberFactory(pulse_link_key="s" * 32)
    for _ in range(4):
        _answer(wards[0], subscriber.pulse_link_key, "very_well")
    for n in range(20):
        _answer(wards[1], informed="not_at_all" if n % 2 else "fairly_well")
    linked, others = informed_by_alerts()
    assert (linked.n, linked.share) == (4, None)
    assert (others.n, others.share, others.low_base) == (20, 0.5, True)
    client.force_login(UserFactory(username="analyst", groups=["Analysts"]))
    html = client.get(reverse("comms_alert:informed")).content.decode()
    assert "suppressed" in html and "50%" in html
    assert "s" * 32 not in html and subscriber.email not in html


def test_ten_linked_answers_are_shown(wards):
    subscriber = SubscriberFactory(pulse_link_key="t" * 32)
    for n in range(10):
        _answer(wards[0], subscriber.pulse_link_key, "very_well" if n < 7 else "not_at_all")
    linked, _others = informed_by_alerts()
    assert linked.share == pytest.approx(0.7)


def _pulse_link_in(body: str) -> str:
    line = next(line for line in body.splitlines() if "three quick questions" in line)
    return line.rsplit(" ", 1)[1]


def _answers(ward) -> dict[str, str]:
    return {
        "informed_local": "fairly_well",
        "feel_safe_night": "fairly_safe",
        "trust_mps": "tend_to_agree",
        "ward": ward.pk,
        "age_band": "25-34",
    }


def _email_to(subscriber):
    """Send an alert to the subscriber's topic through the real fan-out; their email."""
    from django.core import mail
    from django.utils import timezone

    from comms.alerts.tasks import fan_out
    from comms.models import Alert, AlertStatus
    from tests.comms.alert_factories import AlertFactory

    alert = AlertFactory(topics=list(subscriber.topics.all()), status=AlertStatus.SENDING)
    Alert.objects.filter(pk=alert.pk).update(sending_started_at=timezone.now())
    fan_out.call(alert.pk)
    (message,) = [m for m in mail.outbox if m.to == [subscriber.email]]
    return message


def test_an_alert_email_links_a_consenting_subscribers_pulse_answers_to_them(client, site, wards):
    from comms.alerts.linking import give_consent
    from surveys.models import PulseSource
    from tests.comms.alert_factories import TopicFactory

    subscriber = SubscriberFactory(topics=[TopicFactory()])
    give_consent(subscriber)
    message = _email_to(subscriber)
    url = _pulse_link_in(message.body)
    assert url in message.alternatives[0].content.replace("&amp;", "&")
    query = parse_qs(urlparse(url).query)
    assert query["at"] == ["alert"] and read_link(query["link"][0]) == subscriber.pulse_link_key
    form = client.get(url)
    assert 'name="at" value="alert"' in form.content.decode()
    client.post(
        reverse("surveys:pulse"), {**_answers(wards[0]), **{k: v[0] for k, v in query.items()}}
    )
    answer = PulseResponse.objects.get()
    assert (answer.link_key, answer.source) == (subscriber.pulse_link_key, PulseSource.ALERT)


def test_without_consent_the_alert_emails_pulse_link_links_nothing_but_counts_as_alert(
    client, site, wards
):
    from surveys.models import PulseSource
    from tests.comms.alert_factories import TopicFactory

    subscriber = SubscriberFactory(topics=[TopicFactory()])
    url = _pulse_link_in(_email_to(subscriber).body)
    query = parse_qs(urlparse(url).query)
    assert query == {"at": ["alert"]}
    client.post(reverse("surveys:pulse"), {**_answers(wards[0]), "at": "alert"})
    answer = PulseResponse.objects.get()
    assert (answer.link_key, answer.source) == ("", PulseSource.ALERT)


def test_an_unknown_at_parameter_is_ignored(client, site, wards):
    from surveys.models import PulseSource

    client.post(reverse("surveys:pulse"), {**_answers(wards[0]), "at": "<script>"})
    assert PulseResponse.objects.get().source == PulseSource.ONLINE
