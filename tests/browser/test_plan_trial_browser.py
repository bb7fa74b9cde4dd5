"""Staff turn a plan action into a trial in the admin; a resident answers the pulse survey."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in_as_staff


@pytest.fixture
def plan_action(site_server):
    from communitysafety.wards.models import Ward
    from tests.comms.alert_factories import PlanFactory, PlanItemFactory, UserFactory

    UserFactory(username="planner", is_superuser=True)
    item = PlanItemFactory(
        plan=PlanFactory(year=2026, status="approved"), objective="Ward newsletter trial"
    )
    item.audience_wards.set(list(Ward.objects.order_by("code")[:6]))
    item.save()
    return site_server


def test_staff_create_a_trial_from_a_plan_action(page, plan_action):
    from comms.models import PlanTrial
    from perceptions.analysis.trials import assign_groups

    sign_in_as_staff(page, plan_action.url, "planner")
    page.goto(plan_action.url + "/admin/comms/plan-items/")
    page.get_by_role("link", name="Run as a trial").click()
    expect(page.get_by_role("heading", name="Run as a trial")).to_be_visible()

    page.get_by_role("button", name="Split the wards at random").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter when the early group")

    page.fill("#id_before_from", "2026-01-05")
    page.fill("#id_starts_on", "2026-03-01")
    page.fill("#id_late_starts_on", "2026-06-01")
    page.fill("#id_seed", "20260301")
    page.get_by_role("button", name="Split the wards at random").click()

    expect(page).to_have_url(re.compile(r"/admin/comms/plan-items/trial/\d+/$"))
    expect(page.locator(".trial-verdict")).to_contain_text("not been evaluated yet")
    trial = PlanTrial.objects.get()
    early, _late = assign_groups([w.code for w in trial.item.audience_wards.all()], 20260301)
    first_early = trial.early_wards.get(code=early[0])
    expect(page.locator("dl")).to_contain_text(first_early.name)
    expect(page.locator("dl")).to_contain_text("20260301")

    page.get_by_role("button", name="Evaluate now").click()
    expect(page.locator(".trial-verdict")).to_contain_text("too few answers")


def test_resident_answers_the_pulse_survey_after_an_error(page, site_server):
    from communitysafety.wards.models import Ward
    from surveys.models import PulseResponse

    page.goto(site_server.url + "/pulse/")
    assert_accessible(page)
    page.get_by_role("button", name="Send answers").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how well informed you feel")
    assert_accessible(page)
    page.get_by_label("Fairly well informed").check()
    page.get_by_label("Fairly safe").check()
    page.get_by_label("Tend to agree").check()
    ward = Ward.objects.order_by("name").first()
    page.select_option("#id_ward", str(ward.pk))
    page.get_by_label("35 to 49").check()
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert PulseResponse.objects.get().informed_local == "fairly_well"
