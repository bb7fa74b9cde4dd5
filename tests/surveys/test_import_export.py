"""import_responses exactly per the contract, and export → import round trips."""

import csv
import io

import pytest
from django.urls import reverse

from communitysafety.home.roles import ANALYSTS
from surveys import answer_store
from surveys.models import Survey, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import WaveFactory
from tests.surveys.importing import WARD, run, write

pytestmark = pytest.mark.django_db

HEADER = "respondent_id,completed_at,ward_code,age_band,sex,mode,good_job,trust_mps,victim_types"


def test_a_good_file_is_stored_with_typed_answers_and_dates_only(tmp_path, wards):
    WaveFactory()
    path = write(
        tmp_path,
        HEADER,
        f"A1,2026-03-04T18:30:00+00:00,{WARD},35-49,female,paper,good,tend_to_agree,burglary;online",
        "A2,2026-03-05,,65+,,,dont_know,,",
        bom=True,
    )
    status, out, err = run(path)
    assert status == 0, err
    assert "Stored 2 responses" in out
    first = SurveyResponse.objects.get(respondent_id="A1")
    assert str(first.completed_on) == "2026-03-04"
    assert first.ward.code == WARD and first.mode == "paper"
    answers = answer_store.answers_of(first)
    assert sorted(answers.pop("victim_types")) == ["burglary", "online"]
    assert answers == {"good_job": ["good"], "trust_mps": ["tend_to_agree"]}
    second = SurveyResponse.objects.get(respondent_id="A2")
    assert second.ward is None and second.mode == "online"
    assert answer_store.answers_of(second) == {"good_job": ["dont_know"]}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f"B1,2026-03-04,{WARD},35-49,,,brilliant,,",
            "line 3, column good_job: unknown answer code",
        ),
        ("B1,2026-03-04,E05999999,35-49,,,good,,", "line 3, column ward_code: unknown ward code"),
        (f"B1,2026-03-04,{WARD},30-40,,,good,,", "line 3, column age_band: unknown age band"),
        (f"B1,04/03/2026,{WARD},35-49,,,good,,", "line 3, column completed_at: "),
        (f",2026-03-04,{WARD},35-49,,,good,,", "line 3, column respondent_id: required"),
        (f"A1,2026-03-04,{WARD},35-49,,,good,,", "line 3, column respondent_id: 'A1' repeated"),
        (f"B\x001,2026-03-04,{WARD},35-49,,,good,,", "line 3, column respondent_id: contains a"),
        (f"B1,2026-03-04,{WARD},35-49,,,good", "line 3, column -: expected 9 fields, found 7"),
        (f"B1,2026-03-04,{WARD},35-49,,bus,good,,", "line 3, column mode: unknown mode"),
        (f"B1,2026-03-04,{WARD},35-49,,,good;fair,,", "line 3, column good_job: unknown answer"),
    ],
)
def test_each_bad_line_is_reported_and_nothing_is_stored(tmp_path, wards, line, expected):
    WaveFactory()
    path = write(tmp_path, HEADER, f"A1,2026-03-04,{WARD},35-49,,,good,,", line)
    status, _out, err = run(path)
    assert status == 1
    assert expected in err
    assert "nothing was stored" in err
    assert SurveyResponse.objects.count() == 0  # and so no answers: they are a response's


def test_unknown_and_duplicate_columns_are_header_errors(tmp_path, wards):
    WaveFactory()
    path = write(
        tmp_path, "respondent_id,completed_at,shoe_size,good_job,good_job", "A,2026-01-01,9,,"
    )
    status, _out, err = run(path)
    assert status == 1
    assert "line 1, column shoe_size: unknown column" in err
    assert "line 1, column good_job: duplicate column" in err


def test_an_id_already_stored_in_the_wave_is_an_error(tmp_path, wards):
    wave = WaveFactory()
    SurveyResponse.objects.create(wave=wave, respondent_id="A1")
    status, _out, err = run(write(tmp_path, HEADER, f"A1,2026-03-04,{WARD},35-49,,,good,,"))
    assert status == 1 and "already stored in this wave" in err


def test_create_makes_survey_and_wave_only_when_the_file_is_accepted(tmp_path, wards):
    bad = write(tmp_path, HEADER, f"A1,2026-03-04,{WARD},35-49,,,nope,,", name="bad.csv")
    assert run(bad, "--create", survey="new-survey", wave="2024")[0] == 1
    assert not Survey.objects.filter(slug="new-survey").exists()
    good = write(tmp_path, HEADER, f"A1,2026-03-04,{WARD},35-49,,,good,,", name="good.csv")
    status, out, _err = run(good, "--create", survey="new-survey", wave="2024")
    assert status == 0 and "wave created" in out
    wave = Wave.objects.get(survey__slug="new-survey", year=2024)
    assert wave.questions.filter(code="trust_mps").exists()


def test_missing_survey_or_file_is_a_usage_error(tmp_path, wards):
    assert run(write(tmp_path, HEADER), survey="nope")[0] == 2
    WaveFactory()
    assert run(str(tmp_path / "missing.csv"))[0] == 2


def test_skip_invalid_stores_good_lines_and_lists_every_skipped_line(tmp_path, wards):
    WaveFactory()
    path = write(
        tmp_path,
        HEADER,
        f"A1,2026-03-04,{WARD},35-49,,,good,,",
        f"A2,2026-03-04,{WARD},35-49,,,nope,,",
        f"A3,2026-03-04,{WARD},35-49,,,fair,,",
        f"A3,2026-03-04,{WARD},35-49,,,fair,,",
    )
    status, out, err = run(path, "--skip-invalid")
    assert status == 0
    assert "skipped line 3, column good_job" in err
    assert "skipped line 5, column respondent_id" in err
    assert set(SurveyResponse.objects.values_list("respondent_id", flat=True)) == {"A1", "A3"}


def test_free_text_is_stored_plain_and_limited(tmp_path, wards):
    WaveFactory()
    header = "respondent_id,completed_at,local_concerns"
    path = write(tmp_path, header, 'T1,2026-01-02,"<b>Fish & chips</b><script>x()</script> shop"')
    assert run(path)[0] == 0
    (only,) = answer_store.wave_answers_by_response(Wave.objects.get(), chunk_size=10)
    text = ("local_concerns", TEXT_ANSWER_CODE, "Fish & chips shop")
    assert only == (SurveyResponse.objects.get().pk, [text])
    long_path = write(tmp_path, header, "T2,2026-01-02," + "x" * 501, name="long.csv")
    status, _out, err = run(long_path)
    assert status == 1 and "line 2, column local_concerns: longer than 500" in err


def test_export_then_import_round_trips(tmp_path, client, wards):
    WaveFactory()
    lines = [
        HEADER,
        f"A1,2026-03-04,{WARD},35-49,female,paper,good,tend_to_agree,burglary;online",
        "A2,2026-03-05,,65+,,telephone,dont_know,,",
        f"A3,2026-03-06,{WARD},,male,online,,refused,",
    ]
    assert run(write(tmp_path, *lines))[0] == 0
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    wave = Wave.objects.get(year=2026)
    exported = b"".join(client.get(reverse("surveys_export", args=[wave.pk, "csv"]))).decode()
    WaveFactory(year=2027)
    status, _out, err = run(write(tmp_path, exported, name="exported.csv"), wave="2027")
    assert status == 0, err

    def snapshot(year):
        wave = Wave.objects.get(year=year)
        answers = dict(answer_store.wave_answers_by_response(wave, chunk_size=10))
        return {
            (
                r.respondent_id,
                r.completed_on,
                r.ward_id,
                r.age_band,
                r.sex,
                r.mode,
                frozenset(answers.get(r.pk, [])),
            )
            for r in wave.responses.all()
        }

    assert snapshot(2026) == snapshot(2027)
    again = b"".join(
        client.get(reverse("surveys_export", args=[Wave.objects.get(year=2027).pk, "csv"]))
    ).decode()
    assert again == exported


def test_xlsx_export_and_codebook_have_the_contract_columns_and_labels(client, wards):
    wave = WaveFactory()
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    xlsx = client.get(reverse("surveys_export", args=[wave.pk, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    assert header[:6] == ["respondent_id", "completed_at", "ward_code", "age_band", "sex", "mode"]
    assert "trust_mps" in header
    codebook = b"".join(client.get(reverse("surveys_codebook", args=[wave.pk, "csv"]))).decode()
    rows = list(csv.reader(io.StringIO(codebook)))
    assert [
        "2026",
        "Policing in your area",
        "trust_mps",
        "I trust the Metropolitan Police Service.",
        "single",
        "dont_know",
        "Don't know",
    ] in rows
