"""Every "real change" the results pages and the plan print is a stored test result.

Walks the rendered public results page for every measure (borough and one ward) and the
drafted plan, finds each claim about change and checks it against the q-value stored with
the release (issue 18: "a test walks the rendered results and plan").
"""

import html as html_lib
import re

import pytest
from django.urls import reverse

from comms.plan.drafting import create_draft
from comms.plan.findings import released_findings
from perceptions.analysis.measures import QUESTION_CODES
from perceptions.models import Release
from perceptions.results.findings import q_text

pytestmark = pytest.mark.django_db

CLAIM = re.compile(
    r'<(strong|span|li) data-verdict="(\w*)" data-measure="(\w+)" data-group="(\w+)" '
    r'data-group-value="([\w-]+)" data-from-wave="(\d+)" data-to-wave="(\d+)">(.*?)</\1>',
    re.S,
)
NEGATED = re.compile(r"(not shown to be a real change|no real change)", re.I)


def _stored():
    return {
        (c["measure"], c["group"], c["group_value"], c["from_wave"], c["to_wave"]): c
        for release in Release.objects.filter(published_changes__isnull=False)
        for c in release.published_changes
    }


def _expected_verdict(change):
    if change["q_value"] is not None and change["q_value"] < 0.05:
        return "real"
    if change["p_value"] is None:
        return "not_tested"
    return "not_after_comparisons" if change["p_value"] < 0.05 else "margin_of_error"


def _text(html):
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_every_real_change_claim_on_the_results_pages_and_the_plan_matches_the_stored_q(
    client, released_results, wards
):
    stored = _stored()
    checked = real = 0
    for measure in QUESTION_CODES:
        for ward in (None, wards[5].code):
            params = {"measure": measure} | ({"ward": ward} if ward else {})
            html = client.get(reverse("perceptions:results"), params).content.decode()
            for _tag, verdict, m, group, value, before, after, inner in CLAIM.findall(html):
                change = stored[(m, group, value, int(before), int(after))]
                assert verdict == _expected_verdict(change), (m, group, value, inner)
                text = _text(inner)
                if verdict == "real":
                    real += 1
                    assert q_text(change["q_value"]) in text and not NEGATED.search(text)
                else:
                    assert not re.search(r"real change", NEGATED.sub("", text), re.I)
                checked += 1
            # Outside the marked claims, no sentence calls a change real except the summary
            # line that lists the years of the marked real changes.
            rest = _text(CLAIM.sub("", html))
            rest = NEGATED.sub("", rest)
            for years in re.findall(r"Real changes \(marked on the chart\): ([\d, ]+)\.", rest):
                group, value = ("ward", ward) if ward else ("borough", "all")
                for year in years.split(", "):
                    assert any(
                        c["significant"] and c["to_wave"] == int(year)
                        for (cm, cg, cv, _f, _t), c in stored.items()
                        if (cm, cg, cv) == (measure, group, value)
                    )
            rest = re.sub(r"Real changes \(marked on the chart\): [\d, ]+\.", "", rest)
            assert not re.search(r"real change", rest, re.I), measure
    assert checked and real  # the walk saw claims of both kinds

    plan = create_draft(released_findings(2027))
    claims = [item for item in plan.items.all() if re.search(r"real change", item.finding, re.I)]
    assert claims
    for item in claims:
        assert item.finding_kind == "significant_fall"
        wards_of = list(item.audience_wards.values_list("code", flat=True))
        group, value = ("ward", wards_of[0]) if wards_of else ("borough", "all")
        [change] = [c for k, c in stored.items() if k[:3] == (item.measure, group, value)]
        assert change["significant"] and change["difference"] < 0
        assert f"a real change: {q_text(change['q_value'])}" in item.finding
