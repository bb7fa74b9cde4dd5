"""Demo data for this app (called by load_demo_data after the surveys' demo).

Imports the repository's PAS series, computes the stored results of every survey that has
responses, and releases its past waves (signed off by the demo analyst), so the public
dashboard is ready. Works, and changes nothing twice, whether or not survey demo waves
exist.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import perceptions.crime.demo  # recorded crime (issue 10)
from perceptions.models import Release
from perceptions.results.generation import refresh_results
from perceptions.results.pas import import_pas
from surveys.models import Survey, SurveyResponse, Wave


def _analyst():
    """The demo analyst (from the home demo), else any Analyst, else any superuser."""
    users = get_user_model().objects
    group = Group.objects.filter(name="Analysts").first()
    return (
        users.filter(username="analyst").first()
        or (group and group.user_set.order_by("pk").first())
        or users.filter(is_superuser=True).order_by("pk").first()
    )


def release_past_waves(survey: Survey, out: Callable[[str], None]) -> int:
    """Release every wave that has closed (or is from an earlier year) and has responses."""
    today = timezone.localdate()
    analyst = _analyst()
    if analyst is None:
        out("No analyst user: past waves were not released.")
        return 0
    released = 0
    for wave in Wave.objects.filter(survey=survey).order_by("year"):
        past = (wave.closes_on and wave.closes_on < today) or wave.year < today.year
        has_answers = SurveyResponse.objects.complete().filter(wave=wave).exists()
        if past and has_answers and not Release.objects.filter(wave=wave).exists():
            Release.objects.create(
                wave=wave,
                signed_off_by=analyst,
                release_date=wave.closes_on or today,
            )
            released += 1
    return released


def load(out: Callable[[str], None]) -> None:
    perceptions.crime.demo.load(out)  # first: the fear gap reads ward crime rates
    counts = import_pas()
    out(f"PAS benchmarks: {counts.borough} borough and {counts.london} London figures.")
    surveys = Survey.objects.filter(waves__responses__isnull=False).distinct()
    if not surveys.exists():
        out("No survey responses yet: perceptions results will appear after an import.")
        return
    for survey in surveys:
        released = release_past_waves(survey, out)
        results = refresh_results(survey.id)
        if results.last_error:
            out(f"Results of {survey.slug} could not be computed: {results.last_error}")
            continue
        changes = [c for c in results.report["changes"] if c["group"] == "borough"]
        real = sum(c["significant"] for c in changes)
        out(
            f"Results of {survey.slug} ready (generation {results.generation}); "
            f"{released} wave(s) newly released; borough changes: {real} real, "
            f"{len(changes) - real} within the margin of error."
        )
