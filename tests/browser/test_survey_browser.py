"""A resident completes the annual survey in a real browser, with axe on every step."""

import re

import pytest

from surveys import answer_store
from surveys.models import SurveyResponse
from tests.browser.conftest import assert_accessible
from tests.surveys.factories import SECTION_ANSWERS, WaveFactory, add_survey_page


@pytest.fixture
def survey_site(site_server):
    wave = WaveFactory()
    add_survey_page(wave.survey)
    return site_server


def answer(page, answers: dict) -> None:
    for code, value in answers.items():
        if isinstance(value, list):
            for item in value:
                page.locator(f'input[name="{code}"][value="{item}"]').check()
        elif code == "local_concerns":
            page.fill("#q-local_concerns", value)
        else:
            page.locator(f'input[name="{code}"][value="{value}"]').check()


def test_resident_completes_the_survey_with_save_resume_errors_and_skip_logic(
    page, browser, survey_site
):
    base = survey_site.url
    page.goto(base + "/survey/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    # An error summary for a section sent empty, focusable links to each question.
    assert page.locator("h1").inner_text() == "Feeling safe"
    assert "Section 1 of" in page.content()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link").count() == 4
    assert_accessible(page)
    answer(page, SECTION_ANSWERS["Feeling safe"])
    page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "Policing in your area"
    assert_accessible(page)
    answer(page, SECTION_ANSWERS["Policing in your area"])
    page.get_by_role("button", name="Save and come back later").click()

    # Save, then resume on another device with the code.
    assert page.locator("h1").inner_text() == "Your answers have been saved"
    assert_accessible(page)
    code = page.locator("#resume-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    other_device = browser.new_context().new_page()
    other_device.goto(base + "/survey/")
    other_device.get_by_role("link", name="Carry on with saved answers").click()
    assert_accessible(other_device)
    other_device.fill("#q-code", code)
    other_device.get_by_role("button", name="Continue").click()
    page = other_device
    assert page.locator("h1").inner_text() == "Keeping in touch"
    assert_accessible(page)

    # Skip logic: being a victim brings the follow-up section in.
    answer(page, {**SECTION_ANSWERS["Keeping in touch"], "victim_12m": "yes"})
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "About the crime"
    assert_accessible(page)
    answer(page, SECTION_ANSWERS["About the crime"])
    page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "Anything else"
    answer(page, {"local_concerns": "<b>Lights</b> out by the park"})
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "About you"
    page.select_option("#q-ward", label="Beam Park")
    page.locator('input[name="age_band"][value="50-64"]').check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    assert "Lights out by the park" in page.content()
    assert_accessible(page)
    # Change an answer, go back to the check page.
    page.get_by_role("link", name="Change In the last 12 months").click()
    page.locator('input[name="victim_12m"][value="no"]').check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    assert "Did you report it to the police?" not in page.content()
    page.get_by_role("button", name="Send my answers").click()

    assert page.locator("h1").inner_text() == "Your answers have been sent"
    assert_accessible(page)
    stored = SurveyResponse.objects.get()
    assert stored.completed_on is not None and stored.ward.name == "Beam Park"
    assert "victim_reported" not in answer_store.answers_of(stored)


def test_survey_works_on_a_phone_without_javascript(browser, survey_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(survey_site.url + "/survey/")
    page.get_by_role("button", name="Start now").click()
    assert page.locator("h1").inner_text() == "Feeling safe"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is not False
    answer(page, SECTION_ANSWERS["Feeling safe"])
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Policing in your area"
    context.close()
