"""Results pages: released waves only, tables without JavaScript, downloads, staff access."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from perceptions.results.generation import refresh_results
from tests.communitysafety.factories import UserFactory
from tests.perceptions.factories import (
    SurveyFactory,
    WaveFactory,
    change_answers,
    generated_rows,
    store_responses,
)

pytestmark = pytest.mark.django_db


def test_public_page_shows_released_waves_and_tables(client, released):
    response = client.get(reverse("perceptions:results"), {"measure": "informed_local"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2023" in html and "2024" not in html
    assert "Feeling well informed rose from" in html and "(a real change: q" in html
    assert '<table class="govuk-table">' in html
    assert "<script>" not in html and 'style="' not in html


def test_switching_ward_shows_its_trend(client, released, wards):
    ward = wards[1]
    response = client.get(
        reverse("perceptions:results"), {"measure": "trust_mps", "ward": ward.code}
    )
    html = response.content.decode()
    assert "Police" in html or "Trust" in html
    assert f"{ward.name}, by year" in html


def test_nothing_published_before_a_release(client, wards, site):
    survey = SurveyFactory(slug="annual-survey")
    store_responses(WaveFactory(survey=survey, year=2024), generated_rows([w.code for w in wards]))
    refresh_results(survey.id)
    html = client.get(reverse("perceptions:results")).content.decode()
    assert "No survey results have been published yet." in html
    data = client.get(reverse("perceptions:download", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(data.streaming_content).decode())))
    assert rows == []


def test_future_release_date_is_not_yet_public(client, released):
    release = released.waves.get(year=2023).release
    release.release_date = timezone.localdate() + timezone.timedelta(days=1)
    release.save()
    html = client.get(reverse("perceptions:results")).content.decode()
    assert "2022" in html and not re.search(r">2023<", html)


def test_csv_download_has_released_rows_with_suppression(client, released):
    response = client.get(reverse("perceptions:download", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="annual-survey-results.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["wave"] for r in rows} == {"2022", "2023"}
    assert all(r["estimate"] == "" for r in rows if r["suppressed"] == "True")


def test_xlsx_download(client, released):
    response = client.get(reverse("perceptions:download", args=["xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("perceptions:download", args=["pdf"])).status_code == 404


def test_chart_json_matches_the_table(client, released):
    data = client.get(reverse("perceptions:chart_json"), {"measure": "informed_local"}).json()
    assert data["trend"]["labels"] == ["2022", "2023"]
    assert data["trend"]["significant"] == [False, True]
    assert len(data["map"]["features"]) > 0


def test_staff_page_needs_an_analyst(client, released):
    url = reverse("perceptions:staff_results")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(groups=["Analysts"]))
    html = client.get(url).content.decode()
    assert "2024" in html and "Minimum detectable change" in html


def test_analyst_export_is_staff_only(client, released):
    url = reverse("perceptions:analyst_export", args=[2024, "csv"])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get(url)
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.startswith("wave,respondent_id,ward_code,age_band,sex,mode,weight")


def test_methodology_page(client, site):
    response = client.get(reverse("perceptions:methodology"))
    assert response.status_code == 200
    assert "Benjamini" in response.content.decode()


def test_analyst_signs_off_a_release_in_the_admin(client, released):
    from perceptions.models import Release

    analyst = UserFactory(groups=["Analysts"])
    client.force_login(analyst)
    wave = released.waves.get(year=2024)
    response = client.post(
        reverse("perceptions_release:add"),
        {"wave": wave.pk, "release_date": "2025-03-01", "revision_note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    release = Release.objects.get(wave=wave)
    assert release.signed_off_by == analyst


def test_pages_show_stored_results_until_the_next_computation(client, released):
    from surveys.annual.counts import rebuild_counts

    url = reverse("perceptions:chart_json")
    before = client.get(url, {"measure": "informed_local"}).json()["trend"]["estimate"]
    change_answers("informed_local", "very_well")
    rebuild_counts()  # a repair by hand, then the documented recount
    assert client.get(url, {"measure": "informed_local"}).json()["trend"]["estimate"] == before
    refresh_results(released.id)
    after = client.get(url, {"measure": "informed_local"}).json()["trend"]["estimate"]
    assert after == [1.0, 1.0]


def test_no_crime_file_and_no_reports_read_as_empty(db):
    from perceptions import queries

    assert queries.ward_crime_counts() == ({}, None)
    assert queries.ward_crime_rates() == {}
    assert queries.ward_unsafe_place_reports() == {}
    assert not queries.has_crime_data()


def test_analyst_export_is_recorded_in_the_audit_log(client, released):
    from wagtail.models import ModelLogEntry

    analyst = UserFactory(username="auditor", groups=["Analysts"])
    client.force_login(analyst)
    response = client.get(reverse("perceptions:analyst_export", args=[2023, "csv"]))
    b"".join(response.streaming_content)
    entry = ModelLogEntry.objects.get(action="surveys.export")
    assert entry.user == analyst
    assert entry.data == {"format": "csv", "weighted": True}
