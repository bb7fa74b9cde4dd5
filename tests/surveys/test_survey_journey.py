"""A resident answers the survey: steps, skip logic, errors, save and resume, submit once."""

import datetime
import re

import pytest
from django.core import mail
from django.test import override_settings

from communitysafety.home.roles import ANALYSTS
from surveys import answer_store
from surveys.models import SurveyResponse
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import SECTION_ANSWERS, WaveFactory
from tests.surveys.journey import answer_sections, answer_up_to_about_you, url

pytestmark = pytest.mark.django_db


def test_survey_page_explains_the_survey_and_offers_start(client, wave):
    body = client.get("/survey/").content.decode()
    assert "It takes about 10 minutes" in body
    assert "We do not store your IP address." in body
    assert url("start") in body


def test_closed_and_not_yet_open_waves_get_a_clear_page(client, wave):
    wave.opens_on = datetime.date.today() + datetime.timedelta(days=3)
    wave.save()
    assert "This year's survey opens on" in client.get("/survey/").content.decode()
    response = client.post(url("start"))
    assert "This survey is not open" in response.content.decode()
    assert SurveyResponse.objects.count() == 0
    wave.opens_on, wave.closes_on = (
        datetime.date(2026, 1, 1),
        datetime.date.today() - datetime.timedelta(days=1),
    )
    wave.save()
    assert "The survey is closed" in client.get("/survey/").content.decode()


def test_complete_journey_stores_one_typed_response_without_client_details(client, wave):
    response = client.post(url("start"), REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Bot/1.0")
    assert SurveyResponse.objects.partial().count() == 1
    response = answer_sections(client, response)
    assert response["Location"] == url("check")
    check = client.get(url("check"))
    assert "Check your answers before sending them" in check.content.decode()
    assert client.post(url("check"))["Location"] == url("done")
    assert client.post(url("check"))["Location"] == url("done")  # double click
    done = client.get(url("done")).content.decode()
    assert "Your answers have been sent" in done and "/alerts/" in done
    stored = SurveyResponse.objects.get()
    assert stored.completed_on == datetime.date.today() and stored.mode == "online"
    assert stored.ward.code == "E05013967" and stored.age_band == "35-49"
    answers = answer_store.answers_of(stored)
    assert answers["trust_mps"] == ["tend_to_agree"] and answers["worry_asb"] == ["dont_know"]
    assert "victim_reported" not in answers  # skipped: victim_12m was "no"
    everyone = SurveyResponse.objects.all()
    dumped = repr(list(everyone.values())) + repr([answer_store.answers_of(r) for r in everyone])
    assert "203.0.113.9" not in dumped and "Bot/1.0" not in dumped


def test_missing_and_tampered_answers_show_an_error_summary_and_store_nothing(client, wave):
    location = client.post(url("start"))["Location"]
    response = client.post(location, {"feel_safe_day": "very_safe", "feel_safe_night": "hacked"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'href="#q-feel_safe_night"' in body and "Select one of the answers shown" in body
    assert 'href="#q-worry_crime"' in body
    assert answer_store.answer_count(SurveyResponse.objects.all()) == 0


def test_skip_logic_asks_follow_ups_only_for_victims_and_drops_them_on_change(client, wave):
    response = answer_sections(
        client, client.post(url("start")), **{"Keeping in touch": {"victim_12m": "yes"}}
    )
    assert response["Location"] == url("check")
    stored = SurveyResponse.objects.get()
    assert set(answer_store.answers_of(stored)["victim_types"]) == {"burglary", "online"}
    keeping = stored.wave.sections.get(title="Keeping in touch")
    change = client.post(
        url("step", keeping.pk) + "?change=1",
        {**SECTION_ANSWERS["Keeping in touch"], "victim_12m": "no"},
    )
    assert change["Location"] == url("check")
    stored.refresh_from_db()
    assert not [code for code in answer_store.answers_of(stored) if code.startswith("victim_r")]
    assert client.post(url("check"))["Location"] == url("done")


def test_free_text_is_stored_as_plain_text_and_length_limited(client, wave):
    overrides = {
        "Anything else": {"local_concerns": "<b>Fish & chips</b><script>alert(1)</script>"}
    }
    answer_sections(client, client.post(url("start")), **overrides)
    assert answer_store.answers_of(SurveyResponse.objects.get())["local_concerns"] == [
        "Fish & chips"
    ]
    section = SurveyResponse.objects.get().wave.sections.get(title="Anything else")
    response = client.post(url("step", section.pk), {"local_concerns": "x" * 501})
    assert response.status_code == 400 and "500 characters or fewer" in response.content.decode()
    check = client.get(url("check")).content.decode()
    assert "Fish &amp; chips" in check and "<script>" not in check


def test_save_and_resume_on_another_device_then_code_cannot_be_reused(client, client_factory, wave):
    location = client.post(url("start"))["Location"]
    client.post(location, {**SECTION_ANSWERS["Feeling safe"], "save_and_return": "1"})
    saved = client.get(url("save"))
    code = re.search(r'id="resume-code">([A-Z0-9-]+)<', saved.content.decode()).group(1)
    client.post(url("save"), {"email": "resident@example.org"})
    assert len(mail.outbox) == 1 and code in mail.outbox[0].body
    dumped = repr(list(SurveyResponse.objects.values()))
    assert "resident@example.org" not in dumped and code.replace("-", "") not in dumped
    other = client_factory()
    wrong = other.post(url("resume"), {"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and "could not find answers" in wrong.content.decode()
    resumed = other.post(url("resume"), {"code": code.lower()})
    policing = SurveyResponse.objects.get().wave.sections.get(title="Policing in your area")
    assert resumed["Location"].endswith(f"/section/{policing.pk}/")
    answer_sections(other, resumed)
    assert other.post(url("check"))["Location"] == url("done")
    again = client_factory().post(url("resume"), {"code": code})
    assert "already been submitted" in again.content.decode()
    assert SurveyResponse.objects.complete().count() == 1


def test_honeypot_and_rate_limit_refuse_without_storing(client, wave):
    assert client.post(url("start"), {"website": "http://spam"}).status_code == 400
    assert SurveyResponse.objects.count() == 0
    for _ in range(20):
        client.post(url("start"))
    assert client.post(url("start")).status_code == 429
    assert SurveyResponse.objects.count() == 20


def test_assisted_entry_records_the_mode(client, wave):
    client.force_login(UserFactory(username="fieldworker", groups=[ANALYSTS]))
    response = client.post(url("assisted"), {"mode": "paper"})
    answer_sections(client, response)
    client.post(url("check"))
    assert SurveyResponse.objects.get().mode == "paper"
    assert "Enter another response" in client.get(url("done")).content.decode()


def test_assisted_entry_needs_permission(client, wave):
    assert client.post(url("assisted"), {"mode": "paper"}).status_code == 302
    assert SurveyResponse.objects.count() == 0


@override_settings(SURVEY_GEOCODER_BACKEND="surveys.geocoding.RecordingGeocoder")
def test_optional_geocoder_finds_the_ward_from_a_postcode(client, wave):
    from surveys.geocoding import RecordingGeocoder

    RecordingGeocoder.known = {"RM11AA": "E05013967"}
    RecordingGeocoder.lookups = []
    location = answer_up_to_about_you(client)
    bad = client.post(location, {"postcode": "ZZ9 9ZZ", "age_band": "65+"})
    assert bad.status_code == 400 and "could not find a ward" in bad.content.decode()
    client.post(location, {"postcode": "rm1 1aa", "age_band": "65+"})
    assert RecordingGeocoder.lookups == ["ZZ99ZZ", "RM11AA"]
    assert SurveyResponse.objects.get().ward.code == "E05013967"


def test_submitting_after_the_wave_closed_shows_the_closed_page_and_stores_nothing(client, wave):
    answer_sections(client, client.post(url("start")))
    wave.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    wave.save()
    response = client.post(url("check"))
    assert "This survey is not open" in response.content.decode()
    assert SurveyResponse.objects.get().completed_on is None


def test_check_page_lists_unanswered_questions_in_an_error_summary(client, wave):
    location = client.post(url("start"))["Location"]
    client.post(location, SECTION_ANSWERS["Feeling safe"])
    response = client.post(url("check"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "How good a job" in body
    assert SurveyResponse.objects.get().completed_on is None


def test_submitting_without_starting_goes_to_the_start_and_stores_nothing(client, wave):
    response = client.post(url("check"))
    assert response.status_code == 302 and response["Location"] == url("start")
    assert SurveyResponse.objects.count() == 0


def test_a_honeypot_filled_on_the_check_page_is_refused(client, wave):
    answer_sections(client, client.post(url("start")))
    response = client.post(url("check"), {"website": "http://spam"})
    assert response.status_code == 400
    assert SurveyResponse.objects.get().completed_on is None


def test_submit_follows_the_bank_as_it_is_now(client, wave):
    """Completeness is checked against the bank at submit time: a question retired
    while the resident answered no longer blocks, a newly required one does."""
    answer_sections(client, client.post(url("start")))
    stored = SurveyResponse.objects.get()
    answer_store.drop_answers(stored, ["trust_mps"])
    question = wave.questions.get(code="trust_mps")
    question.retired = True
    question.save()
    other = wave.questions.get(code="local_concerns")  # optional free text, left empty
    answer_store.drop_answers(stored, [other.code])
    other.required = True
    other.save()
    blocked = client.post(url("check"))
    assert blocked.status_code == 400 and "govuk-error-summary" in blocked.content.decode()
    assert SurveyResponse.objects.get().completed_on is None
    other.required = False
    other.save()
    assert client.post(url("check"))["Location"] == url("done")
    assert SurveyResponse.objects.complete().count() == 1


def test_rules_read_for_submit_give_the_same_steps_as_the_full_bank(wave):
    from surveys.annual import journey

    bank, rules = journey.load_bank(wave), journey.load_rules(wave)
    for answers in ({}, {"victim_12m": ["yes"]}, {"victim_12m": ["no"]}):
        full = [(s.key, [q.code for q in s.questions]) for s in journey.steps_for(bank, answers)]
        light = [(s.key, [q.code for q in s.questions]) for s in journey.steps_for(rules, answers)]
        assert full == light
    required = {q.code for _, qs in bank for q in qs if q.required}
    assert required == {r.code for _, rs in rules for r in rs if r.required}


@override_settings(SURVEY_GEOCODER_BACKEND="surveys.geocoding.RecordingGeocoder")
def test_a_geocoder_that_is_down_leaves_the_ward_list_working(client, wave):
    from surveys.geocoding import RecordingGeocoder

    RecordingGeocoder.reset(known={"RM11AA": "E05013967"}, available=False)
    location = answer_up_to_about_you(client)
    down = client.post(location, {"postcode": "RM1 1AA", "age_band": "65+"})
    assert down.status_code == 400 and "govuk-error-summary" in down.content.decode()
    assert "cannot look up postcodes" in down.content.decode()
    client.post(location, {"ward": "E05013967", "age_band": "65+"})
    assert SurveyResponse.objects.get().ward.code == "E05013967"
    RecordingGeocoder.reset()


def test_the_final_submit_reads_no_answer_options_and_writes_no_session(client, wave):
    """The submit checks completeness against the bank's rules (one query), not the
    full bank with every answer option, and leaves the session untouched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    answer_sections(client, client.post(url("start")))
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url("check"))["Location"] == url("done")
    sql = [q["sql"].lower() for q in queries.captured_queries]
    assert not any("surveys_answeroption" in s for s in sql)
    assert not any("django_session" in s and s.startswith("update") for s in sql)
    assert len(sql) <= 11  # 9, and two upserts of the per-cell counts
    assert SurveyResponse.objects.complete().count() == 1


def _submit_ready(client):
    """A new resident (fresh session) with every section answered: the response to submit."""
    client.cookies.clear()
    answer_sections(client, client.post(url("start")))
    return SurveyResponse.objects.latest("pk")


def test_later_submits_read_the_rules_from_memory_not_the_question_bank(client, wave):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _submit_ready(client)
    client.post(url("check"))
    _submit_ready(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url("check"))["Location"] == url("done")
    assert not any("surveys_question" in q["sql"] for q in queries.captured_queries)
    assert SurveyResponse.objects.complete().count() == 2


def test_an_edit_made_in_another_process_applies_at_the_next_submit(client, wave):
    """Another web process's edit reaches this one only through the wave's bank
    revision: the rules this process holds are used until the revision moves."""
    from django.db.models import F

    from surveys.models import Question, Wave

    _submit_ready(client)
    client.post(url("check"))  # this process now holds the rules
    _submit_ready(client)
    first_session = client.cookies["sessionid"].value
    second = _submit_ready(client)
    second_session = client.cookies["sessionid"].value
    # The edit as another process makes it: a row update this process hears nothing of.
    Question.objects.filter(wave=wave, code="local_concerns").update(required=True)
    for response in SurveyResponse.objects.all():
        answer_store.drop_answers(response, ["local_concerns"])

    client.cookies["sessionid"] = first_session
    assert client.post(url("check"))["Location"] == url("done")  # old revision, old rules

    Wave.objects.filter(pk=wave.pk).update(bank_revision=F("bank_revision") + 1)
    client.cookies["sessionid"] = second_session
    blocked = client.post(url("check"))
    assert blocked.status_code == 400 and "govuk-error-summary" in blocked.content.decode()
    assert SurveyResponse.objects.get(pk=second.pk).completed_on is None


def test_saving_a_question_moves_its_waves_bank_revision(wave):
    question = wave.questions.get(code="local_concerns")
    before = type(wave).objects.get(pk=wave.pk).bank_revision
    question.wording = "What worries you most where you live?"
    question.save()
    assert type(wave).objects.get(pk=wave.pk).bank_revision == before + 1
    question.section.save()
    assert type(wave).objects.get(pk=wave.pk).bank_revision == before + 2


def test_when_two_waves_are_open_the_latest_year_takes_responses(client, wave):
    """An analyst opens next year's wave before this one closes: residents who start now
    answer the new wave, and a response begun in the older wave is not submitted to it."""
    answer_sections(client, client.post(url("start")))
    newer = WaveFactory(survey=wave.survey, year=wave.year + 1)

    response = client.post(url("check"))
    assert response.status_code == 302 and response["Location"] == url("start")
    assert SurveyResponse.objects.get().completed_on is None

    answer_sections(client, client.post(url("start")))
    assert client.post(url("check"))["Location"] == url("done")
    assert SurveyResponse.objects.complete().get().wave == newer


def test_submits_to_a_closed_survey_count_toward_the_rate_limit(client, wave):
    """Probing a closed survey costs what submitting does, so it cannot be done at will."""
    from surveys.annual.views import SUBMIT_LIMIT

    wave.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    wave.save()
    statuses = [client.post(url("check")).status_code for _ in range(SUBMIT_LIMIT.count + 1)]

    assert statuses[: SUBMIT_LIMIT.count] == [200] * SUBMIT_LIMIT.count
    assert statuses[-1] == 429
