"""Query pins for the survey's final submit and both unsafe-place report submits (issue
19.4), and their edge cases."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import ResponseCount, SurveyResponse, UnsafePlaceReport
from tests.surveys.journey import answer_sections, open_wave_with_page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(site, wards):
    return open_wave_with_page()


def test_the_final_submit_runs_seven_queries_and_counts_the_response(client, wave):
    answer_sections(client, client.post(url("start")))
    client.post(url("check"))  # warms the per-process rules cache
    SurveyResponse.objects.update(completed_on=None)
    ResponseCount.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url("check"))
    assert response.status_code == 302 and response["Location"] == url("done")
    # The session; a savepoint; the locked response, its packed answers and wave in one
    # SELECT; its UPDATE; an upsert per count table; the release.
    assert len(queries.captured_queries) == 7
    assert SurveyResponse.objects.get().completed_on is not None
    assert sum(ResponseCount.objects.values_list("respondents", flat=True)) == 1


REPORT_QUERIES = ("SAVEPOINT", "INSERT", "INSERT", "RELEASE SAVEPOINT")


def report_statements(queries) -> tuple[str, ...]:
    """Each query's statement: its first words, or the two of RELEASE SAVEPOINT."""
    return tuple(
        "RELEASE SAVEPOINT" if q["sql"].startswith("RELEASE") else q["sql"].split()[0]
        for q in queries.captured_queries
    )


def test_the_report_form_post_runs_four_queries_and_stores_the_report(client, site, wards):
    form = {
        "place": "Subway under the ring road",
        "ward": "E05013983",
        "environmental": ["badly_lit", "empty_or_isolated"],
        "time_of_day": "after_dark",
    }
    client.post("/unsafe-places/report/", form)  # warms the ward list and the page shell
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/unsafe-places/report/", form)
    assert response.status_code == 200
    # A savepoint, the report, its reasons in one INSERT, the release: the confirmation
    # page and the ward choices read nothing.
    assert report_statements(queries) == REPORT_QUERIES
    assert UnsafePlaceReport.objects.count() == 2
    assert sorted(UnsafePlaceReport.objects.latest("pk").reason_codes) == [
        "badly_lit",
        "empty_or_isolated",
    ]


def test_the_report_api_post_runs_four_queries_and_stores_the_report(client, wards):
    body = json.dumps(
        {
            "location": {"lat": 51.5768, "lng": 0.1837},
            "reasons": ["badly_lit", "followed"],
            "time_of_day": "after_dark",
        }
    )
    client.post("/api/v1/unsafe-places/", body, content_type="application/json")  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/unsafe-places/", body, content_type="application/json")
    assert response.status_code == 201
    assert report_statements(queries) == REPORT_QUERIES
    stored = UnsafePlaceReport.objects.get(reference=response.json()["reference"])
    assert sorted(stored.reason_codes) == ["badly_lit", "followed"]
