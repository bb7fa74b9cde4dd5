"""The question bank: codes frozen once a wave has responses, skip rules, copying waves."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from surveys import contract
from surveys.annual.bank import copy_wave
from surveys.models import AnswerOption, Question
from tests.surveys.factories import SurveyResponseFactory, WaveFactory

pytestmark = pytest.mark.django_db


def test_standard_bank_holds_every_contract_question_with_its_answer_codes():
    wave = WaveFactory()
    for code, (answers, _positive, _measure) in contract.QUESTIONS.items():
        question = wave.questions.get(code=code)
        assert question.answer_codes() == [*answers, "dont_know", "refused"]


def test_question_code_can_change_before_responses_but_not_after():
    wave = WaveFactory()
    question = wave.questions.get(code="worry_crime")
    question.code = "worry_about_crime"
    question.save()
    SurveyResponseFactory(wave=wave)
    question.code = "worry_crime"
    with pytest.raises(ValidationError):
        question.save()
    with pytest.raises(ValidationError):
        question.full_clean()
    assert Question.objects.get(pk=question.pk).code == "worry_about_crime"


def test_answer_codes_are_frozen_and_questions_cannot_be_deleted_once_answered():
    wave = WaveFactory()
    SurveyResponseFactory(wave=wave)
    option = AnswerOption.objects.get(question__wave=wave, question__code="good_job", code="good")
    option.code = "ok"
    with pytest.raises(ValidationError):
        option.save()
    option.refresh_from_db()
    option.label = "Good (revised wording)"
    option.save()  # labels may still be revised
    with pytest.raises(ValidationError):
        wave.questions.get(code="worry_asb").delete()


def test_skip_rule_asks_follow_up_only_for_trigger_answers():
    wave = WaveFactory()
    follow_up = wave.questions.get(code="victim_reported")
    assert not follow_up.applies_to({})
    assert not follow_up.applies_to({"victim_12m": ["no"]})
    assert follow_up.applies_to({"victim_12m": ["yes"]})


def test_skip_rule_must_point_at_an_earlier_section():
    wave = WaveFactory()
    question = wave.questions.get(code="feel_safe_day")
    question.show_if_code = "victim_12m"
    question.show_if_answers = "yes"
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "show_if_code" in error.value.message_dict


def test_copying_a_wave_keeps_codes_and_options_but_leaves_retired_questions():
    wave = WaveFactory(year=2025)
    wave.questions.filter(code="worry_asb").update(retired=True)
    copied = copy_wave(wave, 2026)
    assert copied.year == 2026
    assert set(copied.questions.values_list("code", flat=True)) == set(
        wave.questions.active().values_list("code", flat=True)
    )
    assert (
        copied.questions.get(code="good_job").answer_codes()
        == wave.questions.get(code="good_job").answer_codes()
    )
    assert copied.sections.count() == wave.sections.count()


def test_copy_wave_command_creates_next_year():
    wave = WaveFactory(year=2025)
    call_command("copy_wave", "--survey", wave.survey.slug, "--from", "2025", "--to", "2026")
    assert wave.survey.waves.get(year=2026).questions.count() == wave.questions.count()
