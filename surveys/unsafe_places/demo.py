"""Demo unsafe-place reports: a few hundred across the borough, weighted towards town
centres and stations, in every status, with referrals and public outcome notes.

Deterministic (seeded generator, fixed dates) and idempotent (skips when reports exist).
"""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from communitysafety.vocabularies.models import PartnerOrganisation
from communitysafety.wards.models import Ward
from surveys.models.unsafe_places import (
    REFERENCE_ALPHABET,
    DuplicateGroup,
    UnsafePlaceReason,
    UnsafePlaceReport,
    WardFollow,
    round_coordinate,
)
from surveys.unsafe_places.enums import (
    CLOSED,
    SAFEGUARDING_GROUP,
    BehaviouralReason,
    EnvironmentalReason,
    LocationSource,
    ReportStatus,
    TimeOfDay,
)
from surveys.unsafe_places.submission import ward_at

REPORTS = 360
ANCHOR = date(2026, 10, 31)
# (name, lat, lng, weight, places people name there)
HOTSPOTS = [
    (
        "Romford town centre",
        51.5768,
        0.1837,
        9,
        ["South Street", "Market Place", "The Liberty car park"],
    ),
    (
        "Romford station",
        51.5749,
        0.1833,
        7,
        ["Romford station underpass", "Victoria Road bus stops"],
    ),
    ("Hornchurch town centre", 51.5613, 0.2184, 5, ["High Street, Hornchurch", "Billet Lane"]),
    ("Hornchurch station", 51.5541, 0.2188, 3, ["Station Lane footpath"]),
    ("Upminster", 51.5590, 0.2510, 4, ["Upminster station car park", "Corbets Tey Road"]),
    ("Harold Hill", 51.6033, 0.2322, 5, ["Farnham Road", "Hilldene shopping centre"]),
    ("Elm Park", 51.5496, 0.1977, 4, ["Elm Park station", "The Broadway, Elm Park"]),
    ("Rainham", 51.5170, 0.1906, 4, ["Rainham station footbridge", "Broadway, Rainham"]),
    ("Gidea Park", 51.5818, 0.2059, 3, ["Gidea Park station", "Balgores Lane"]),
]
BACKGROUND_SHARE = 0.25
BOROUGH_BOX = (51.49, 51.63, 0.13, 0.33)  # south, north, west, east
STATUS_WEIGHTS = [
    (ReportStatus.NEW, 22),
    (ReportStatus.UNDER_REVIEW, 18),
    (ReportStatus.REFERRED, 16),
    (ReportStatus.ACTION_PLANNED, 10),
    (ReportStatus.FIXED, 16),
    (ReportStatus.CLOSED_NOT_FIXED, 10),
    (ReportStatus.REJECTED, 8),
]
ENV = [
    (EnvironmentalReason.BADLY_LIT, 30),
    (EnvironmentalReason.EMPTY_OR_ISOLATED, 18),
    (EnvironmentalReason.NO_CCTV, 12),
    (EnvironmentalReason.RESTRICTED_VISIBILITY, 10),
    (EnvironmentalReason.POOR_LAYOUT, 8),
    (EnvironmentalReason.RUNDOWN, 10),
    (EnvironmentalReason.DRUGS_OR_ALCOHOL, 9),
    (EnvironmentalReason.OTHER_ENVIRONMENTAL, 3),
]
BEHAVIOURAL = [
    (BehaviouralReason.VERBAL_HARASSMENT_GROUP, 14),
    (BehaviouralReason.VERBAL_HARASSMENT_SINGLE, 10),
    (BehaviouralReason.FOLLOWED, 9),
    (BehaviouralReason.OTHER_HARASSMENT, 4),
]
TIMES = [
    (TimeOfDay.AFTER_DARK, 45),
    (TimeOfDay.EVENING, 25),
    (TimeOfDay.AFTERNOON, 10),
    (TimeOfDay.MORNING, 5),
    (TimeOfDay.ANY_TIME, 15),
]
DESCRIPTIONS = [
    "Half the street lights along the path are out and it is pitch black by 5pm.",
    "Group of men drinking by the bench shout at women walking past.",
    "Overgrown hedges either side, you cannot see who is round the corner.",
    "The underpass smells of cannabis and there is nobody about after 8.",
    "Someone followed me from the station to the crossing.",
    "Graffiti and fly-tipping everywhere, feels abandoned.",
    "No cameras in the car park and the stairwell lights flicker.",
    "",
    "",
]
NOTES = {
    EnvironmentalReason.BADLY_LIT: "Street lights repaired and two new columns added on {day}.",
    EnvironmentalReason.RESTRICTED_VISIBILITY: "Hedges cut back by the parks team on {day}.",
    EnvironmentalReason.NO_CCTV: "Redeployable CCTV camera installed on {day}.",
    EnvironmentalReason.RUNDOWN: "Graffiti removed and fly-tipping cleared on {day}.",
    BehaviouralReason.VERBAL_HARASSMENT_GROUP: "Extra evening patrols by the ward team from {day}.",
}
NOT_FIXED = [
    "Private land: the owner has been written to.",
    "Lighting here is already at the standard level; kept under review.",
]
REJECT = ["A crime report: passed to the police.", "Spam."]


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights, k=1)[0]


def _reference(rng: random.Random) -> str:
    chars = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"UP-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def _point(rng: random.Random) -> tuple[float, float, str]:
    if rng.random() < BACKGROUND_SHARE:
        south, north, west, east = BOROUGH_BOX
        return rng.uniform(south, north), rng.uniform(west, east), ""
    name, lat, lng, _weight, places = rng.choices(HOTSPOTS, weights=[h[3] for h in HOTSPOTS])[0]
    # ~250 m spread around the centre of the hotspot.
    return rng.gauss(lat, 0.0022), rng.gauss(lng, 0.0035), rng.choice(places)


def _partner(reasons: list[str], ward: Ward, place: str) -> PartnerOrganisation | None:
    if "station" in place.lower():
        slug = "transport-for-london"
    elif EnvironmentalReason.BADLY_LIT in reasons:
        slug = "havering-council-street-lighting"
    elif EnvironmentalReason.RESTRICTED_VISIBILITY in reasons:
        slug = "havering-council-parks"
    elif EnvironmentalReason.NO_CCTV in reasons:
        slug = "havering-council-cctv"
    else:
        team = PartnerOrganisation.objects.filter(kind="police_ward_team", ward=ward).first()
        if team:
            return team
        slug = "met-police-east-area"
    return (
        PartnerOrganisation.objects.filter(slug=slug).first() or PartnerOrganisation.objects.first()
    )


def _set_outcome(
    report: UnsafePlaceReport,
    status: str,
    reasons: list[str],
    changed: date,
    rng: random.Random,
) -> None:
    """Fill in the partner, public note and reason that a report at ``status`` would have."""
    if status in {ReportStatus.REFERRED, ReportStatus.ACTION_PLANNED, ReportStatus.FIXED}:
        report.referred_to = _partner(reasons, report.ward, report.place)
    if status in {ReportStatus.FIXED, ReportStatus.ACTION_PLANNED}:
        note = next((NOTES[r] for r in reasons if r in NOTES), "")
        if note:
            when = changed.strftime("%-d %B %Y")
            report.public_note = (
                note.format(day=when)
                if status == ReportStatus.FIXED
                else "Planned: " + note.format(day=when).rstrip(".").lower() + "."
            )
    if status == ReportStatus.CLOSED_NOT_FIXED:
        report.status_reason = rng.choice(NOT_FIXED)
        report.public_note = report.status_reason
    if status == ReportStatus.REJECTED:
        report.status_reason = rng.choice(REJECT)


def load(out: Callable[[str], None]) -> None:
    """A few hundred deterministic reports, plus the moderator's followed wards."""
    Group.objects.get_or_create(name=SAFEGUARDING_GROUP)
    if UnsafePlaceReport.objects.exists():
        out("Unsafe-place reports: already loaded.")
        return
    if not Ward.objects.exists():
        out("Unsafe-place reports: no wards loaded, skipped.")
        return
    rng = random.Random(6)  # noqa: S311 - demo data, deterministic on purpose
    made = 0
    with transaction.atomic():
        groups: dict[str, DuplicateGroup] = {}
        while made < REPORTS:
            lat, lng, place = _point(rng)
            ward = ward_at(lat, lng)
            if ward is None:
                continue
            reasons = {_weighted(rng, ENV)}
            if rng.random() < 0.45:
                reasons.add(_weighted(rng, BEHAVIOURAL))
            if rng.random() < 0.3:
                reasons.add(_weighted(rng, ENV))
            reasons_list = sorted(reasons)
            status = _weighted(rng, STATUS_WEIGHTS)
            submitted = ANCHOR - timedelta(days=int(rng.triangular(0, 365, 20)))
            changed = min(ANCHOR, submitted + timedelta(days=rng.randint(3, 40)))
            by_words = rng.random() < 0.25 and bool(place)
            report = UnsafePlaceReport.objects.create(
                reference=_reference(rng),
                ward=ward,
                place=place,
                latitude=None if by_words else round_coordinate(lat),
                longitude=None if by_words else round_coordinate(lng),
                location_source=LocationSource.WORDS if by_words else LocationSource.MAP,
                time_of_day=_weighted(rng, TIMES),
                description=rng.choice(DESCRIPTIONS),
                age_band=rng.choice(["", "16-24", "25-34", "35-49", "50-64", "65+"]),
                sex=rng.choice(["", "female", "female", "female", "male", "prefer_not_to_say"]),
                identity_related=rng.choice(["", "yes", "no", "no", "prefer_not_to_say"]),
                status=ReportStatus.NEW,  # set below, once the partner is known
                status_changed_on=None if status == ReportStatus.NEW else changed,
                closed_on=changed if status in CLOSED else None,
            )
            UnsafePlaceReport.objects.filter(pk=report.pk).update(submitted_on=submitted)
            UnsafePlaceReason.objects.bulk_create(
                UnsafePlaceReason(report=report, code=code) for code in reasons_list
            )
            _set_outcome(report, status, reasons_list, changed, rng)
            if place and not by_words and rng.random() < 0.2:
                group = groups.get(place) or DuplicateGroup.objects.create(label=place)
                groups[place] = group
                report.duplicate_group = group
            if status == ReportStatus.REFERRED and report.referred_to is None:
                status = ReportStatus.UNDER_REVIEW  # no partners loaded (a bare database)
            report.status = status
            report.save()
            made += 1
    moderator = get_user_model().objects.filter(username="moderator").first()
    if moderator:
        for ward in Ward.objects.filter(name__in=["St Edward's", "St Alban's", "Upminster"]):
            WardFollow.objects.get_or_create(user=moderator, ward=ward)
    out(f"Unsafe-place reports: {made} demo reports loaded.")
