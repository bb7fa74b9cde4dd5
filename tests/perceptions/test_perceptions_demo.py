"""perceptions.demo: works without survey demo waves, releases past waves, idempotent."""

import pytest

from perceptions import demo
from perceptions.models import PasBoroughFigure, Release, SurveyResults
from tests.communitysafety.factories import UserFactory
from tests.perceptions.factories import SurveyFactory, WaveFactory, generated_rows, store_responses

pytestmark = pytest.mark.django_db


def test_demo_without_survey_waves_imports_pas_only(wards):
    lines = []
    demo.load(lines.append)
    assert PasBoroughFigure.objects.count() == 9312
    assert SurveyResults.objects.count() == 0
    assert any("No survey responses yet" in line for line in lines)


def test_demo_releases_past_waves_and_leaves_results_ready(wards):
    UserFactory(username="analyst", groups=["Analysts"])
    survey = SurveyFactory(slug="annual-survey")
    codes = [w.code for w in wards]
    for year, share in ((2022, 0.3), (2023, 0.55), (2024, 0.56)):
        store_responses(
            WaveFactory(survey=survey, year=year),
            generated_rows(codes, per_cell=4, seed=year, positive_share={"informed_local": share}),
            prefix=f"{year}-",
        )
    lines = []
    demo.load(lines.append)
    demo.load(lines.append)  # idempotent
    assert Release.objects.filter(wave__survey=survey).count() == 3
    results = SurveyResults.objects.get(survey=survey)
    assert results.generation == 2 and not results.last_error
    informed = [
        c for c in results.report["changes"]
        if c["measure"] == "informed_local" and c["group"] == "borough"
    ]  # fmt: skip
    assert [c["significant"] for c in informed] == [True, False]
