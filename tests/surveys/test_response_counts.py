"""The per-cell counts always equal the grouped count of the completed answer rows.

Checked after every path that changes what counts: an import (into a new and into an
existing wave), a resident completing the survey online, deleting one response or
several, the retention purge, deleting a wave, the rebuild command and the data
migration. The data has empty cells, single-respondent wards, heavy don't-know rates,
respondents without a ward or age band, multiple-choice answers and free text.
"""

import datetime
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from communitysafety.common.imports import ImportRejected
from surveys import answer_store
from surveys.annual import counts
from surveys.annual.importing import import_responses
from surveys.annual.retention import purge_partial_responses
from surveys.models import AnswerCount, ResponseCount, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE
from tests.surveys.answer_files import COLUMNS, awkward_file
from tests.surveys.factories import SurveyResponseFactory, WaveFactory, add_answer
from tests.surveys.journey import answer_sections, url

pytestmark = pytest.mark.django_db


def grouped_from_answers() -> tuple[set, set]:
    """What the tables must hold: the completed answers grouped by cell (no free text),
    counted here from every completed response's answers as the store reads them back."""
    completed = SurveyResponse.objects.complete()
    respondents = set(
        completed.values_list("wave_id", "ward_id", "age_band").annotate(n=Count("id")).order_by()
    )
    fields = ("pk", "wave_id", "ward_id", "age_band")
    cells = {pk: cell for pk, *cell in completed.values_list(*fields)}
    tally = Counter()
    for wave in Wave.objects.all():
        for pk, triples in answer_store.wave_answers_by_response(wave, chunk_size=1000):
            for question, code, _text in triples:
                if code != TEXT_ANSWER_CODE:
                    tally[(*cells[pk], question, code)] += 1
    return respondents, {(*key, n) for key, n in tally.items()}


def maintained() -> tuple[set, set]:
    return (
        set(ResponseCount.objects.values_list("wave_id", "ward_id", "age_band", "respondents")),
        set(
            AnswerCount.objects.values_list(
                "wave_id", "ward_id", "age_band", "question_code", "answer_code", "answers"
            )
        ),
    )


def assert_counts_match() -> None:
    expected_respondents, expected_answers = grouped_from_answers()
    respondents, answers = maintained()
    assert respondents == expected_respondents
    assert answers == expected_answers
    assert all(n > 0 for *_key, n in respondents | answers)  # no empty cell rows left


@pytest.fixture
def imported(tmp_path, wards):
    """An open wave with the standard bank and an awkward file imported into it."""
    wave = WaveFactory()
    codes = [ward.code for ward in wards]
    import_responses(awkward_file(tmp_path, codes), wave.survey.slug, wave.year)
    return wave


def test_an_import_counts_every_cell_it_stores(imported):
    assert_counts_match()
    respondents, answers = maintained()
    assert any(ward is None for _wave, ward, _age, _n in respondents)
    assert any(age == "" for _wave, _ward, age, _n in respondents)
    assert any(q == "victim_types" and a == "online" for *_cell, q, a, _n in answers)
    assert not any(q == "local_concerns" for *_cell, q, _a, _n in answers)  # free text


def test_a_second_import_adds_to_the_cells_already_counted(imported, tmp_path, wards):
    codes = [ward.code for ward in wards]
    before = sum(ResponseCount.objects.values_list("respondents", flat=True))
    path = awkward_file(tmp_path, codes, prefix="B", seed=2, name="more.csv")
    stored = import_responses(path, "annual-survey", 2026).stored
    assert sum(ResponseCount.objects.values_list("respondents", flat=True)) == before + stored
    assert_counts_match()


def test_an_import_of_rows_the_fast_path_does_not_accept_counts_them_the_same(tmp_path, wards):
    """Cells with spaces around codes go through the exact parser, not the fast path."""
    ward = wards[0].code
    path = tmp_path / "odd.csv"
    path.write_text(
        f"{COLUMNS}\n"
        f" X1 ,2026-03-04T18:30:00+00:00,{ward},35-49,,,good, tend_to_agree ,dont_know,"
        "burglary ; online,Some text\n"
        f"X2,2026-03-05,{ward},35-49,,,good,,,,\n",
        encoding="utf-8",
    )
    import_responses(str(path), "annual-survey", 2026, create=True)
    assert_counts_match()
    assert ResponseCount.objects.get().respondents == 2


def test_a_rejected_import_counts_nothing(tmp_path, wards):
    path = tmp_path / "bad.csv"
    path.write_text(f"{COLUMNS}\nZ1,2026-03-04,,,,,good,,,,\nZ2,not a date,,,,,,,,,\n")
    with pytest.raises(ImportRejected):
        import_responses(str(path), "annual-survey", 2026, create=True)
    assert maintained() == (set(), set())


def test_completing_the_online_survey_counts_the_resident(client, site, wards, imported):
    from tests.surveys.factories import add_survey_page

    add_survey_page(imported.survey)
    before = ResponseCount.objects.filter(ward__code="E05013967", age_band="35-49")
    already = sum(before.values_list("respondents", flat=True))
    answer_sections(client, client.post(url("start")))
    assert_counts_match()  # a partial response is not counted
    assert client.post(url("check"))["Location"] == url("done")
    assert client.post(url("check"))["Location"] == url("done")  # double click: once
    assert sum(before.values_list("respondents", flat=True)) == already + 1
    assert_counts_match()


def test_deleting_completed_responses_takes_them_out_of_their_cells(imported, wards):
    single = SurveyResponse.objects.get(respondent_id__startswith="A", ward=None, age_band="")
    single.delete()
    assert_counts_match()
    assert not ResponseCount.objects.filter(ward=None, age_band="").exists()  # cell emptied
    SurveyResponse.objects.filter(ward__code=wards[0].code).delete()
    assert_counts_match()
    three = list(SurveyResponse.objects.filter(age_band="35-49").values_list("pk", flat=True)[:3])
    SurveyResponse.objects.filter(pk__in=three).delete()
    assert_counts_match()


def test_the_retention_purge_leaves_the_counts_of_completed_responses(imported):
    partial = SurveyResponseFactory(wave=imported, completed_on=None, respondent_id="P1")
    add_answer(partial)
    before = maintained()
    assert purge_partial_responses(datetime.date.today() + datetime.timedelta(days=400)) == 1
    assert maintained() == before
    assert_counts_match()


def test_deleting_a_wave_deletes_its_counts(imported, tmp_path, wards):
    other = WaveFactory(survey=imported.survey, year=2027)
    codes = [ward.code for ward in wards]
    import_responses(awkward_file(tmp_path, codes, name="b.csv"), "annual-survey", 2027)
    imported.delete()
    assert set(ResponseCount.objects.values_list("wave_id", flat=True)) == {other.pk}
    assert_counts_match()


def test_rebuilding_recovers_counts_that_went_wrong(imported):
    ResponseCount.objects.update(respondents=99)
    AnswerCount.objects.filter(question_code="good_job").delete()
    call_command("rebuild_response_counts", verbosity=0)
    assert_counts_match()
    assert counts.rebuild_counts(Wave.objects.filter(pk=imported.pk)) == (
        SurveyResponse.objects.complete().count()
    )
