"""Staff: analysts (only) see responses, the sample per ward and download exports."""

import pytest
from django.urls import reverse

from communitysafety.home.roles import ANALYSTS, EDITORS
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import SurveyResponseFactory, WaveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client):
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    return client


def test_analyst_lists_responses_filtered_by_completion_and_ward(analyst_client, wards):
    wave = WaveFactory()
    SurveyResponseFactory(wave=wave, respondent_id="DONE1", ward=wards[0])
    SurveyResponseFactory(wave=wave, respondent_id="DONE2", ward=wards[1])
    SurveyResponseFactory(wave=wave, respondent_id="PART1", completed_on=None, ward=wards[0])
    url = reverse("survey_responses:index")
    body = analyst_client.get(url, {"completed": "true", "ward": wards[0].pk}).content.decode()
    assert "DONE1" in body
    assert "DONE2" not in body and "PART1" not in body
    body = analyst_client.get(url, {"completed": "false"}).content.decode()
    assert "PART1" in body and "DONE1" not in body


def test_editor_cannot_see_responses_or_exports(client):
    wave = WaveFactory()
    client.force_login(UserFactory(username="editor", groups=[EDITORS]))
    assert client.get(reverse("survey_responses:index")).status_code in (302, 403)
    export = client.get(reverse("surveys_export", args=[wave.pk, "csv"]))
    assert export.status_code in (302, 403)
    assert "text/csv" not in export.get("Content-Type", "")
    assert client.get(reverse("survey_questions:index")).status_code == 200


def test_sample_by_ward_counts_completed_responses_against_target(analyst_client, wards):
    wave = WaveFactory(target_sample=2000)
    ward = wards[0]
    for index in range(3):
        SurveyResponseFactory(wave=wave, respondent_id=f"A{index}", ward=ward)
    SurveyResponseFactory(wave=wave, respondent_id="P", ward=ward, completed_on=None)
    response = analyst_client.get(reverse("surveys_sample", args=[wave.pk]))
    row = next(r for r in response.context["rows"] if r["ward"].pk == ward.pk)
    assert row["completed"] == 3
    total = sum(r["target"] for r in response.context["rows"])
    assert abs(total - 2000) <= len(wards)


def test_editor_copies_a_wave_in_the_admin(client):
    wave = WaveFactory(year=2025)
    client.force_login(UserFactory(username="editor", groups=[EDITORS]))
    response = client.post(reverse("surveys_copy_wave", args=[wave.pk]), {"year": 2026})
    assert response.status_code == 302
    assert wave.survey.waves.get(year=2026).questions.count() == wave.questions.count()
    response = client.post(reverse("surveys_copy_wave", args=[wave.pk]), {"year": 2026})
    assert "already has a wave" in response.content.decode()


def test_wave_overview_shows_exports_to_analysts_and_copy_to_editors(client, analyst_client):
    wave = WaveFactory()
    body = analyst_client.get(reverse("surveys_wave_overview")).content.decode()
    assert reverse("surveys_export", args=[wave.pk, "csv"]) in body
    assert reverse("surveys_copy_wave", args=[wave.pk]) not in body
    client.force_login(UserFactory(username="editor", groups=[EDITORS]))
    body = client.get(reverse("surveys_wave_overview")).content.decode()
    assert reverse("surveys_copy_wave", args=[wave.pk]) in body
    assert reverse("surveys_export", args=[wave.pk, "csv"]) not in body
