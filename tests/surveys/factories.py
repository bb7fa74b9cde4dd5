"""Factories for surveys, waves with the standard question bank, and responses."""

import datetime

import factory

from surveys import answer_store
from surveys.annual.bank import build_standard_bank
from surveys.models import Survey, SurveyResponse, Wave


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        django_get_or_create = ("slug",)

    slug = "annual-survey"
    title = "Annual crime and safety survey"


class WaveFactory(factory.django.DjangoModelFactory):
    """An open wave (opened a week ago, closing in a month) with the standard bank."""

    class Meta:
        model = Wave
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    year = 2026
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    target_sample = 1000

    @factory.post_generation
    def bank(self, create, extracted, **kwargs):
        if create and extracted is not False:
            build_standard_bank(self)


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    wave = factory.SubFactory(WaveFactory)
    respondent_id = factory.Sequence(lambda n: f"R{n:05d}")
    completed_on = factory.LazyFunction(datetime.date.today)
    age_band = "35-49"


def add_answer(response, question_code="good_job", answer_code="good"):
    """One coded answer of ``response``, stored as every answer is (surveys.answer_store)."""
    answer_store.add_answers([(response.pk, question_code, answer_code, "")])


def add_survey_page(survey, **fields):
    """A live SurveyPage under the home page (needs the `site` fixture)."""
    from communitysafety.home.models import HomePage
    from surveys.models import SurveyPage

    home = HomePage.objects.first()
    page = SurveyPage(
        title="Annual crime and safety survey",
        slug="survey",
        survey=survey,
        intro="<p>Tell us how safe you feel.</p>",
        privacy_notice="<p>We do not store your IP address.</p>",
        **fields,
    )
    home.add_child(instance=page)
    return page


# A complete set of answers for the standard bank, section by section.
SECTION_ANSWERS = {
    "Feeling safe": {
        "feel_safe_day": "very_safe",
        "feel_safe_night": "fairly_unsafe",
        "worry_crime": "fairly_worried",
        "worry_asb": "dont_know",
    },
    "Policing in your area": {
        "good_job": "good",
        "relied_on": "tend_to_agree",
        "treat_fairly": "neither",
        "dealing_issues": "tend_to_disagree",
        "listen_concerns": "strongly_agree",
        "understand_issues": "refused",
        "trust_mps": "tend_to_agree",
    },
    "Keeping in touch": {
        "informed_local": "fairly_well",
        "contact_ward_officer": "no",
        "victim_12m": "no",
    },
    "About the crime": {"victim_reported": "yes", "victim_types": ["burglary", "online"]},
    "Anything else": {"local_concerns": ""},
}
