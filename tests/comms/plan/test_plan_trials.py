"""Plan actions run as trials: the admin split, the evaluation and where the verdict shows."""

import datetime

import numpy as np
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from comms.models import PlanTrial
from comms.plan.trials import create_trial, evaluate
from perceptions.analysis.measures import MEASURES_BY_CODE
from perceptions.analysis.trials import assign_groups, difference_in_differences
from perceptions.results.trials import trial_frame, trial_population
from surveys import answer_store
from surveys.contract import AGE_BANDS
from surveys.pulse.storage import store_pulse_response
from tests.comms.alert_factories import PlanFactory, PlanItemFactory, UserFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2026, 1, 1)
START = datetime.date(2026, 3, 1)
LATE = datetime.date(2026, 6, 1)


def _item(wards, n=6, **kwargs):
    item = PlanItemFactory(plan=PlanFactory(year=2026, status="approved"), **kwargs)
    item.audience_wards.set(wards[:n])
    item.save()  # a parental many-to-many is written on save
    return item


def _generated_answers(trial, effect: float, per_cell: int = 30, seed: int = 5) -> None:
    """Pulse answers in which the early wards gain ``effect`` after the start."""
    rng = np.random.default_rng(seed)
    early = set(trial.early_wards.values_list("code", flat=True))
    for ward in [*trial.early_wards.all(), *trial.late_wards.all()]:
        for period, day in enumerate((BEFORE, START)):
            for n in range(per_cell):
                p = 0.4 + 0.05 * period + (effect if period and ward.code in early else 0)
                store_pulse_response(
                    ward=ward,
                    age_band=AGE_BANDS[n % len(AGE_BANDS)],
                    answers={"informed_local": "fairly_well" if rng.random() < p else "not_at_all"},
                    completed_on=day + datetime.timedelta(days=n),
                )


def test_admin_creates_a_trial_whose_split_is_reproducible_from_its_seed(client, wards):
    item = _item(wards)
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    url = reverse("comms_plan_item:trial_create", args=[item.pk])
    data = {"before_from": BEFORE, "starts_on": START, "late_starts_on": LATE, "seed": "42"}
    response = client.post(url, data)
    trial = PlanTrial.objects.get(item=item)
    assert response.status_code == 302
    assert response["Location"] == reverse("comms_plan_item:trial", args=[trial.pk])
    codes = [w.code for w in wards[:6]]
    early, late = assign_groups(codes, 42)
    assert sorted(trial.early_wards.values_list("code", flat=True)) == list(early)
    assert sorted(trial.late_wards.values_list("code", flat=True)) == list(late)
    assert trial.seed == 42 and trial.created_by.username == "planner"
    assert ModelLogEntry.objects.filter(action="comms.plan.trial").exists()


def test_a_blank_seed_is_drawn_and_recorded(wards):
    trial = create_trial(_item(wards), before_from=BEFORE, starts_on=START, late_starts_on=LATE)
    early, _late = assign_groups([w.code for w in wards[:6]], trial.seed)
    assert sorted(trial.early_wards.values_list("code", flat=True)) == list(early)


def test_trial_form_shows_an_error_summary_for_dates_out_of_order(client, wards):
    item = _item(wards)
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    url = reverse("comms_plan_item:trial_create", args=[item.pk])
    data = {"before_from": START, "starts_on": BEFORE, "late_starts_on": ""}
    html = client.post(url, data).content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "The early start must be after the before period starts" in html
    assert "Enter when the late group starts" in html
    assert not PlanTrial.objects.exists()


def test_an_action_with_one_ward_cannot_be_a_trial(client, wards):
    item = _item(wards, n=1)
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    url = reverse("comms_plan_item:trial_create", args=[item.pk])
    data = {"before_from": BEFORE, "starts_on": START, "late_starts_on": LATE}
    html = client.post(url, data).content.decode()
    assert "A trial needs at least two audience wards." in html
    assert not PlanTrial.objects.exists()


def test_analysts_cannot_create_trials(client, wards):
    item = _item(wards)
    client.force_login(UserFactory(username="reader", groups=["Analysts"]))
    response = client.get(reverse("comms_plan_item:trial_create", args=[item.pk]))
    assert response.status_code in (302, 403)


def test_evaluation_stores_the_pipelines_estimate_and_the_verdict_shows_everywhere(client, wards):
    trial = create_trial(
        _item(wards, objective="Ward newsletter"),
        before_from=BEFORE,
        starts_on=START,
        late_starts_on=LATE,
        seed=7,
    )
    _generated_answers(trial, effect=0.3)
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    client.post(reverse("comms_plan_item:trial_evaluate", args=[trial.pk]))  # immediate tasks
    trial.refresh_from_db()

    early = sorted(trial.early_wards.values_list("code", flat=True))
    late = sorted(trial.late_wards.values_list("code", flat=True))
    frame = trial_frame("informed_local", early, late, BEFORE, START, LATE)
    expected = difference_in_differences(
        frame, trial_population(early + late), MEASURES_BY_CODE["informed_local"]
    )
    assert trial.estimate == pytest.approx(expected.estimate, rel=1e-12)
    assert trial.se == pytest.approx(expected.se, rel=1e-12)
    assert trial.ci_low > 0
    assert {(c["group"], c["period"]) for c in trial.cells} == {
        ("early", "before"),
        ("early", "after"),
        ("late", "before"),
        ("late", "after"),
    }

    sentence = "Feeling well informed moved by"
    detail = client.get(reverse("comms_plan_item:trial", args=[trial.pk])).content.decode()
    assert sentence in detail and str(trial.seed) in detail
    plan_page = client.get(reverse("comms_plan:evaluation", args=[trial.item.plan.pk]))
    assert sentence in plan_page.content.decode()
    public = client.get(reverse("comms:you_said_we_did")).content.decode()
    assert "Ward newsletter" in public and sentence in public


def test_annual_survey_answers_in_the_trial_wards_count_with_the_pulse(wards):
    from tests.perceptions.factories import SurveyFactory, WaveFactory

    trial = create_trial(
        _item(wards), before_from=BEFORE, starts_on=START, late_starts_on=LATE, seed=3
    )
    ward = trial.early_wards.first()
    wave = WaveFactory(survey=SurveyFactory(), year=2026)
    response = wave.responses.create(
        respondent_id="r1", completed_on=START, ward=ward, age_band="35-49"
    )
    answer_store.add_answers([(response.pk, "informed_local", "very_well", "")])
    early = sorted(trial.early_wards.values_list("code", flat=True))
    late = sorted(trial.late_wards.values_list("code", flat=True))
    frame = trial_frame("informed_local", early, late, BEFORE, START, LATE)
    assert frame.to_dict("records") == [
        {
            "source": "annual",
            "period": "after",
            "group": "early",
            "ward_code": ward.code,
            "age_band": "35-49",
            "answer": "very_well",
        }
    ]


def test_too_few_answers_give_a_stored_reason_and_a_cautious_verdict(client, wards):
    trial = create_trial(
        _item(wards), before_from=BEFORE, starts_on=START, late_starts_on=LATE, seed=1
    )
    evaluate(trial)
    assert trial.estimate is None and "cannot be weighted" in trial.reason
    client.force_login(UserFactory(username="planner", groups=["Editors"]))
    html = client.get(reverse("comms_plan_item:trial", args=[trial.pk])).content.decode()
    assert "too few answers" in html


def test_ordinary_actions_say_the_comparison_cannot_separate_the_action_from_the_trend(
    client, wards
):
    _item(wards, objective="Leaflets")
    html = client.get(reverse("comms:you_said_we_did")).content.decode()
    assert "cannot separate the action from the general trend" in html


def test_the_plan_items_listing_runs_the_same_queries_for_3_or_12_trials(client, wards):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(username="lister", is_superuser=True))
    client.get("/admin/comms/plan-items/")  # the session's first request loads more

    def queries_with(trials: int) -> int:
        for _ in range(trials - PlanTrial.objects.count()):
            create_trial(
                _item(wards), before_from=BEFORE, starts_on=START, late_starts_on=LATE, seed=1
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/comms/plan-items/").status_code == 200
        return len(captured)

    assert queries_with(3) == queries_with(12)
