"""Codes for unsafe-place reports: StreetSafe's published reasons, times of day and
the moderation workflow. Codes are stable (API, exports, analysis); labels are what
residents and moderators read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnvironmentalReason(models.TextChoices):
    NO_CCTV = "no_cctv", _("Absence of CCTV")
    BADLY_LIT = "badly_lit", _("Badly lit")
    EMPTY_OR_ISOLATED = "empty_or_isolated", _("Empty or isolated")
    POOR_LAYOUT = "poor_layout", _("Poor layout (blind spots, hidden areas)")
    RESTRICTED_VISIBILITY = (
        "restricted_visibility",
        _("Restricted visibility (overgrown bushes, walls)"),
    )
    RUNDOWN = "rundown", _("Run-down (derelict buildings, graffiti, fly-tipping)")
    DRUGS_OR_ALCOHOL = "drugs_or_alcohol", _("Signs of drug or alcohol use")
    OTHER_ENVIRONMENTAL = "other_environmental", _("Something else about the place")


class BehaviouralReason(models.TextChoices):
    VERBAL_HARASSMENT_SINGLE = "verbal_harassment_single", _("Verbal harassment by one person")
    VERBAL_HARASSMENT_GROUP = "verbal_harassment_group", _("Verbal harassment by a group")
    FOLLOWED = "followed", _("Being or having been followed")
    OTHER_HARASSMENT = "other_harassment", _("Other harassment or behaviour")


class Reason(models.TextChoices):
    """Every reason, environmental then behavioural (one column in the database)."""

    NO_CCTV = EnvironmentalReason.NO_CCTV.value, EnvironmentalReason.NO_CCTV.label
    BADLY_LIT = EnvironmentalReason.BADLY_LIT.value, EnvironmentalReason.BADLY_LIT.label
    EMPTY_OR_ISOLATED = (
        EnvironmentalReason.EMPTY_OR_ISOLATED.value,
        EnvironmentalReason.EMPTY_OR_ISOLATED.label,
    )
    POOR_LAYOUT = EnvironmentalReason.POOR_LAYOUT.value, EnvironmentalReason.POOR_LAYOUT.label
    RESTRICTED_VISIBILITY = (
        EnvironmentalReason.RESTRICTED_VISIBILITY.value,
        EnvironmentalReason.RESTRICTED_VISIBILITY.label,
    )
    RUNDOWN = EnvironmentalReason.RUNDOWN.value, EnvironmentalReason.RUNDOWN.label
    DRUGS_OR_ALCOHOL = (
        EnvironmentalReason.DRUGS_OR_ALCOHOL.value,
        EnvironmentalReason.DRUGS_OR_ALCOHOL.label,
    )
    OTHER_ENVIRONMENTAL = (
        EnvironmentalReason.OTHER_ENVIRONMENTAL.value,
        EnvironmentalReason.OTHER_ENVIRONMENTAL.label,
    )
    VERBAL_HARASSMENT_SINGLE = (
        BehaviouralReason.VERBAL_HARASSMENT_SINGLE.value,
        BehaviouralReason.VERBAL_HARASSMENT_SINGLE.label,
    )
    VERBAL_HARASSMENT_GROUP = (
        BehaviouralReason.VERBAL_HARASSMENT_GROUP.value,
        BehaviouralReason.VERBAL_HARASSMENT_GROUP.label,
    )
    FOLLOWED = BehaviouralReason.FOLLOWED.value, BehaviouralReason.FOLLOWED.label
    OTHER_HARASSMENT = (
        BehaviouralReason.OTHER_HARASSMENT.value,
        BehaviouralReason.OTHER_HARASSMENT.label,
    )


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    AFTER_DARK = "after_dark", _("After dark")
    ANY_TIME = "any_time", _("Any time")


class IdentityRelated(models.TextChoices):
    """Whether the place felt unsafe because of who the resident is."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")


class LocationSource(models.TextChoices):
    MAP = "map", _("Pin on the map")
    WORDS = "words", _("Place named in words")
    GEOCODER = "geocoder", _("Postcode or street")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    REFERRED = "referred", _("Referred to a partner")
    ACTION_PLANNED = "action_planned", _("Action planned")
    FIXED = "fixed", _("Fixed")
    CLOSED_NOT_FIXED = "closed_not_fixed", _("Closed, not fixed")
    REJECTED = "rejected", _("Rejected")


# Which status may follow which. Closed cases may be reopened for review only.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.NEW: frozenset(
        {ReportStatus.UNDER_REVIEW, ReportStatus.REFERRED, ReportStatus.REJECTED}
    ),
    ReportStatus.UNDER_REVIEW: frozenset(
        {
            ReportStatus.REFERRED,
            ReportStatus.ACTION_PLANNED,
            ReportStatus.FIXED,
            ReportStatus.CLOSED_NOT_FIXED,
            ReportStatus.REJECTED,
        }
    ),
    ReportStatus.REFERRED: frozenset(
        {
            ReportStatus.UNDER_REVIEW,
            ReportStatus.ACTION_PLANNED,
            ReportStatus.FIXED,
            ReportStatus.CLOSED_NOT_FIXED,
        }
    ),
    ReportStatus.ACTION_PLANNED: frozenset(
        {ReportStatus.REFERRED, ReportStatus.FIXED, ReportStatus.CLOSED_NOT_FIXED}
    ),
    ReportStatus.FIXED: frozenset({ReportStatus.UNDER_REVIEW}),
    ReportStatus.CLOSED_NOT_FIXED: frozenset({ReportStatus.UNDER_REVIEW}),
    ReportStatus.REJECTED: frozenset({ReportStatus.UNDER_REVIEW}),
}

# A reason is required to enter these statuses (and is kept on the report).
NEEDS_REASON = frozenset({ReportStatus.CLOSED_NOT_FIXED, ReportStatus.REJECTED})
# A partner is required to enter this status.
NEEDS_PARTNER = frozenset({ReportStatus.REFERRED})
# The case is closed: the retention clock for the description starts.
CLOSED = frozenset({ReportStatus.FIXED, ReportStatus.CLOSED_NOT_FIXED, ReportStatus.REJECTED})

SAFEGUARDING_GROUP = "Safeguarding leads"
