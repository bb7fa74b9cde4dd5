"""Draft from findings reads only released results and turns them into plan findings."""

import datetime

import pytest

from comms.plan.findings import released_findings
from comms.plan.rules import HIGH_FEAR_LOW_CRIME
from perceptions.models import Release, SurveyResults
from perceptions.results.releases import store_release_changes
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import SurveyFactory, WaveFactory
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory

pytestmark = pytest.mark.django_db


def _row(wave, measure, estimate, group="borough", value="all"):
    return {"wave": wave, "measure": measure, "group": group, "group_value": value,
            "estimate": estimate, "se": 0.02, "n": 500}  # fmt: skip


@pytest.fixture
def released(wards):
    survey = SurveyFactory()
    waves = {year: WaveFactory(survey=survey, year=year, bank=False) for year in (2024, 2025, 2026)}
    analyst = UserFactory(username="signer")
    for year in (2024, 2025):
        Release.objects.create(
            wave=waves[year], signed_off_by=analyst, release_date=datetime.date(2025, 1, 1)
        )
    ward = wards[0]
    results = SurveyResults.objects.create(
        survey=survey,
        report={
            "estimates": [
                _row(2024, "trust_mps", 0.70),
                _row(2025, "trust_mps", 0.60),
                _row(2026, "trust_mps", 0.20),  # not released: must not be used
                _row(2025, "informed_local", 0.25, "ward", ward.code),
            ],
            "changes": [
                {
                    "measure": "trust_mps",
                    "group": "borough",
                    "group_value": "all",
                    "from_wave": 2024,
                    "to_wave": 2025,
                    "significant": True,
                },
                {
                    "measure": "trust_mps",
                    "group": "borough",
                    "group_value": "all",
                    "from_wave": 2025,
                    "to_wave": 2026,
                    "significant": True,
                },
            ],  # fmt: skip
            "benchmarks": [
                {"measure": "relied_on", "year": 2023, "pas_borough": 0.53, "pas_london": 0.59},
            ],
        },
        fear_gap={"waves": {"2025": {"wards": [{"ward": ward.code, "quadrant": "reassurance"}]}}},
    )
    # What a computation does after storing results: the releases' families are stored.
    store_release_changes(survey.id, results.report)
    UnsafePlaceReportFactory(ward=ward, reasons=["badly_lit", "no_cctv"])
    UnsafePlaceReportFactory(ward=ward, reasons=["badly_lit"])
    return ward


def test_findings_come_from_the_latest_released_wave_only(released):
    findings = released_findings(2027)
    assert [(c.measure, c.previous, c.current, c.significant) for c in findings.changes] == [
        ("trust_mps", 0.70, 0.60, True)
    ]
    assert [(g.measure, g.borough, g.london) for g in findings.pas_gaps] == [
        ("relied_on", 0.53, 0.59)
    ]
    assert [(f.ward_code, f.quadrant) for f in findings.fear_gaps] == [
        (released.code, HIGH_FEAR_LOW_CRIME)
    ]
    assert [(m.ward_code, m.measure, m.value) for m in findings.ward_measures] == [
        (released.code, "informed_local", 0.25)
    ]
    assert findings.unsafe_reasons[0].reasons == (("badly_lit", 2), ("no_cctv", 1))


def test_no_findings_before_anything_is_released(wards):
    assert released_findings(2027) is None
