"""Analysts upload survey responses in the admin: the same import as `import_responses`."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from communitysafety.common.uploads.models import UploadJob, UploadStatus
from communitysafety.home.roles import ANALYSTS, MODERATORS
from perceptions.models import SurveyResults
from surveys import answer_store
from surveys.models import SurveyResponse
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import WaveFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "upload_responses_2024.csv"
FORM = reverse("uploads_form", args=["survey-responses"])


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    return client


def upload(client, capture, name: str, content: bytes, **fields):
    data = {"survey": "annual-survey", "year": "2024", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    with capture(execute=True):
        response = client.post(FORM, data)
    return response


def follow(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def xlsx_of(path: Path) -> bytes:
    """The fixture as an analyst's workbook: dates as date cells, as Excel stores them."""
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.reader(handle)):
            if index:
                row[1] = datetime.date.fromisoformat(row[1])
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def command_errors(path: Path) -> list[str]:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_responses",
            str(path),
            "--survey",
            "annual-survey",
            "--wave",
            "2024",
            stdout=io.StringIO(),
            stderr=err,
        )
    return [line for line in err.getvalue().splitlines() if line.startswith("line ")]


def test_analyst_uploads_a_contract_csv_and_the_results_are_recomputed(
    analyst, wards, django_capture_on_commit_callbacks
):
    WaveFactory(year=2024)
    response = upload(
        analyst, django_capture_on_commit_callbacks, FIXTURE.name, FIXTURE.read_bytes()
    )
    page = follow(analyst, response)

    assert "Stored 150 responses." in page
    assert SurveyResponse.objects.filter(wave__year=2024).count() == 150
    results = SurveyResults.objects.get(survey__slug="annual-survey")
    assert results.generation >= 1 and results.report["respondents"]["2024"] == 150
    assert reverse("perceptions:staff_results") + "?survey=annual-survey" in page
    job = UploadJob.objects.get()
    assert job.status == UploadStatus.SUCCEEDED and job.created_by.username == "analyst"
    assert not job.file, "the uploaded file is deleted once imported"
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(job.pk))
        .order_by("pk")
        .values_list("action", "user__username")
    )
    assert actions == [("uploads.started", "analyst"), ("uploads.succeeded", "analyst")]


def test_analyst_uploads_the_same_responses_as_an_xlsx_workbook(
    analyst, wards, django_capture_on_commit_callbacks
):
    WaveFactory(year=2024)
    response = upload(
        analyst, django_capture_on_commit_callbacks, "fieldwork.xlsx", xlsx_of(FIXTURE)
    )
    assert "Stored 150 responses." in follow(analyst, response)
    first = SurveyResponse.objects.get(respondent_id="r2024-0001")
    assert str(first.completed_on) == "2024-05-02" and first.ward.code == "E05013968"
    _answers, pairs = answer_store.answers_and_coded_pairs(first)
    assert set(pairs) >= {
        ("good_job", "excellent"),
        ("contact_ward_officer", "yes"),
    }


def test_a_file_with_bad_lines_lists_every_error_as_the_command_does_and_stores_nothing(
    analyst, wards, django_capture_on_commit_callbacks, tmp_path
):
    WaveFactory(year=2024)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",good,", ",brilliant,")
    lines[4] = lines[4].replace("E05013", "E09999", 1)
    lines[6] = lines[1]  # a repeated respondent id
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = command_errors(bad)
    assert len(expected) == 3

    response = upload(analyst, django_capture_on_commit_callbacks, "bad.csv", bad.read_bytes())
    page = follow(analyst, response)

    assert "nothing was stored" in page
    for line in expected:
        assert f"<code>{line.replace("'", '&#x27;')}</code>" in page
    assert SurveyResponse.objects.count() == 0
    job = UploadJob.objects.get()
    assert job.status == UploadStatus.FAILED and job.errors == expected
    assert ModelLogEntry.objects.filter(action="uploads.failed", object_id=str(job.pk)).exists()


def test_an_xlsx_error_names_the_row_of_the_sheet(
    analyst, wards, django_capture_on_commit_callbacks
):
    WaveFactory(year=2024)
    workbook = Workbook()
    workbook.active.append(["respondent_id", "completed_at", "good_job"])
    workbook.active.append(["A1", "2024-05-01", "good"])
    workbook.active.append(["A2", "yesterday", "good"])
    out = io.BytesIO()
    workbook.save(out)
    response = upload(analyst, django_capture_on_commit_callbacks, "sheet.xlsx", out.getvalue())
    page = follow(analyst, response)
    assert "line 3, column completed_at: &#x27;yesterday&#x27; is not an ISO 8601 date" in page
    assert SurveyResponse.objects.count() == 0


def test_a_moderator_can_neither_see_nor_use_the_upload(client, wards):
    WaveFactory(year=2024)
    client.force_login(UserFactory(username="moderator", groups=[MODERATORS]))
    assert "Upload data files" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(FORM).status_code in (302, 403)  # Wagtail redirects a refusal home
    response = client.post(
        FORM,
        {
            "survey": "annual-survey",
            "year": "2024",
            "file": SimpleUploadedFile("r.csv", FIXTURE.read_bytes()),
        },
    )
    assert response.status_code in (302, 403)
    assert UploadJob.objects.count() == 0 and SurveyResponse.objects.count() == 0


def test_the_analysts_menu_offers_survey_and_pas_uploads_but_not_crime(analyst):
    page = analyst.get(reverse("wagtailadmin_home")).content.decode()
    assert "Upload data files" in page
    assert reverse("uploads_form", args=["survey-responses"]) in page
    assert reverse("uploads_form", args=["pas"]) in page
    assert reverse("uploads_form", args=["crime"]) not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (None, b"", "Select a file to upload"),
        (
            "responses.txt",
            b"respondent_id,completed_at\n",
            "The selected file must be a CSV or XLSX file",
        ),
        ("responses.csv", b"", "The selected file is empty"),
    ],
)
def test_the_form_shows_an_error_summary_for_a_missing_or_wrong_file(
    analyst, name, content, message
):
    WaveFactory(year=2024)
    data = {"survey": "annual-survey", "year": "2024"}
    if name:
        data["file"] = SimpleUploadedFile(name, content)
    response = analyst.post(FORM, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in page and "There is a problem" in page
    assert f'<a href="#id_file">{message}</a>' in page
    assert UploadJob.objects.count() == 0


@override_settings(UPLOADS_MAX_BYTES=100)
def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(analyst):
    WaveFactory(year=2024)
    response = analyst.post(
        FORM,
        {
            "survey": "annual-survey",
            "year": "2024",
            "file": SimpleUploadedFile("r.csv", FIXTURE.read_bytes()),
        },
    )
    assert response.status_code == 400
    assert "The selected file must be smaller than 100" in response.content.decode()
    assert UploadJob.objects.count() == 0


def test_a_year_without_a_wave_asks_to_tick_create(
    analyst, wards, django_capture_on_commit_callbacks
):
    WaveFactory(year=2023)
    response = analyst.post(
        FORM,
        {
            "survey": "annual-survey",
            "year": "2024",
            "file": SimpleUploadedFile("r.csv", FIXTURE.read_bytes()),
        },
    )
    assert response.status_code == 400
    assert "has no 2024 wave" in response.content.decode()
    response = upload(
        analyst,
        django_capture_on_commit_callbacks,
        FIXTURE.name,
        FIXTURE.read_bytes(),
        create_wave="on",
    )
    assert "Stored 150 responses (wave created)." in follow(analyst, response)


@pytest.mark.django_db(transaction=True)
def test_the_job_counts_the_rows_it_checked_outside_any_test_transaction(client, wards):
    """As under a worker: no surrounding transaction, so progress is written as it goes."""
    WaveFactory(year=2024)
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    response = client.post(
        FORM,
        {
            "survey": "annual-survey",
            "year": "2024",
            "file": SimpleUploadedFile(FIXTURE.name, FIXTURE.read_bytes()),
        },
    )
    assert response.status_code == 302
    job = UploadJob.objects.get()
    assert job.status == UploadStatus.SUCCEEDED
    assert (job.rows_done, job.rows_total, job.percent) == (150, 150, 100)
