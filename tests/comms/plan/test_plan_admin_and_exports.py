"""Drafting a stored plan, exports (CSV, XLSX, iCalendar) and the public page."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse

from comms.models import CommunicationsPlan, PlanItem
from comms.plan.drafting import PlanAlreadyApproved, create_draft
from comms.plan.findings import released_findings
from comms.plan.rules import Findings, PasGap, WardFearGap, draft_items
from perceptions.models import Release
from tests.comms.alert_factories import (
    PartnerFactory,
    PlanFactory,
    PlanItemFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

FINDINGS_YEAR = 2027


def test_create_draft_links_items_to_findings_and_wards():
    ward = WardFactory()
    plan = create_draft(
        Findings(2027, fear_gaps=(WardFearGap(ward.code, ward.name, "high_fear_low_crime"),))
    )
    [item] = plan.items.all()
    assert plan.status == "draft"
    assert item.finding_kind == "high_fear_low_crime" and list(item.audience_wards.all()) == [ward]


def test_redrafting_keeps_hand_written_items_and_refuses_approved_plans():
    plan = PlanFactory(year=2027)
    PlanItemFactory(plan=plan, objective="Hand written")
    create_draft(Findings(2027, pas_gaps=(PasGap("trust_mps", 0.1, 0.2, 2026, 0.02, 0.01),)))
    create_draft(Findings(2027, pas_gaps=(PasGap("trust_mps", 0.1, 0.2, 2026, 0.02, 0.01),)))
    assert sorted(plan.items.values_list("finding_kind", flat=True)) == ["", "below_london"]
    plan.status = "approved"
    plan.save()
    with pytest.raises(PlanAlreadyApproved):
        create_draft(Findings(2027))


def test_draft_from_findings_admin_view_uses_the_released_findings(client, released_results):
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    response = client.post(reverse("comms_plan:draft"), {"year": "2027"})
    plan = CommunicationsPlan.objects.get(year=2027)
    assert response.status_code == 302 and response["Location"].endswith(f"/{plan.pk}/")
    drafted = [(d.finding_kind, d.finding) for d in draft_items(released_findings(2027))]
    assert sorted(plan.items.values_list("finding_kind", "finding")) == sorted(drafted)


def test_draft_without_released_results_says_so(client):
    client.force_login(UserFactory(username="planner2", groups=["Editors"]))
    response = client.post(reverse("comms_plan:draft"), {"year": "2027"}, follow=True)
    assert "No released survey results" in response.content.decode()
    assert not CommunicationsPlan.objects.exists()


def _plan_with_item():
    item = PlanItemFactory(
        objective='=HYPERLINK("x")',
        owner=PartnerFactory(name="Ward team"),
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 31),
        key_message="Meet your ward officers",
    )
    return item.plan


def test_csv_export_neutralises_formulas(client):
    plan = _plan_with_item()
    client.force_login(UserFactory(username="analyst", groups=["Analysts"]))
    response = client.get(reverse("comms_plan:export", args=[plan.pk, "csv"]))
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("Objective,Audience wards")
    assert "'=HYPERLINK" in body and "Ward team" in body


def test_xlsx_export_opens_with_the_items(client):
    from openpyxl import load_workbook

    plan = _plan_with_item()
    client.force_login(UserFactory(username="analyst2", groups=["Analysts"]))
    response = client.get(reverse("comms_plan:export", args=[plan.pk, "xlsx"]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == '\'=HYPERLINK("x")'


def test_icalendar_export_has_one_all_day_event_per_dated_item(client):
    from icalendar import Calendar

    plan = _plan_with_item()
    PlanItemFactory(plan=plan, objective="Undated")
    client.force_login(UserFactory(username="analyst3", groups=["Analysts"]))
    response = client.get(reverse("comms_plan:export", args=[plan.pk, "ics"]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == datetime.date(2027, 3, 1)
    assert events[0].decoded("dtend") == datetime.date(2027, 4, 1)


def test_exports_need_permission(client):
    plan = _plan_with_item()
    client.force_login(UserFactory(username="nobody", groups=[]))
    response = client.get(reverse("comms_plan:export", args=[plan.pk, "csv"]))
    assert response.status_code in (302, 403)


def test_you_said_we_did_shows_only_approved_plans(client):
    approved = PlanFactory(year=2025, status="approved")
    PlanItemFactory(
        plan=approved,
        objective="Roadshows in Hylands",
        finding="Few knew the team",
        result="Knowing the ward officer rose 8 points",
    )
    PlanItemFactory(plan=PlanFactory(year=2026), objective="Secret draft")
    html = client.get(reverse("comms:you_said_we_did")).content.decode()
    assert "Roadshows in Hylands" in html and "Few knew the team" in html
    assert "rose 8 points" in html
    assert "Secret draft" not in html


def test_editor_can_add_a_plan_in_the_admin(client):
    client.force_login(UserFactory(username="planner3", groups=["Editors"]))
    response = client.post(
        reverse("comms_plan:add"),
        {
            "year": "2028",
            "status": "draft",
            "summary": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-objective": "Newsletter",
            "items-0-channel": "newsletter",
            "items-0-status": "planned",
            "items-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert PlanItem.objects.get().objective == "Newsletter"


def test_plan_index_links_to_exports_and_drafting(client):
    plan = PlanFactory(year=2029)
    client.force_login(UserFactory(username="planner4", groups=["Editors"]))
    html = client.get(reverse("comms_plan:index")).content.decode()
    assert reverse("comms_plan:export", args=[plan.pk, "ics"]) in html
    assert reverse("comms_plan:draft") in html


def test_evaluation_shows_next_waves_change_and_says_when_a_target_cannot_be_evaluated(
    client, released_results, wards
):
    plan = PlanFactory(year=2024)
    borough = PlanItemFactory(plan=plan, objective="Newsletter on trust", measure="trust_mps")
    elsewhere = PlanItemFactory(plan=plan, objective="Roadshow nowhere", measure="trust_mps")
    elsewhere.audience_wards.set([WardFactory(name="Unsurveyed ward")])  # no respondents
    elsewhere.save()
    stored = Release.objects.get(wave__year=2025).published_changes
    [change] = [c for c in stored if c["measure"] == "trust_mps" and c["group"] == "borough"]
    client.force_login(UserFactory(username="analyst5", groups=["Analysts"]))
    html = client.get(reverse("comms_plan:evaluation", args=[plan.pk])).content.decode()
    row = html[html.index("Newsletter on trust") :].split("</tr>")[0]
    assert f"Yes (q = {change['q_value']:.3f})" in row
    row = html[html.index("Roadshow nowhere") :].split("</tr>")[0]
    assert "Unsurveyed ward" in row and "Cannot be evaluated" in row and ">No<" not in row
    assert borough.measure == "trust_mps"
