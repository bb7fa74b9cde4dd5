"""The shared upload plumbing: the kinds the apps declare, progress, the status JSON and
the retention of uploaded files and records."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from communitysafety.common.imports import progress, reporting_progress
from communitysafety.common.retention import purge_expired
from communitysafety.common.uploads.models import UploadJob, UploadStatus
from communitysafety.common.uploads.registry import upload_kinds
from communitysafety.home.roles import ANALYSTS
from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_each_app_declares_its_upload_kind_with_the_permission_of_its_role():
    kinds = upload_kinds()
    assert list(kinds) == ["survey-responses", "pas", "crime"]
    analyst = UserFactory(username="analyst", groups=[ANALYSTS])
    assert [code for code, kind in kinds.items() if kind.allowed(analyst)] == [
        "survey-responses",
        "pas",
    ]
    assert all(
        kind.allowed(UserFactory(username="root", is_superuser=True)) for kind in kinds.values()
    )


def test_progress_inside_an_upload_reaches_the_listener_every_thousand_rows():
    seen = []
    with reporting_progress(lambda phase, done, total: seen.append((phase, done, total))):
        assert sum(progress(range(2500), total=2500, desc="storing")) == sum(range(2500))
    assert seen == [
        ("storing", 0, 2500),
        ("storing", 1000, 2500),
        ("storing", 2000, 2500),
        ("storing", 2500, 2500),
    ]
    assert list(progress(range(3), total=3, desc="quiet")) == [0, 1, 2]  # no listener: silent


def test_the_status_json_shows_progress_to_those_allowed_only(client):
    job = UploadJob.objects.create(
        kind="pas",
        file_name="pas.csv",
        status=UploadStatus.RUNNING,
        rows_done=1000,
        rows_total=4000,
    )
    url = reverse("uploads_status_json", args=[job.pk])
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    data = client.get(url).json()
    assert data["status"] == "running" and data["rows_done"] == 1000 and data["rows_total"] == 4000
    page = client.get(reverse("uploads_status", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "1000 of 4000 rows" in page
    job.kind = "crime"
    job.save()
    assert client.get(url).status_code in (302, 403)


def test_retention_deletes_files_left_behind_fails_stuck_jobs_and_drops_old_records():
    old = timezone.now() - timedelta(days=2)
    stuck = UploadJob(kind="pas", file_name="pas.csv", status=UploadStatus.RUNNING, created_at=old)
    stuck.file.save("pas.csv", ContentFile(b"date\n"), save=False)
    stuck.save()
    name = stuck.file.name
    fresh = UploadJob(kind="pas", file_name="new.csv")
    fresh.file.save("new.csv", ContentFile(b"date\n"), save=False)
    fresh.save()
    ancient = UploadJob.objects.create(
        kind="pas",
        file_name="a.csv",
        status=UploadStatus.SUCCEEDED,
        created_at=timezone.now() - timedelta(days=400),
    )

    results = purge_expired()

    assert results["uploads: uploaded files after processing"] == 1
    assert results["uploads: upload records"] == 1
    stuck.refresh_from_db()
    assert stuck.status == UploadStatus.FAILED and not stuck.file
    assert not default_storage.exists(name)
    assert UploadJob.objects.get(pk=fresh.pk).file  # still within its day
    assert not UploadJob.objects.filter(pk=ancient.pk).exists()


def test_recent_uploads_lists_only_the_kinds_the_user_may_upload(client):
    UploadJob.objects.create(kind="pas", file_name="pas-2025.csv", status=UploadStatus.SUCCEEDED)
    UploadJob.objects.create(kind="crime", file_name="mps-2025.csv", status=UploadStatus.FAILED)
    client.force_login(UserFactory(username="analyst", groups=[ANALYSTS]))
    page = client.get(reverse("uploads_index")).content.decode()
    assert "pas-2025.csv" in page and "mps-2025.csv" not in page


@pytest.mark.django_db(transaction=True)
def test_the_store_passs_progress_is_visible_to_the_status_page_before_the_commit():
    """On PostgreSQL the progress inside the import's transaction goes through a second
    connection; the status page (another connection) sees it while the rows are stored."""
    from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

    from communitysafety.common.uploads.jobs import Progress

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's one writer is the import itself")
    job = UploadJob.objects.create(kind="survey-responses", file_name="big.csv")
    status_page = connections.create_connection(DEFAULT_DB_ALIAS)
    progress = Progress(job, total=4000)
    try:
        with transaction.atomic():
            progress("storing", 1000, 4000)
            with status_page.cursor() as cursor:
                table = UploadJob._meta.db_table
                cursor.execute(f"SELECT phase, rows_done FROM {table} WHERE id = %s", [job.pk])  # noqa: S608
                assert cursor.fetchone() == ("storing", 1000)
    finally:
        progress.close()
        status_page.close()
