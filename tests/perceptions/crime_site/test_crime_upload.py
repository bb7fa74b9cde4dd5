"""Crime files in the admin: administrators only, the same import as `import_crime`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from communitysafety.common.uploads.models import UploadJob, UploadStatus
from communitysafety.home.roles import ADMINISTRATORS, ANALYSTS
from perceptions.crime.imports import DATA_DIR
from perceptions.models import AreaKind, CrimeCount
from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db

FORM = reverse("uploads_form", args=["crime"])
MPS_BOROUGH_FILE = DATA_DIR / "crime" / "mps_borough_level_crime_2024-01_2025-12.csv"


def upload(client, capture, path: Path, **fields) -> str:
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes()), **fields}
    with capture(execute=True):
        response = client.post(FORM, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_an_analyst_can_neither_see_nor_use_the_crime_upload(client, tmp_path):
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    assert client.get(FORM).status_code in (302, 403)
    response = client.post(
        FORM, {"file": SimpleUploadedFile(MPS_BOROUGH_FILE.name, MPS_BOROUGH_FILE.read_bytes())}
    )
    assert response.status_code in (302, 403)
    assert not UploadJob.objects.exists() and not CrimeCount.objects.exists()


def test_an_administrator_uploads_the_mps_borough_file_as_the_command_would(
    client, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(username="admin-role", groups=[ADMINISTRATORS]))
    page = upload(client, django_capture_on_commit_callbacks, MPS_BOROUGH_FILE)
    job = UploadJob.objects.get()
    assert job.status == UploadStatus.SUCCEEDED, job.errors
    assert job.summary.startswith("Imported borough file: ") and job.summary in page
    assert reverse("perceptions:crime_borough_table") in page
    stored = CrimeCount.objects.of_kind(AreaKind.BOROUGH).count()
    assert stored > 0

    CrimeCount.objects.all().delete()
    out = StringIO()
    call_command("import_crime", str(MPS_BOROUGH_FILE), stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == job.summary
    assert CrimeCount.objects.of_kind(AreaKind.BOROUGH).count() == stored


def test_a_bad_partner_file_lists_its_lines_and_stores_nothing(
    client, wards, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(UserFactory(username="root", is_superuser=True))
    path = tmp_path / "fires.csv"
    path.write_text(
        "area_code,month,category,count\nE09000016,2024-13,Fires,1\nE09000016,2024-01,Fires,-1\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_crime", str(path), stdout=StringIO(), stderr=err)
    expected = [line for line in err.getvalue().splitlines() if line.startswith("line ")]

    upload(client, django_capture_on_commit_callbacks, path, layout="partner")

    job = UploadJob.objects.get()
    assert job.status == UploadStatus.FAILED and job.errors == expected and len(expected) == 2
    assert not CrimeCount.objects.exists()
