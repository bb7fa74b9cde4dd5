"""Analysts upload the MOPAC PAS series in the admin: the same import as `import_pas`."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from communitysafety.common.uploads.models import UploadJob, UploadStatus
from communitysafety.home.roles import ANALYSTS
from perceptions.models import PasBoroughFigure, PasLondonFigure
from perceptions.results.pas import DEFAULT_BOROUGH_FILE, DEFAULT_LONDON_FILE
from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = reverse("uploads_form", args=["pas"])


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    return client


def upload(client, capture, **files):
    data = {name: SimpleUploadedFile(path.name, path.read_bytes()) for name, path in files.items()}
    with capture(execute=True):
        response = client.post(FORM, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_analyst_uploads_the_pas_borough_file_and_sees_the_comparison_link(
    analyst, django_capture_on_commit_callbacks
):
    page = upload(analyst, django_capture_on_commit_callbacks, file=DEFAULT_BOROUGH_FILE)
    assert "Imported 9312 borough and 291 London PAS figures." in page
    assert reverse("perceptions:staff_results") + "#benchmark-heading" in page
    assert PasBoroughFigure.objects.count() == 9312 and PasLondonFigure.objects.count() == 291
    job = UploadJob.objects.get()
    assert job.status == UploadStatus.SUCCEEDED
    assert set(
        ModelLogEntry.objects.filter(object_id=str(job.pk)).values_list("action", flat=True)
    ) == {"uploads.started", "uploads.succeeded"}


def test_both_series_can_be_uploaded_together(analyst, django_capture_on_commit_callbacks):
    page = upload(
        analyst,
        django_capture_on_commit_callbacks,
        file=DEFAULT_BOROUGH_FILE,
        london_file=DEFAULT_LONDON_FILE,
    )
    assert "Imported 9312 borough and 291 London PAS figures." in page


def test_a_bad_pas_file_lists_the_commands_errors_and_keeps_the_stored_series(
    analyst, django_capture_on_commit_callbacks, tmp_path
):
    call_command("import_pas", stdout=io.StringIO())
    bad = tmp_path / "borough.csv"
    bad.write_text(
        "date,survey,borough,measure,proportion,mps_proportion\n"
        "2023-12-31,PAS,Havering,Feels informed,0.5,0.4\n"
        "2023-12-30,PAS,Havering,Trust MPS,1.5,0.4\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pas", "--borough-file", str(bad), stderr=err)
    expected = [line for line in err.getvalue().splitlines() if line.startswith("line ")]
    assert len(expected) == 3

    upload(analyst, django_capture_on_commit_callbacks, file=bad)

    job = UploadJob.objects.get()
    assert job.status == UploadStatus.FAILED and job.errors == expected
    assert PasBoroughFigure.objects.count() == 9312  # the previous series stays
