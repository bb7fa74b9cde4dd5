"""Reports of public places where residents feel unsafe (StreetSafe-style).

Residents report anonymously; moderators in the Wagtail admin move each report
through a validated workflow, refer it to a partner, group near-duplicates and
write public outcome notes. Only the submission date is kept (no time, IP
address or user agent) and pins are rounded, because a report must never point
back to the person who made it.
"""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from surveys.enums import Sex
from surveys.unsafe_places.enums import (
    CLOSED,
    IdentityRelated,
    LocationSource,
    Reason,
    ReportStatus,
    TimeOfDay,
)

# 4 decimal places ≈ 11 m north-south, 7 m east-west here: enough to find the
# lamp post, too coarse to be a front door.
POINT_DECIMAL_PLACES = 4
_QUANTUM = Decimal(1).scaleb(-POINT_DECIMAL_PLACES)
REFERENCE_PREFIX = "UP"
# Crockford's base32 (no I, L, O, U): easy to read aloud and type.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 12  # 60 bits: unguessable, and looked up only one at a time.
DESCRIPTION_MAX_LENGTH = 500


def round_coordinate(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def new_reference() -> str:
    """A random reference like UP-7K3M-Q9TD-2XWA."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{REFERENCE_PREFIX}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def normalise_reference(value: str) -> str:
    """What a resident typed → the stored form (case, spaces, hyphens and look-alikes)."""
    chars = "".join(ch for ch in value.upper() if ch.isalnum())
    chars = chars.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if chars.startswith(REFERENCE_PREFIX):
        chars = chars[len(REFERENCE_PREFIX) :]
    if len(chars) != REFERENCE_LENGTH:
        return ""
    return f"{REFERENCE_PREFIX}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


class DuplicateGroup(models.Model):
    """Near-duplicate reports of the same place, grouped by a moderator so that they
    are handled once and share one public outcome note."""

    # Nothing here is referenced by pages: skip Wagtail\'s reference index (a task per save).
    wagtail_reference_index_ignore = True

    label = models.CharField(_("label"), max_length=200)
    public_note = models.TextField(_("public outcome note"), blank=True, max_length=1000)
    created_on = models.DateField(_("created on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("duplicate group")
        verbose_name_plural = _("duplicate groups")

    def __str__(self) -> str:
        return self.label


class UnsafePlaceReportQuerySet(models.QuerySet):
    def counted(self) -> "UnsafePlaceReportQuerySet":
        """Reports that count in public aggregates: everything but rejected ones."""
        return self.exclude(status=ReportStatus.REJECTED)

    def with_outcome(self) -> "UnsafePlaceReportQuerySet":
        """Reports with a public outcome note, their own or their duplicate group's."""
        return self.counted().filter(
            ~models.Q(public_note="")
            | (models.Q(duplicate_group__isnull=False) & ~models.Q(duplicate_group__public_note=""))
        )

    def general_queue(self) -> "UnsafePlaceReportQuerySet":
        """What every moderator sees: safeguarding cases go to the safeguarding leads."""
        return self.filter(safeguarding=False)

    def safeguarding_queue(self) -> "UnsafePlaceReportQuerySet":
        return self.filter(safeguarding=True)

    def closed(self) -> "UnsafePlaceReportQuerySet":
        return self.filter(status__in=CLOSED)

    def with_points(self) -> "UnsafePlaceReportQuerySet":
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class UnsafePlaceReport(models.Model):
    """One resident's anonymous report of a place where they felt unsafe.

    Moderators (and safeguarding leads, for flagged reports) work these in the admin;
    the public sees only suppressed aggregates and outcome notes, never descriptions.
    """

    # Nothing here is referenced by pages: skip Wagtail\'s reference index (a task per save).
    wagtail_reference_index_ignore = True

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_reference, editable=False
    )
    submitted_on = models.DateField(_("submitted on"), auto_now_add=True, db_index=True)
    ward = models.ForeignKey(
        "wards.Ward",
        on_delete=models.PROTECT,
        related_name="unsafe_place_reports",
        verbose_name=_("ward"),
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("The place in the resident's words.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=7, decimal_places=POINT_DECIMAL_PLACES, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=POINT_DECIMAL_PLACES, null=True, blank=True
    )
    location_source = models.CharField(
        _("location from"), max_length=10, choices=LocationSource.choices
    )
    time_of_day = models.CharField(_("time of day"), max_length=12, choices=TimeOfDay.choices)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    description_redacted = models.BooleanField(_("description redacted"), default=False)
    description_purged_on = models.DateField(_("description purged on"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, blank=True)
    identity_related = models.CharField(
        _("unsafe because of who they are"),
        max_length=20,
        choices=IdentityRelated.choices,
        blank=True,
    )

    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    status_reason = models.CharField(_("reason for status"), max_length=300, blank=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    referred_to = models.ForeignKey(
        "vocabularies.PartnerOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unsafe_place_referrals",
        verbose_name=_("referred to"),
    )
    public_note = models.TextField(_("public outcome note"), blank=True, max_length=1000)
    duplicate_group = models.ForeignKey(
        DuplicateGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("duplicate group"),
    )
    safeguarding = models.BooleanField(_("safeguarding concern"), default=False)
    safeguarding_flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("safeguarding flagged by"),
    )
    safeguarding_handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("safeguarding handled by"),
    )

    objects = UnsafePlaceReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "submitted_on"]),
            models.Index(fields=["ward", "status"]),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(
                        latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                    )
                ),
                name="unsafe_place_point_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReportStatus.REFERRED)
                | models.Q(referred_to__isnull=False),
                name="unsafe_place_referred_has_partner",
            ),
        ]
        verbose_name = _("unsafe-place report")
        verbose_name_plural = _("unsafe-place reports")

    def __str__(self) -> str:
        return self.reference

    @property
    def reason_codes(self) -> list[str]:
        return [row.code for row in self.reasons.all()]

    def reason_labels(self) -> str:
        labels = dict(Reason.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.reason_codes)

    reason_labels.short_description = _("reasons")  # type: ignore[attr-defined]

    @property
    def outcome_note(self) -> str:
        """The public note: the report's own, else its duplicate group's."""
        if self.public_note:
            return self.public_note
        if self.duplicate_group_id and self.duplicate_group.public_note:
            return self.duplicate_group.public_note
        return ""

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class UnsafePlaceReason(models.Model):
    """One reason a resident gave (typed rows, so counts by reason are plain SQL)."""

    # Nothing here is referenced by pages: skip Wagtail\'s reference index (a task per save).
    wagtail_reference_index_ignore = True

    report = models.ForeignKey(UnsafePlaceReport, on_delete=models.CASCADE, related_name="reasons")
    code = models.CharField(_("reason"), max_length=30, choices=Reason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="unique_unsafe_place_reason")
        ]
        indexes = [models.Index(fields=["code"])]
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")

    def __str__(self) -> str:
        return self.code


class WardFollow(models.Model):
    """A moderator follows a ward to get the daily digest of its new reports."""

    # Nothing here is referenced by pages: skip Wagtail\'s reference index (a task per save).
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_wards"
    )
    ward = models.ForeignKey("wards.Ward", on_delete=models.CASCADE, related_name="followers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "ward"], name="unique_ward_follow")]
        verbose_name = _("followed ward")
        verbose_name_plural = _("followed wards")

    def __str__(self) -> str:
        return f"{self.user} → {self.ward}"


class DigestSent(models.Model):
    """Which day's digest went to whom, so a retried task never sends twice."""

    # Nothing here is referenced by pages: skip Wagtail\'s reference index (a task per save).
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="unique_digest_per_day")
        ]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
