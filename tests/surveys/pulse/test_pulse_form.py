"""The public pulse survey: errors, storage, linking by a signed key, rate limit."""

import pytest
from django.test import override_settings
from django.urls import reverse

from surveys.models import PulseResponse
from surveys.pulse.storage import signed_link

pytestmark = pytest.mark.django_db
URL = reverse("surveys:pulse")


def answers(ward, **changes) -> dict:
    data = {
        "informed_local": "fairly_well",
        "feel_safe_night": "very_unsafe",
        "trust_mps": "dont_know",
        "ward": ward.pk,
        "age_band": "25-34",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_asks_three_questions_and_the_ward(client, site, wards):
    html = client.get(URL).content.decode()
    assert "How well informed do you feel" in html
    assert "after dark" in html and "I trust the Metropolitan Police Service" in html
    assert "Which ward do you live in?" in html


def test_an_empty_form_lists_every_missing_answer_in_an_error_summary(client, site, wards):
    response = client.post(URL, {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and "There is a problem" in html
    for message in (
        "Select how well informed you feel",
        "Select how safe you feel after dark",
        "Select how far you agree",
        "Select the ward you live in",
    ):
        assert message in html
    assert 'href="#id_informed_local_0"' in html and 'href="#id_ward"' in html
    assert "<title>Error:" in html
    assert not PulseResponse.objects.exists()


def test_an_unknown_answer_code_is_an_error_not_stored(client, site, wards):
    response = client.post(URL, answers(wards[0], informed_local="extremely"))
    assert response.status_code == 400
    assert not PulseResponse.objects.exists()


def test_answers_are_stored_with_the_date_and_no_address(client, site, wards):
    response = client.post(URL, answers(wards[0]), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    stored = PulseResponse.objects.get()
    assert (stored.informed_local, stored.feel_safe_night, stored.trust_mps) == (
        "fairly_well",
        "very_unsafe",
        "dont_know",
    )
    assert stored.ward == wards[0] and stored.age_band == "25-34"
    assert stored.source == "online" and stored.link_key == ""
    values = [str(getattr(stored, f.attname)) for f in PulseResponse._meta.concrete_fields]
    assert not any("203.0.113" in v for v in values)


def test_age_band_may_be_withheld(client, site, wards):
    client.post(URL, answers(wards[0], age_band=""))
    assert PulseResponse.objects.get().age_band == ""


def test_answers_at_an_event_are_marked_so(client, site, wards):
    client.post(URL + "?at=event", {**answers(wards[0]), "at": "event"})
    assert PulseResponse.objects.get().source == "event"


def test_a_signed_link_links_the_answers_and_a_forged_one_does_not(client, site, wards):
    client.post(URL, {**answers(wards[0]), "link": signed_link("a" * 32)})
    client.post(URL, {**answers(wards[0]), "link": "b" * 32})
    linked, unlinked = PulseResponse.objects.order_by("pk")
    assert linked.link_key == "a" * 32 and linked.source == "alert"
    assert unlinked.link_key == "" and unlinked.source == "online"


@override_settings(PULSE_SUBMIT_LIMIT=(2, 600))
def test_a_flood_of_answers_is_rate_limited(client, site, wards):
    statuses = [client.post(URL, answers(wards[0])).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert PulseResponse.objects.count() == 2
