"""A resident's way through the annual survey, for tests that need a response made as
residents make them (the journey, the counts, the query pins, hostile input)."""

from django.urls import reverse

from tests.surveys.factories import SECTION_ANSWERS, WaveFactory, add_survey_page

SLUG = "annual-survey"


def url(name, *args):
    return reverse(f"surveys:survey_{name}", args=[SLUG, *args])


def open_wave_with_page():
    """An open wave of the annual survey (standard bank) and the page residents start from."""
    wave = WaveFactory()
    add_survey_page(wave.survey)
    return wave


def answer_sections(client, response, **overrides):
    """Follow the redirects through every section with SECTION_ANSWERS (+ overrides)."""
    for _ in range(10):
        location = response["Location"]
        if location.endswith("/about-you/"):
            return client.post(location, {"ward": "E05013967", "age_band": "35-49", "sex": ""})
        page = client.get(location)
        title = page.context["step"].title
        data = {**SECTION_ANSWERS[title], **overrides.get(title, {})}
        response = client.post(location, data)
        assert response.status_code == 302, page.context.get("errors")
    raise AssertionError("too many steps")


def answer_up_to_about_you(client) -> str:
    """Start the survey and answer each section until the "About you" step; its URL."""
    response = client.post(url("start"))
    for _ in range(6):
        location = response["Location"]
        if location.endswith("/about-you/"):
            return location
        title = client.get(location).context["step"].title
        response = client.post(location, SECTION_ANSWERS[title])
    raise AssertionError("never reached the About you step")
