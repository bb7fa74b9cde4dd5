"""Where one wing feeds another, drive the first and assert on what the second shows.

Each test here was written against a seam that had broken silently: both sides passed
their own tests while the connection between them (a signal keyword, a model attribute
looked up by name, a registry nobody registered with, a duplicated label) did nothing.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from comms.models import PlanItem, Subscriber
from comms.plan.rules import Findings, MeasureChange, falling_measures
from perceptions.labels import measure_label
from perceptions.models import SurveyResults
from perceptions.results.tasks import compute_results
from surveys.models import SurveyResponse
from surveys.unsafe_places import moderation
from tests.comms.alert_factories import SubscriberFactory
from tests.perceptions.factories import SurveyFactory, WaveFactory, generated_rows, store_responses
from tests.surveys.factories import SurveyResponseFactory
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator

pytestmark = pytest.mark.django_db

HEADER = "respondent_id,completed_at,ward_code,age_band,sex,mode,good_job,trust_mps,victim_types"


def test_importing_into_an_existing_wave_recomputes_the_published_results(
    wards, tmp_path, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(slug="annual-survey")
    wave = WaveFactory(survey=survey, year=2024)
    store_responses(wave, generated_rows([w.code for w in wards], seed=3))
    compute_results.enqueue(survey.id)
    before = SurveyResults.objects.get(survey=survey)
    counted = before.report["respondents"]["2024"]

    path = tmp_path / "more.csv"
    path.write_text(
        f"{HEADER}\nX1,2024-05-01,{wards[0].code},35-49,female,paper,good,tend_to_agree,\n"
        f"X2,2024-05-02,{wards[1].code},65+,male,online,poor,tend_to_disagree,\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_responses",
            str(path),
            "--survey",
            "annual-survey",
            "--wave",
            "2024",
            stdout=io.StringIO(),
        )

    after = SurveyResults.objects.get(survey=survey)
    assert after.generation == before.generation + 1
    assert after.report["respondents"]["2024"] == counted + 2


def test_a_moderators_outcome_note_appears_on_you_said_we_did(client, wards):
    reports = UnsafePlaceReportFactory.create_batch(2, ward=wards[0])
    moderation.group_duplicates(reports, moderator(), label="Station car park")
    moderation.set_public_note(reports[0], "Street lights repaired on 3 March", moderator())
    lone = UnsafePlaceReportFactory(ward=wards[1])
    moderation.set_public_note(lone, "Hedges cut <b>back</b>", moderator())

    page = client.get(reverse("comms:you_said_we_did")).content.decode()

    assert "Places you reported" in page
    assert page.count("Street lights repaired on 3 March") == 1  # a group is one place
    assert "Hedges cut back" in page and "<b>back" not in page


@override_settings(
    SURVEY_PARTIAL_RETENTION_DAYS=30,
    UNSAFE_PLACES_DESCRIPTION_RETENTION_DAYS=90,
    COMMS_UNCONFIRMED_RETENTION_DAYS=7,
)
def test_purge_expired_removes_what_the_privacy_notice_promises(wards):
    today = timezone.localdate()
    wave = WaveFactory()
    for respondent_id, days in (("old", 31), ("fresh", 2)):
        SurveyResponseFactory(
            wave=wave,
            respondent_id=respondent_id,
            completed_on=None,
            saved_on=today - timedelta(days=days),
        )
    closed = UnsafePlaceReportFactory(status="fixed", closed_on=today - timedelta(days=91))
    SubscriberFactory(confirmed_at=None, created_at=timezone.now() - timedelta(days=8))
    kept = SubscriberFactory(confirmed_at=None)

    out = io.StringIO()
    call_command("purge_expired", stdout=out)

    assert list(SurveyResponse.objects.values_list("respondent_id", flat=True)) == ["fresh"]
    closed.refresh_from_db()
    assert closed.description == ""
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [kept.pk]
    printed = out.getvalue()
    assert "surveys: partial survey responses: 1 purged" in printed
    assert "surveys: unsafe-place descriptions of closed cases: 1 purged" in printed
    assert "comms: unconfirmed alert sign-ups: 1 purged" in printed


def test_editors_are_not_offered_the_benchmark_page_type():
    from wagtail.models import get_page_models

    names = {model.__name__ for model in get_page_models()}
    assert "BenchmarkFormPage" not in names
    assert "SurveyPage" in names


def test_the_plan_and_the_results_pages_name_a_measure_alike():
    label = str(measure_label("trust_mps"))
    change = MeasureChange("trust_mps", 0.74, 0.68, significant=True)
    drafts = falling_measures(Findings(year=2026, changes=(change,)))
    assert drafts and all(label in draft.objective for draft in drafts)
    assert dict(PlanItem._meta.get_field("measure").choices)["trust_mps"] == label
