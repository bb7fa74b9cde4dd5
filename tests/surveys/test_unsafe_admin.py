"""Moderation in the Wagtail admin, exports, the digest and the purge command."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from surveys.models import UnsafePlaceReport, WardFollow
from surveys.unsafe_places.tasks import send_unsafe_place_digests
from tests.surveys.unsafe_factories import (
    PartnerFactory,
    UnsafePlaceReportFactory,
    moderator,
    safeguarding_lead,
)

LIST = "/admin/unsafe-places/reports/"


def content(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.django_db
def test_moderators_see_the_queue_filtered_and_searched(client, wards):
    UnsafePlaceReportFactory(ward=wards[0], place="Station underpass", reasons=["badly_lit"])
    UnsafePlaceReportFactory(ward=wards[1], place="Town park", reasons=["followed"])
    client.force_login(moderator())

    page = content(client.get(LIST))
    assert "Station underpass" in page and "Town park" in page
    assert "Town park" not in content(client.get(LIST, {"ward": wards[0].pk}))
    assert "Station underpass" not in content(client.get(LIST, {"reason": "followed"}))
    assert "Town park" not in content(client.get(LIST, {"q": "underpass"}))
    assert "Town park" not in content(client.get(LIST, {"status": "rejected"}))


@pytest.mark.django_db
def test_the_public_cannot_open_the_admin_queue(client, wards):
    UnsafePlaceReportFactory()
    assert client.get(LIST).status_code == 302


@pytest.mark.django_db
def test_safeguarding_reports_are_only_in_the_leads_queue(client, wards):
    UnsafePlaceReportFactory(place="Flagged place", safeguarding=True)
    client.force_login(moderator())
    assert "Flagged place" not in content(client.get(LIST))
    report = UnsafePlaceReport.objects.get()
    assert client.get(f"/admin/unsafe-places/{report.pk}/moderate/").status_code == 404

    client.force_login(safeguarding_lead())
    assert "Flagged place" in content(client.get("/admin/unsafe-places/safeguarding/"))
    assert client.get(f"/admin/unsafe-places/{report.pk}/moderate/").status_code == 200


@pytest.mark.django_db
def test_a_moderator_moves_a_report_through_the_workflow_in_the_admin(client, wards):
    report = UnsafePlaceReportFactory()
    partner = PartnerFactory(name="Havering Council street lighting")
    client.force_login(moderator())
    url = f"/admin/unsafe-places/{report.pk}/moderate/"

    response = client.post(url, {"action": "transition", "status": "referred"})
    assert response.status_code == 200
    assert "Choose the partner" in content(response)

    client.post(url, {"action": "transition", "status": "referred", "partner": partner.pk})
    client.post(url, {"action": "note", "note": "Street lights repaired on 3 March"})
    client.post(url, {"action": "transition", "status": "fixed"})

    report.refresh_from_db()
    assert report.status == "fixed" and report.referred_to == partner
    assert report.public_note == "Street lights repaired on 3 March"
    page = content(client.get(url))
    assert "Status changed from “Referred to a partner” to “Fixed”" in page


@pytest.mark.django_db
def test_redacting_in_the_admin_removes_the_text_from_the_history(client, wards):
    report = UnsafePlaceReportFactory(description="Call 07700 900123")
    client.force_login(moderator())
    url = f"/admin/unsafe-places/{report.pk}/moderate/"

    client.post(url, {"action": "redact", "description": "Call [number]"})

    page = content(client.get(url))
    assert "07700" not in page and "Description redacted" in page


@pytest.mark.django_db
def test_grouping_duplicates_in_the_admin(client, wards):
    report = UnsafePlaceReportFactory(latitude="51.5768", longitude="0.1837")
    other = UnsafePlaceReportFactory(latitude="51.5769", longitude="0.1837")
    client.force_login(moderator())

    client.post(
        f"/admin/unsafe-places/{report.pk}/moderate/",
        {"action": "group", "reports": [other.pk], "label": "South Street"},
    )
    other.refresh_from_db()
    assert other.duplicate_group.label == "South Street"


@pytest.mark.django_db
def test_markup_in_reports_is_escaped_in_the_admin(client, wards):
    UnsafePlaceReport.objects.filter(pk=UnsafePlaceReportFactory().pk).update(
        place="<script>alert(1)</script>"
    )
    client.force_login(moderator())
    page = content(client.get(LIST))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.django_db
def test_the_csv_export_is_filtered_and_formula_safe(client, wards):
    UnsafePlaceReportFactory(ward=wards[0], place='=HYPERLINK("http://x")', description="@SUM(1)")
    UnsafePlaceReportFactory(ward=wards[1], place="Elsewhere")
    client.force_login(moderator())

    response = client.get("/admin/unsafe-places/export.csv", {"ward": wards[0].pk})

    rows = list(csv.DictReader(io.StringIO(content(response))))
    assert len(rows) == 1
    assert rows[0]["place"].startswith("'=")
    assert rows[0]["description"] == "'@SUM(1)"


@pytest.mark.django_db
def test_the_wagtail_list_export_is_formula_safe_too(client, wards):
    UnsafePlaceReportFactory(place="+cmd|' /C calc'!A0")
    client.force_login(moderator())
    response = client.get(LIST, {"export": "csv"})
    assert "'+cmd" in content(response)


@pytest.mark.django_db
def test_the_geojson_export_has_points_for_pins_and_filters_by_status(client, wards):
    UnsafePlaceReportFactory(latitude="51.5768", longitude="0.1837", status="under_review")
    UnsafePlaceReportFactory(status="new")
    client.force_login(moderator())

    response = client.get("/admin/unsafe-places/export.geojson", {"status": "under_review"})

    body = json.loads(content(response))
    assert len(body["features"]) == 1
    assert body["features"][0]["geometry"]["coordinates"] == [0.1837, 51.5768]


@pytest.mark.django_db
def test_exports_need_the_moderator_permission(client, wards):
    from tests.communitysafety.factories import UserFactory

    client.force_login(UserFactory(groups=["Editors"]))
    response = client.get("/admin/unsafe-places/export.csv")
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_the_daily_digest_goes_once_to_followers_for_their_wards(wards):
    yesterday = timezone.localdate() - timedelta(days=1)
    follower = moderator(email="mod@example.org")
    WardFollow.objects.create(user=follower, ward=wards[0])
    mine = UnsafePlaceReportFactory(ward=wards[0], place="Mine")
    other = UnsafePlaceReportFactory(ward=wards[1], place="Not mine")
    UnsafePlaceReport.objects.filter(pk__in=[mine.pk, other.pk]).update(submitted_on=yesterday)

    assert send_unsafe_place_digests.call() == 1
    assert send_unsafe_place_digests.call() == 0  # idempotent

    assert len(mail.outbox) == 1
    assert mine.reference in mail.outbox[0].body
    assert other.reference not in mail.outbox[0].body
    assert "lights are out" not in mail.outbox[0].body


@pytest.mark.django_db
def test_the_purge_command_blanks_expired_descriptions(wards):
    report = UnsafePlaceReportFactory(
        status="fixed", closed_on=timezone.localdate() - timedelta(days=400)
    )
    out = io.StringIO()
    call_command("purge_unsafe_place_descriptions", stdout=out)
    report.refresh_from_db()
    assert report.description == "" and "Purged 1" in out.getvalue()
