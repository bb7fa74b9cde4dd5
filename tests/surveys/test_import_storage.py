"""How import_responses stores what it accepted: exact values whatever the cell's form or
the database's text encoding, every row with its own answers across write batches, ids
that do not collide, and nothing at all when storing fails part-way."""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitysafety.common.imports import ImportRejected
from surveys import answer_store
from surveys.annual.importing import import_responses
from surveys.models import Survey, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE
from tests.surveys.factories import SurveyResponseFactory, WaveFactory
from tests.surveys.importing import WARD, run, write

pytestmark = pytest.mark.django_db

HEADER = [
    "respondent_id",
    "completed_at",
    "ward_code",
    "age_band",
    "sex",
    "mode",
    "good_job",
    "victim_types",
    "local_concerns",
]


def csv_text(*rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER, *rows])
    return out.getvalue()


def stored(year=2026):
    """Respondent id → the response's values and its sorted answer triples, as stored
    (imported responses are completed, so the wave's answers hold all of theirs)."""
    wave = Wave.objects.get(year=year)
    answers = dict(answer_store.wave_answers_by_response(wave, chunk_size=1000))
    return {
        r.respondent_id: (
            str(r.completed_on),
            r.ward.code if r.ward else "",
            r.age_band,
            r.sex,
            r.mode,
            sorted(answers.get(r.pk, [])),
        )
        for r in wave.responses.select_related("ward")
    }


def test_cells_with_spaces_are_stored_as_their_codes(tmp_path, wards):
    WaveFactory()
    path = write(
        tmp_path,
        csv_text(
            [" A1 ", " 2026-03-04 ", f" {WARD} ", " 35-49 ", " male ", " paper ", " good ",
             " burglary ; online;burglary ", ""],
        ).strip(),
    )  # fmt: skip
    status, _out, err = run(path)
    assert status == 0, err
    assert stored() == {
        "A1": (
            "2026-03-04",
            WARD,
            "35-49",
            "male",
            "paper",
            [("good_job", "good", ""), ("victim_types", "burglary", ""),
             ("victim_types", "online", "")],
        )
    }  # fmt: skip


def test_ids_and_free_text_with_tabs_newlines_and_backslashes_are_stored_verbatim(tmp_path, wards):
    WaveFactory()
    odd_ids = ["back\\slash", "tab\there", "R\\N", 'quote"d']
    text = "Line one\\n stays\twith a tab\nand a second line \\ end"
    rows = [[rid, "2026-03-04", WARD, "", "", "", "", "", text] for rid in odd_ids]
    status, _out, err = run(write(tmp_path, csv_text(*rows).strip()))
    assert status == 0, err
    answers = {rid: values[-1] for rid, values in stored().items()}
    assert answers == {rid: [("local_concerns", TEXT_ANSWER_CODE, text)] for rid in odd_ids}


def test_rows_spread_over_many_batches_keep_their_own_answers(tmp_path, wards):
    WaveFactory()
    codes = ["excellent", "good", "fair", "poor", "very_poor", "dont_know", "refused"]
    rows = [[f"B{i}", "2026-03-04", WARD, "65+", "", "", codes[i % 7], "", ""] for i in range(9)]
    rows[4][6] = "brilliant"  # skipped: the batches around it must still line up
    path = write(tmp_path, csv_text(*rows).strip())
    result = import_responses(path, "annual-survey", 2026, skip_invalid=True, batch_size=2)
    assert result.stored == 8
    assert [str(error) for error in result.skipped] == [
        "line 6, column good_job: unknown answer code 'brilliant'"
    ]
    answers = {rid: values[-1] for rid, values in stored().items()}
    assert answers == {f"B{i}": [("good_job", codes[i % 7], "")] for i in range(9) if i != 4}


def test_imported_ids_follow_earlier_ones_and_later_responses_still_get_new_ids(tmp_path, wards):
    wave = WaveFactory()
    kept = SurveyResponseFactory(wave=wave)
    deleted = SurveyResponseFactory(wave=wave)
    highest = deleted.pk
    deleted.delete()  # the highest id so far, now gone: it must not be reused
    rows = [[f"C{i}", "2026-03-04", "", "", "", "", "good", "", ""] for i in range(3)]
    assert run(write(tmp_path, csv_text(*rows).strip()))[0] == 0
    imported = sorted(SurveyResponse.objects.exclude(pk=kept.pk).values_list("pk", flat=True))
    assert len(imported) == 3 and imported[0] > highest
    later = SurveyResponseFactory(wave=wave)
    assert later.pk > imported[-1]


def test_a_bad_row_after_batches_were_written_leaves_nothing_behind(tmp_path, wards):
    """One pass checks and stores: the bad last row is found after four batches of one
    were written, and the transaction undoes them and the survey `--create` made."""
    rows = [[f"D{i}", "2026-03-04", "", "", "", "", "good", "", ""] for i in range(5)]
    rows[4][6] = "brilliant"
    path = tmp_path / "responses.csv"
    path.write_text(csv_text(*rows), encoding="utf-8")

    with pytest.raises(ImportRejected) as rejected:
        import_responses(str(path), "new-survey", 2026, create=True, batch_size=1)

    assert [str(error) for error in rejected.value.errors] == [
        "line 6, column good_job: unknown answer code 'brilliant'"
    ]
    assert SurveyResponse.objects.count() == 0  # and so no answers: they are a response's
    assert not Survey.objects.filter(slug="new-survey").exists()


GOOD_JOB = ["excellent", "good", "fair", "poor", "very_poor", "dont_know", "refused", ""]
VICTIM_TYPES = ["burglary", "vehicle", "violence", "online", "other", "refused"]


def padded(value):
    return st.sampled_from(["", " ", "  "]).map(lambda pad: pad + value + pad)


@st.composite
def respondent(draw):
    """One valid row as written (maybe padded with spaces) and as it must be stored."""
    good_job = draw(st.sampled_from(GOOD_JOB))
    victim = draw(st.lists(st.sampled_from(VICTIM_TYPES), max_size=3))
    age_band = draw(st.sampled_from(["", "16-24", "65+"]))
    mode = draw(st.sampled_from(["", "online", "telephone"]))
    text = draw(st.sampled_from(["", "Fine", "a\\b", "tab\tand\nnewline"]))
    cells = [
        draw(padded(age_band)) if age_band else "",
        draw(padded(mode)) if mode else "",
        draw(padded(good_job)) if good_job else "",
        ";".join(draw(padded(code)) for code in victim),
        text,
    ]
    answers = [("good_job", good_job, "")] if good_job else []
    answers += [("victim_types", code, "") for code in dict.fromkeys(victim)]
    answers += [("local_concerns", "text", text.strip())] if text.strip() else []
    expected = ("2026-03-04", WARD, age_band, "", mode or "online", sorted(answers))
    return cells, expected


@pytest.fixture
def wave(wards):
    return WaveFactory()


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(respondent(), min_size=1, max_size=8))
def test_whatever_form_valid_cells_take_the_stored_values_are_their_codes(wave, rows):
    SurveyResponse.objects.all().delete()  # examples share the test's database
    lines = [
        [f"P{i}", "2026-03-04", WARD, age_band, "", mode, good_job, victim, text]
        for i, ((age_band, mode, good_job, victim, text), _expected) in enumerate(rows)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        path.write_text(csv_text(*lines), encoding="utf-8")
        status, _out, err = run(str(path))
    assert status == 0, err
    assert stored() == {f"P{i}": expected for i, (_cells, expected) in enumerate(rows)}
