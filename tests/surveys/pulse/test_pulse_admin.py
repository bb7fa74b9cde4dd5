"""Analysts list, filter and download pulse answers in the admin; no-one sees link keys."""

import csv
import io

import pytest
from django.utils import timezone

from surveys.models import PulseSource
from surveys.pulse.storage import store_pulse_response
from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/survey_pulse/"
KEY = "f" * 32


def _answer(ward, source=PulseSource.ONLINE, key="", informed="very_well"):
    return store_pulse_response(
        ward=ward,
        age_band="35-49",
        answers={"informed_local": informed, "feel_safe_night": "fairly_safe"},
        source=source,
        link_key=key,
    )


def test_an_analyst_filters_pulse_answers_by_source_and_ward(client, wards):
    _answer(wards[0], PulseSource.EVENT)
    _answer(wards[1], PulseSource.ALERT, key=KEY, informed="not_at_all")
    client.force_login(UserFactory(groups=["Analysts"]))
    listing = client.get(URL)
    assert listing.status_code == 200
    assert listing.content.decode().count("fairly_safe") == 2
    alerts = client.get(URL, {"source": PulseSource.ALERT}).content.decode()
    assert "not_at_all" in alerts and "very_well" not in alerts
    in_ward = client.get(URL, {"ward": wards[0].pk}).content.decode()
    assert "very_well" in in_ward and "not_at_all" not in in_ward
    assert KEY not in listing.content.decode() + alerts + in_ward


def test_the_download_has_every_answer_and_no_link_key(client, wards):
    _answer(wards[0], PulseSource.ALERT, key=KEY)
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get(URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert (
        row["Informed local"] == "very_well" and row["Source"] == PulseSource.ALERT
    )  # codes, as the contract
    assert row["Completed on"] == timezone.localdate().isoformat()
    assert KEY not in body


def test_editors_and_moderators_cannot_see_pulse_answers(client, wards):
    _answer(wards[0])
    for group in ("Editors", "Moderators"):
        client.force_login(UserFactory(groups=[group]))
        assert client.get(URL).status_code in (302, 403)
