"""Demo data: the annual survey with three past waves and the current open wave.

Past waves hold a few thousand realistic responses each, generated
deterministically (surveys.annual.demo_responses) and stored through the real import
path, so the analysis has data with one clear change and one non-change.
Idempotent: a wave that already has responses is left alone.
"""

import datetime
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone

from communitysafety.wards.models import Ward
from surveys.annual.bank import build_standard_bank, copy_wave
from surveys.annual.demo_responses import write_wave_csv
from surveys.annual.exporting import question_codes
from surveys.annual.importing import import_responses
from surveys.models import Survey, SurveyPage

SLUG = "annual-survey"
PAST_SIZES = (3100, 3300, 3500)
CURRENT_SIZE = 420


def _waves(survey: Survey, today: datetime.date):
    """Three closed past waves (autumn fieldwork) and this year's, open today."""
    years = [today.year - 3, today.year - 2, today.year - 1, today.year]
    waves = []
    previous = None
    for index, year in enumerate(years):
        current = index == 3
        dates = {
            "opens_on": today - datetime.timedelta(days=30)
            if current
            else datetime.date(year, 10, 1),
            "closes_on": today + datetime.timedelta(days=60)
            if current
            else datetime.date(year, 11, 30),
            "target_sample": 3000,
        }
        wave = survey.waves.filter(year=year).first()
        if wave is None:
            if previous is None:
                wave = survey.waves.create(year=year, **dates)
                build_standard_bank(wave)
            else:
                wave = copy_wave(previous, year, **dates)
        waves.append(wave)
        previous = wave
    return waves


def _survey_page(survey: Survey) -> None:
    from communitysafety.home.models import HomePage

    home = HomePage.objects.first()
    if home is None or SurveyPage.objects.filter(survey=survey).exists():
        return
    home.add_child(
        instance=SurveyPage(
            title="Annual crime and safety survey",
            slug="survey",
            survey=survey,
            intro=(
                "<p>Every year we ask residents how safe they feel and what they think of "
                "policing in their area. Your answers shape the partnership's priorities.</p>"
            ),
            minutes_to_complete=10,
            privacy_notice=(
                "<p>The survey is anonymous. We do not store your IP address or device details "
                "with your answers. Unfinished answers are deleted after 30 days. Results are "
                "published only for groups of 10 or more people.</p>"
            ),
        )
    )


def load(out: Callable[[str], None]) -> None:
    survey, _ = Survey.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title": "Annual crime and safety survey",
            "description": "How safe residents feel and how they rate local policing.",
        },
    )
    today = timezone.localdate()
    waves = _waves(survey, today)
    # By GSS code, not name: names sort differently under PostgreSQL's collation, and the
    # generator's draws (and the two quiet wards) follow this order.
    wards = list(
        Ward.objects.with_adult_population()
        .order_by("code")
        .values_list("code", "adult_population")
    )
    stored = 0
    with tempfile.TemporaryDirectory() as folder:
        for index, wave in enumerate(waves):
            if wave.responses.exists() or not wards:
                continue
            current = index == 3
            path = Path(folder) / f"{wave.year}.csv"
            write_wave_csv(
                path,
                wave_index=index,
                year=wave.year,
                size=CURRENT_SIZE if current else PAST_SIZES[index],
                wards=wards,
                question_codes=question_codes(wave),
                fieldwork=(wave.opens_on, min(wave.closes_on, today)),
            )
            stored += import_responses(str(path), SLUG, wave.year).stored
    _survey_page(survey)
    out(f"Surveys: {len(waves)} waves, {stored} responses imported; survey page at /survey/.")
