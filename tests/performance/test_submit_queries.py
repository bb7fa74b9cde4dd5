"""Query pins for the survey's final submit (issue 19.4), and its edge cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import ResponseCount, SurveyResponse
from tests.surveys.journey import answer_sections, open_wave_with_page, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(site, wards):
    return open_wave_with_page()


def test_the_final_submit_runs_eight_queries_and_counts_the_response(client, wave):
    answer_sections(client, client.post(url("start")))
    client.post(url("check"))  # warms the per-process rules cache
    SurveyResponse.objects.update(completed_on=None)
    ResponseCount.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url("check"))
    assert response.status_code == 302 and response["Location"] == url("done")
    assert len(queries.captured_queries) == 8
    assert SurveyResponse.objects.get().completed_on is not None
    assert sum(ResponseCount.objects.values_list("respondents", flat=True)) == 1
