"""Unsafe-place reports leaving the system are audited: every export (the tasking CSV
and GeoJSON, and the report list's own CSV/XLSX) writes one audit-log entry with who,
when, the filters, the format and the row count, and nothing a resident wrote."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from communitysafety.home.roles import ADMINISTRATORS
from surveys.unsafe_places.exports import ACTION_EXPORT
from tests.communitysafety.factories import UserFactory
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator, safeguarding_lead

pytestmark = pytest.mark.django_db

SECRET_PLACE = "Behind 14 Acacia Avenue"
SECRET_TEXT = "My neighbour Jane Doe follows me home"


@pytest.fixture
def reports(wards):
    first, second = wards[0], wards[1]
    made = [
        UnsafePlaceReportFactory(ward=first, place=SECRET_PLACE, description=SECRET_TEXT),
        UnsafePlaceReportFactory(ward=first, place=SECRET_PLACE, description=SECRET_TEXT),
        UnsafePlaceReportFactory(ward=second, place=SECRET_PLACE, description=SECRET_TEXT),
        UnsafePlaceReportFactory(
            ward=first, place=SECRET_PLACE, description=SECRET_TEXT, safeguarding=True
        ),
    ]
    return made


def _download(response) -> bytes:
    assert response.status_code == 200, response.status_code
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _only_entry() -> ModelLogEntry:
    entries = list(ModelLogEntry.objects.filter(action=ACTION_EXPORT))
    assert len(entries) == 1, entries
    return entries[0]


def _assert_nothing_personal(entry: ModelLogEntry, reports) -> None:
    stored = json.dumps(entry.data) + entry.label
    for report in reports:
        for text in (report.place, report.description, report.reference):
            assert text not in stored


def test_filtered_csv_export_records_who_format_filters_and_row_count(client, reports, wards):
    user = moderator(username="csv-exporter")
    client.force_login(user)
    body = _download(
        client.get(
            reverse("unsafe_places_admin:export_csv"), {"ward": wards[0].pk, "status": "new"}
        )
    )
    entry = _only_entry()
    assert entry.user == user
    assert entry.timestamp is not None
    assert entry.data == {
        "format": "csv",
        "filters": {"ward": wards[0].code, "status": "new"},
        "rows": 2,  # the flagged report stays in the safeguarding queue
    }
    assert body.count(b"\n") == 1 + 2  # the count logged is what was downloaded
    _assert_nothing_personal(entry, reports)


def test_safeguarding_geojson_export_is_recorded_with_its_queue_and_dates(client, reports):
    lead = safeguarding_lead(username="geo-lead")
    client.force_login(lead)
    _download(
        client.get(
            reverse("unsafe_places_admin:export_geojson"),
            {"safeguarding": "1", "submitted_on_from": "2000-01-01"},
        )
    )
    entry = _only_entry()
    assert entry.user == lead
    assert entry.data == {
        "format": "geojson",
        "filters": {"submitted_on": ["2000-01-01T00:00:00+00:00", None], "queue": "safeguarding"},
        "rows": 1,
    }
    _assert_nothing_personal(entry, reports)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_report_list_export_is_audited_without_the_search_term(client, reports, fmt):
    user = moderator(username=f"list-exporter-{fmt}")
    client.force_login(user)
    _download(client.get("/admin/unsafe-places/reports/", {"export": fmt, "q": SECRET_PLACE}))
    entry = _only_entry()
    assert entry.data == {"format": fmt, "filters": {"search": True}, "rows": 3}
    _assert_nothing_personal(entry, reports)


def test_administrators_see_exports_in_the_site_history(client, reports, wards):
    client.force_login(moderator(username="exporter-seen"))
    _download(client.get(reverse("unsafe_places_admin:export_csv"), {"ward": wards[1].pk}))
    client.force_login(UserFactory(username="admin-reader", groups=[ADMINISTRATORS]))
    response = client.get("/admin/reports/site-history/", {"action": ACTION_EXPORT})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Exported 1 report as CSV" in html
    assert "exporter-seen" in html
    assert SECRET_TEXT not in html and SECRET_PLACE not in html
