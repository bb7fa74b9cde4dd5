"""Draft from findings reads only released results, as stored by the real pipeline."""

import pytest
from django.conf import settings

from comms.models import CommunicationsPlan
from comms.plan.drafting import create_draft
from comms.plan.findings import released_findings
from perceptions.models import Release, SurveyResults
from perceptions.results.findings import q_text
from perceptions.results.pas import december_figures
from surveys.contract import QUESTIONS
from tests.comms.conftest import SMALL_WARDS
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory

pytestmark = pytest.mark.django_db


def _stored(year):
    release = Release.objects.get(wave__year=year)
    return {(c["measure"], c["group"], c["group_value"]): c for c in release.published_changes}


def test_findings_are_the_stored_family_of_the_latest_released_wave(released_results, wards):
    UnsafePlaceReportFactory(ward=wards[0], reasons=["badly_lit", "no_cctv"])
    UnsafePlaceReportFactory(ward=wards[0], reasons=["badly_lit"])
    findings = released_findings(2027)
    stored = _stored(2025)
    assert findings.changes and all(c.to_wave == 2025 for c in findings.changes)  # not 2026
    for change in findings.changes:
        group = ("ward", change.ward_code) if change.ward_code else ("borough", "all")
        row = stored[(change.measure, *group)]
        assert (change.significant, change.q_value, change.from_wave) == (
            row["significant"], row["q_value"], 2024)  # fmt: skip
    [trust] = [c for c in findings.changes if c.measure == "trust_mps" and not c.ward_code]
    assert trust.significant and trust.current < trust.previous
    assert findings.unsafe_reasons[0].reasons == (("badly_lit", 2), ("no_cctv", 1))


def test_pas_gaps_are_the_shipped_files_figures_without_margins(released_results):
    borough, london = december_figures(settings.BOROUGH_NAME)
    findings = released_findings(2027)
    assert findings.pas_gaps
    for gap in findings.pas_gaps:
        name = QUESTIONS[gap.measure][2]
        assert (gap.borough, gap.london) == (borough[(name, gap.year)], london[(name, gap.year)])
        assert gap.borough_margin is None and gap.london_margin is None


def test_the_drafted_plan_says_only_what_the_stored_results_show(released_results, wards):
    plan = create_draft(released_findings(2027))
    kinds = list(plan.items.values_list("finding_kind", flat=True))
    # The PAS file publishes no margins of error: no gap with London is called one to close.
    assert "below_london" not in kinds
    [fall] = plan.items.filter(finding_kind="significant_fall", measure="trust_mps",
                               audience_wards=None)  # fmt: skip
    stored = _stored(2025)[("trust_mps", "borough", "all")]
    assert q_text(stored["q_value"]) in fall.finding and "2025 compared with 2024" in fall.finding
    estimates = SurveyResults.objects.get().report["estimates"]
    ward_n = {(r["group_value"], r["measure"]): r["n"] for r in estimates
              if r["group"] == "ward" and r["wave"] == 2025}  # fmt: skip
    small = {w.code for w in wards[:SMALL_WARDS]}
    for item in plan.items.filter(finding_kind="bottom_quarter"):
        codes = set(item.audience_wards.values_list("code", flat=True))
        assert codes and not codes & small
        assert all(ward_n[(code, item.measure)] >= 50 for code in codes)


def test_no_findings_before_anything_is_released(wards):
    assert released_findings(2027) is None
    assert not CommunicationsPlan.objects.exists()
