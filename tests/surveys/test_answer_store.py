"""The operations of the one module that stores answers (surveys.answer_store), as their
callers rely on them: the journey, the counts, the export, the analysis bridge and the
import. Issue 19.3's change of storage must keep every one of these true."""

import pytest
from django.db import connection, transaction

from surveys import answer_store
from surveys.models.questions import TEXT_ANSWER_CODE
from tests.surveys.factories import SurveyResponseFactory, WaveFactory

pytestmark = pytest.mark.django_db

TEXT = "Lights out\ton Main St\\n, “boy racers”\n"


@pytest.fixture
def wave():
    return WaveFactory(bank=False)


def _store(response, *triples):
    answer_store.add_answers((response.pk, q, a, t) for q, a, t in triples)
    response.refresh_from_db()  # answers_of reads the row as it was read


def test_a_response_reads_back_by_question_with_free_text_under_its_text(wave):
    response = SurveyResponseFactory(wave=wave)
    _store(
        response,
        ("good_job", "good", ""),
        ("victim_types", "online", ""),
        ("victim_types", "burglary", ""),
        ("local_concerns", TEXT_ANSWER_CODE, TEXT),
    )
    _store(SurveyResponseFactory(wave=wave), ("good_job", "poor", ""))

    answers = answer_store.answers_of(response)

    assert sorted(answers.pop("victim_types")) == ["burglary", "online"]
    assert answers == {"good_job": ["good"], "local_concerns": [TEXT]}


def test_the_counted_pairs_of_a_response_leave_its_free_text_out(wave):
    response = SurveyResponseFactory(wave=wave)
    _store(response, ("good_job", "good", ""), ("local_concerns", TEXT_ANSWER_CODE, "Noise"))

    answers, pairs = answer_store.answers_and_coded_pairs(response)

    assert answers == {"good_job": ["good"], "local_concerns": ["Noise"]}
    assert pairs == [("good_job", "good")]


def test_replacing_a_sections_answers_keeps_the_other_questions_and_other_responses(wave):
    response, other = SurveyResponseFactory(wave=wave), SurveyResponseFactory(wave=wave)
    _store(response, ("good_job", "good", ""), ("trust_mps", "neither", ""))
    _store(response, ("victim_types", "online", ""))
    _store(other, ("good_job", "poor", ""))

    answer_store.replace_answers(
        response,
        ["good_job", "trust_mps", "victim_types"],
        [("good_job", "fair", ""), ("victim_types", "vehicle", ""), ("victim_types", "other", "")],
    )
    _store(response, ("informed_local", "very_well", ""))
    answer_store.drop_answers(response, ["informed_local", "not_asked"])

    answers = answer_store.answers_of(response)
    assert sorted(answers.pop("victim_types")) == ["other", "vehicle"]
    assert answers == {"good_job": ["fair"]}
    assert answer_store.answers_of(other) == {"good_job": ["poor"]}


def test_a_waves_answers_stream_per_completed_response_in_id_order(wave):
    first, second, third = (SurveyResponseFactory(wave=wave) for _ in range(3))
    partial = SurveyResponseFactory(wave=wave, completed_on=None)
    elsewhere = SurveyResponseFactory(wave=WaveFactory(survey=wave.survey, year=2025, bank=False))
    _store(third, ("good_job", "good", ""), ("local_concerns", TEXT_ANSWER_CODE, TEXT))
    _store(first, ("victim_types", "online", ""), ("victim_types", "burglary", ""))
    for response in (partial, elsewhere):
        _store(response, ("good_job", "poor", ""))

    streamed = list(answer_store.wave_answers_by_response(wave, chunk_size=1))

    assert second.pk not in dict(streamed)  # no answers: not listed
    assert streamed == [
        (first.pk, [("victim_types", "online", ""), ("victim_types", "burglary", "")]),
        (third.pk, [("good_job", "good", ""), ("local_concerns", TEXT_ANSWER_CODE, TEXT)]),
    ]


def test_reading_many_responses_gives_only_their_answers_to_the_questions_asked(wave):
    first, second = SurveyResponseFactory(wave=wave), SurveyResponseFactory(wave=wave)
    outside = SurveyResponseFactory(wave=wave, completed_on=None)
    _store(first, ("good_job", "good", ""), ("trust_mps", "neither", ""))
    _store(second, ("good_job", "poor", ""), ("informed_local", "very_well", ""))
    _store(outside, ("good_job", "fair", ""))
    completed = wave.responses.complete()

    coded = answer_store.coded_answers(completed, ["good_job", "informed_local"], chunk_size=1)

    assert sorted(coded) == [
        (first.pk, "good_job", "good"),
        (second.pk, "good_job", "poor"),
        (second.pk, "informed_local", "very_well"),
    ]
    assert answer_store.answer_to(completed, "trust_mps") == {first.pk: "neither"}


def test_the_answer_count_counts_each_code_and_each_free_text_of_those_responses(wave):
    first, second = SurveyResponseFactory(wave=wave), SurveyResponseFactory(wave=wave)
    partial, unanswered = (SurveyResponseFactory(wave=wave, completed_on=None) for _ in range(2))
    _store(first, ("victim_types", "online", ""), ("victim_types", "burglary", ""))
    _store(first, ("local_concerns", TEXT_ANSWER_CODE, TEXT))
    _store(second, ("good_job", "good", ""))
    _store(partial, ("good_job", "poor", ""), ("trust_mps", "neither", ""))

    assert answer_store.answer_count(wave.responses.all()) == 6
    assert answer_store.answer_count(wave.responses.complete()) == 4
    assert answer_store.answer_count(wave.responses.filter(pk=unanswered.pk)) == 0
    assert answer_store.answer_count(wave.responses.none()) == 0


def test_counts_tally_completed_coded_answers_by_cell(wave, wards):
    from communitysafety.wards.models import Ward

    ward = Ward.objects.first()
    young = [SurveyResponseFactory(wave=wave, ward=ward, age_band="16-24") for _ in range(2)]
    unplaced = SurveyResponseFactory(wave=wave, age_band="")
    partial = SurveyResponseFactory(wave=wave, ward=ward, completed_on=None)
    for response in (*young, unplaced, partial):
        _store(response, ("good_job", "good", ""), ("local_concerns", TEXT_ANSWER_CODE, "x"))
    _store(young[0], ("trust_mps", "neither", ""), ("victim_types", "online", ""))
    _store(young[0], ("victim_types", "burglary", ""))

    counted = answer_store.coded_answer_counts(
        wave.responses.complete(), "wave_id", "ward_id", "age_band"
    )

    assert counted == {
        (wave.pk, ward.pk, "16-24", "good_job", "good"): 2,
        (wave.pk, ward.pk, "16-24", "trust_mps", "neither"): 1,
        (wave.pk, ward.pk, "16-24", "victim_types", "online"): 1,
        (wave.pk, ward.pk, "16-24", "victim_types", "burglary"): 1,
        (wave.pk, None, "", "good_job", "good"): 1,
    }
    assert set(answer_store.survey_answer_counts(wave.survey, ["good_job"])) == {
        (wave.year, None, "", "good_job", "good", 1),
        (wave.year, ward.code, "16-24", "good_job", "good", 2),
    }


def test_the_import_encoding_is_read_back_exactly_on_this_database(wave):
    from communitysafety.common.imports import Background
    from surveys.annual.import_storage import PostgresBatch, SQLiteBatch
    from surveys.models import SurveyResponse

    accepted = {
        "good_job": frozenset({"good", "poor", "dont_know"}),
        "victim_types": frozenset({"online", "burglary", "vehicle"}),
    }
    with transaction.atomic():
        encoder = answer_store.ImportEncoder(
            answer_store.import_layout(wave, accepted), connection.vendor
        )
        good_job = encoder.single("good_job", accepted["good_job"])
        victim_types = encoder.multiple("victim_types", accepted["victim_types"])
        rows = {
            "none": ([0, 0], {}),
            "coded": ([good_job["dont_know"], victim_types[" vehicle;online "]], {}),
            "text": ([good_job["good"], victim_types[""]], {"local_concerns": TEXT}),
        }
        Batch = PostgresBatch if connection.vendor == "postgresql" else SQLiteBatch
        batch = Batch(wave.pk, "2026-12-08", encoder)
        for pk, (respondent, (ids, texts)) in zip(
            batch.begin(len(rows)), rows.items(), strict=True
        ):
            batch.add(pk, (respondent, "2026-12-01", None, "", "", "online", ids, texts))
        with Background(batch.writer()) as background:
            background.put(batch.take())

    def stored(respondent):
        return answer_store.answers_of(SurveyResponse.objects.get(respondent_id=respondent))

    assert stored("none") == {}
    assert {q: sorted(codes) for q, codes in stored("coded").items()} == {
        "good_job": ["dont_know"],
        "victim_types": ["online", "vehicle"],
    }
    assert stored("text") == {"good_job": ["good"], "local_concerns": [TEXT]}
    with pytest.raises(KeyError):
        victim_types["online;stolen"]  # an unknown code is not encoded


def test_a_response_deleted_takes_its_answers_with_it(wave):
    kept, deleted = SurveyResponseFactory(wave=wave), SurveyResponseFactory(wave=wave)
    for response in (kept, deleted):
        _store(response, ("good_job", "good", ""))
    deleted.delete()

    streamed = answer_store.wave_answers_by_response(wave, chunk_size=10)
    assert [pk for pk, _ in streamed] == [kept.pk]
