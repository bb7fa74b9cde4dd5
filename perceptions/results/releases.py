"""Published changes stored with each release, so public q-values never move.

:func:`store_release_changes` runs after every successful computation: each signed-off
release whose changes are not stored yet gets its family (``perceptions.analysis.
families``): the change from the latest earlier released weighted wave, adjusted over that
release's rows only. Stored rows are never recomputed; editing a release's revision note
clears them so corrected figures are stored once more. :func:`provisional_changes` gives
staff the provisional family of each wave not yet signed off.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from perceptions.analysis.families import baseline_wave, release_family
from perceptions.models import Release


def _weighted(document: dict[str, Any]) -> set[int]:
    return {row["wave"] for row in document.get("estimates", [])}


def store_release_changes(survey_id: int, document: dict[str, Any]) -> None:
    """Store the family of every signed-off, weighted release that has none yet."""
    releases = list(Release.objects.filter(wave__survey_id=survey_id).select_related("wave"))
    signed_off = {r.wave.year for r in releases}
    weighted = _weighted(document)
    for release in sorted(releases, key=lambda r: r.wave.year):
        year = release.wave.year
        if release.published_changes is not None or year not in weighted:
            continue
        base = baseline_wave(year, weighted, signed_off)
        rows = [] if base is None else release_family(document["estimates"], base, year)
        Release.objects.filter(pk=release.pk).update(
            published_changes=[row.to_dict() for row in rows],
            compared_with=base,
            changes_stored_at=timezone.now(),
        )
        from perceptions.results.panels import bump_releases  # the page shows these changes

        bump_releases()


def provisional_changes(survey_id: int, document: dict[str, Any]) -> list[dict[str, Any]]:
    """Families of weighted waves not signed off, each against the previous weighted wave
    (what staff see before sign-off; never public)."""
    signed_off = set(
        Release.objects.filter(wave__survey_id=survey_id).values_list("wave__year", flat=True)
    )
    weighted = _weighted(document)
    rows: list[dict[str, Any]] = []
    for year in sorted(weighted - signed_off):
        base = baseline_wave(year, weighted, weighted)
        if base is not None:
            rows += [row.to_dict() for row in release_family(document["estimates"], base, year)]
    return rows
