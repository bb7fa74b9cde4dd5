"""The demo survey data: four waves, realistic and deterministic, with designed changes."""

import pytest

from surveys import answer_store, contract
from surveys.annual import demo, demo_responses
from surveys.models import SurveyPage, SurveyResponse, Wave

pytestmark = pytest.mark.django_db


def positive_share(code: str, year: int) -> float:
    answers = answer_store.answer_to(SurveyResponse.objects.filter(wave__year=year), code)
    base = sum(a not in contract.NON_SUBSTANTIVE for a in answers.values())
    return sum(a in contract.QUESTIONS[code][1] for a in answers.values()) / base


def test_demo_loads_past_and_current_waves_idempotently(site, wards):
    demo.load(lambda message: None)
    waves = list(Wave.objects.order_by("year"))
    assert len(waves) == 4
    assert [w.is_open() for w in waves] == [False, False, False, True]
    counts = [w.responses.complete().count() for w in waves]
    assert all(count >= 3000 for count in counts[:3])
    assert SurveyResponse.objects.filter(ward__isnull=True).exists()
    assert SurveyResponse.objects.filter(age_band="").exists()
    everyone = SurveyResponse.objects.all()
    coded = answer_store.coded_answers(everyone, list(contract.QUESTIONS), chunk_size=2000)
    assert any(code == "dont_know" for _pk, _question, code in coded)
    assert SurveyPage.objects.live().count() == 1
    demo.load(lambda message: None)
    assert SurveyResponse.objects.count() == sum(counts)
    last, previous = waves[2].year, waves[1].year
    assert (
        positive_share("informed_local", last) - positive_share("informed_local", previous) > 0.05
    )
    assert abs(positive_share("trust_mps", last) - positive_share("trust_mps", previous)) < 0.02


def test_demo_is_short_of_young_adults_in_two_wards(site, wards):
    """The representativeness page and the roadshow planner have a real gap to show."""
    from perceptions.results.representativeness import where_to_go_next

    demo.load(lambda message: None)
    survey = Wave.objects.first().survey
    codes = sorted(ward.code for ward in wards)
    quiet = {codes[i] for i in demo_responses.QUIET_WARD_POSITIONS}
    ranked = where_to_go_next(survey, limit=4)
    assert {row.ward_code for row in ranked} == quiet
    assert {row.age_band for row in ranked} == {"16-24", "25-34"}
    assert all(row.ratio < 0.5 for row in ranked)
