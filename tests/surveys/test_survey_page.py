"""The SurveyPage: renders with the right template and editors can create it."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from communitysafety.home.models import HomePage
from communitysafety.home.roles import EDITORS
from surveys.models import SurveyPage
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import WaveFactory, add_survey_page

pytestmark = pytest.mark.django_db


def test_survey_page_renders_with_its_template(client, site):
    add_survey_page(WaveFactory().survey)
    response = client.get("/survey/")
    assert response.status_code == 200
    assert "surveys/survey/survey_page.html" in [t.name for t in response.templates]


def test_editor_creates_a_survey_page_in_the_admin(client, site):
    survey = WaveFactory().survey
    client.force_login(UserFactory(username="editor", groups=[EDITORS]))
    home = HomePage.objects.first()
    url = reverse("wagtailadmin_pages:add", args=["surveys", "surveypage", home.pk])
    response = client.post(
        url,
        {
            "title": "Have your say",
            "slug": "have-your-say",
            "survey": survey.pk,
            "intro": rich_text("<p>Tell us how safe you feel.</p>"),
            "minutes_to_complete": 8,
            "privacy_notice": rich_text("<p>We keep no IP addresses.</p>"),
            "confirmation_text": rich_text(""),
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    page = SurveyPage.objects.get(slug="have-your-say")
    assert page.live and page.get_parent().specific == home
    assert Page.objects.filter(slug="have-your-say").count() == 1
