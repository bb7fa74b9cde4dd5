"""Factories for survey data in the database, and a generator of plausible waves."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import factory
from django.db import transaction
from django.utils import timezone

from perceptions.analysis.measures import MEASURES
from perceptions.models import Release
from surveys import answer_store
from surveys.annual.counts import add_responses
from surveys.contract import AGE_BANDS
from surveys.models import Survey, SurveyResponse, Wave
from tests.communitysafety.factories import UserFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"survey-{n}")
    title = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    survey = factory.SubFactory(SurveyFactory)
    year = factory.Sequence(lambda n: 2020 + n)
    target_sample = 1000


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    wave = factory.SubFactory(WaveFactory)
    signed_off_by = factory.SubFactory(UserFactory, groups=["Analysts"])
    release_date = factory.LazyFunction(timezone.localdate)


def generated_rows(
    ward_codes: Sequence[str],
    *,
    per_cell: int = 3,
    seed: int = 1,
    positive_share: dict[str, float] | None = None,
) -> list[dict]:
    """Respondents in every ward × age band with random answers (a weightable wave).

    ``positive_share`` sets the chance of a positive answer per measure (default 0.5);
    a few answers are dont_know, refused or empty so every rule is exercised.
    """
    rng = random.Random(seed)
    shares = positive_share or {}
    rows = []
    for ward in ward_codes:
        for band in AGE_BANDS:
            for _ in range(per_cell + rng.randint(0, 2)):
                row = {"ward_code": ward, "age_band": band}
                for measure in MEASURES:
                    roll = rng.random()
                    positive = sorted(measure.positive)
                    negative = [c for c in measure.answers if c not in measure.positive]
                    if roll < 0.04:
                        row[measure.code] = "dont_know"
                    elif roll < 0.06:
                        row[measure.code] = "refused"
                    elif roll < 0.08:
                        row[measure.code] = None
                    elif rng.random() < shares.get(measure.code, 0.5):
                        row[measure.code] = rng.choice(positive)
                    else:
                        row[measure.code] = rng.choice(negative)
                rows.append(row)
    return rows


def store_responses(wave: Wave, rows: Iterable[dict], *, prefix: str = "r") -> list[dict]:
    """Save rows as completed responses with typed answers; returns rows with ids."""
    from communitysafety.wards.models import Ward

    wards = dict(Ward.objects.values_list("code", "id"))
    rows = list(rows)
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(
            wave=wave,
            respondent_id=f"{prefix}{i}",
            completed_on=timezone.localdate(),
            ward_id=wards.get(row.get("ward_code")),
            age_band=row.get("age_band") or "",
        )
        for i, row in enumerate(rows)
    )
    answers = []
    for response, row in zip(responses, rows, strict=True):
        row["respondent_id"] = response.respondent_id
        row["wave"] = wave.year
        for measure in MEASURES:
            if row.get(measure.code):
                answers.append((response.pk, measure.code, row[measure.code], ""))
    answer_store.add_answers(answers)
    add_responses(SurveyResponse.objects.filter(pk__in=[r.pk for r in responses]))
    return rows


def change_answers(question_code: str, answer_code: str) -> None:
    """Every stored answer to the single-choice `question_code` becomes `answer_code`,
    through the store and not the journey: the per-cell counts do not follow (a repair
    by hand, until the documented recount)."""
    answered = answer_store.answer_to(SurveyResponse.objects.all(), question_code)
    with transaction.atomic():
        for response in SurveyResponse.objects.filter(pk__in=list(answered)):
            answer_store.replace_answers(
                response, [question_code], [(question_code, answer_code, "")]
            )


def released_survey(
    ward_codes: Sequence[str],
    shares: dict[int, dict[str, float]],
    *,
    released: Iterable[int],
    per_cell: int = 12,
    small_wards: int = 0,
    slug: str = "annual-survey",
) -> Survey:
    """Waves generated per year with ``shares`` of positive answers, stored, the
    ``released`` years signed off, and results computed by the real pipeline.

    The first ``small_wards`` wards get two respondents per cell, so they are low base.
    """
    from perceptions.results.generation import refresh_results

    survey = SurveyFactory(slug=slug)
    small, large = list(ward_codes[:small_wards]), list(ward_codes[small_wards:])
    for year, share in shares.items():
        rows = generated_rows(large, per_cell=per_cell, seed=year, positive_share=share)
        if small:
            rows += generated_rows(small, per_cell=2, seed=year + 1, positive_share=share)
        store_responses(WaveFactory(survey=survey, year=year), rows, prefix=f"{year}-")
    for year in released:
        ReleaseFactory(wave=survey.waves.get(year=year))
    refresh_results(survey.id)
    return survey
