"""Partial responses are purged after the retention period; completed ones never are."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from surveys import answer_store
from surveys.annual.tasks import purge_partial_survey_responses
from surveys.models import SurveyResponse
from tests.surveys.factories import SurveyResponseFactory, WaveFactory, add_answer

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def make(wave, respondent_id, saved_days_ago, completed):
    response = SurveyResponseFactory(
        wave=wave,
        respondent_id=respondent_id,
        completed_on=TODAY - datetime.timedelta(days=90) if completed else None,
        saved_on=TODAY - datetime.timedelta(days=saved_days_ago),
    )
    add_answer(response)
    return response


@override_settings(SURVEY_PARTIAL_RETENTION_DAYS=30)
def test_purge_deletes_old_partial_responses_and_their_answers_only():
    wave = WaveFactory()
    make(wave, "old-partial", 31, completed=False)
    make(wave, "fresh-partial", 29, completed=False)
    make(wave, "old-complete", 365, completed=True)
    call_command("purge_partial_responses")
    assert set(SurveyResponse.objects.values_list("respondent_id", flat=True)) == {
        "fresh-partial",
        "old-complete",
    }
    assert answer_store.answer_count(SurveyResponse.objects.all()) == 2


@override_settings(SURVEY_PARTIAL_RETENTION_DAYS=7)
def test_purge_task_follows_the_setting_and_is_idempotent():
    wave = WaveFactory()
    make(wave, "a", 8, completed=False)
    assert purge_partial_survey_responses.enqueue().return_value == 1
    assert purge_partial_survey_responses.enqueue().return_value == 0
