"""What moderators do to unsafe-place reports, each step validated and audited.

Every change goes through one of these functions (the admin views and tests call
them), so the workflow rules and the Wagtail audit log cannot be bypassed. The
log records who did what and when, never a resident's text: a redaction logs
that it happened, not what was removed.
"""

import math
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from communitysafety.common.sanitise import plain_text
from surveys.models.unsafe_places import DESCRIPTION_MAX_LENGTH, DuplicateGroup, UnsafePlaceReport
from surveys.unsafe_places import conf
from surveys.unsafe_places.enums import (
    CLOSED,
    NEEDS_PARTNER,
    NEEDS_REASON,
    SAFEGUARDING_GROUP,
    TRANSITIONS,
    ReportStatus,
)

ACTION_TRANSITION = "surveys.unsafe_place.transition"
ACTION_REDACT = "surveys.unsafe_place.redact"
ACTION_NOTE = "surveys.unsafe_place.public_note"
ACTION_GROUP = "surveys.unsafe_place.group"
ACTION_UNGROUP = "surveys.unsafe_place.ungroup"
ACTION_SAFEGUARDING = "surveys.unsafe_place.safeguarding"
ACTION_SAFEGUARDING_HANDLED = "surveys.unsafe_place.safeguarding_handled"
ACTION_PURGE = "surveys.unsafe_place.purge_description"

EARTH_RADIUS_METRES = 6_371_000


def allowed_transitions(report: UnsafePlaceReport) -> list[str]:
    return sorted(TRANSITIONS[report.status], key=list(ReportStatus.values).index)


@transaction.atomic
def transition(
    report: UnsafePlaceReport,
    to_status: str,
    user,
    reason: str = "",
    partner=None,
) -> UnsafePlaceReport:
    """Move a report to `to_status`, or raise ValidationError saying why not."""
    report = UnsafePlaceReport.objects.select_for_update().get(pk=report.pk)
    if to_status not in ReportStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if to_status not in TRANSITIONS[report.status]:
        raise ValidationError(
            {
                "status": _("A report that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": ReportStatus(report.status).label,
                    "to": ReportStatus(to_status).label,
                }
            }
        )
    reason = plain_text(reason)[:300]
    if to_status in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Give a reason for this status.")})
    if to_status in NEEDS_PARTNER and partner is None:
        raise ValidationError({"partner": _("Choose the partner the report is referred to.")})
    previous = report.status
    today = timezone.localdate()
    report.status = to_status
    report.status_reason = reason
    report.status_changed_on = today
    if partner is not None:
        report.referred_to = partner
    report.closed_on = today if to_status in CLOSED else None
    report.save()
    log(
        instance=report,
        action=ACTION_TRANSITION,
        user=user,
        data={
            "from": previous,
            "to": to_status,
            "reason": reason,
            "partner": partner.name if partner is not None else "",
        },
    )
    return report


@transaction.atomic
def redact_description(report: UnsafePlaceReport, redacted_text: str, user) -> UnsafePlaceReport:
    """Replace the description with the moderator's redacted version.

    The original is overwritten in place (no revision, no log text), so after this
    call it exists nowhere in the application's data.
    """
    text = plain_text(redacted_text)
    if len(text) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {"description": _("The description must be 500 characters or fewer.")}
        )
    report = UnsafePlaceReport.objects.select_for_update().get(pk=report.pk)
    report.description = text
    report.description_redacted = True
    report.save(update_fields=["description", "description_redacted"])
    log(instance=report, action=ACTION_REDACT, user=user, data={})
    return report


@transaction.atomic
def set_public_note(report: UnsafePlaceReport, note: str, user) -> UnsafePlaceReport:
    """The outcome residents read; on a grouped report it is written on the group."""
    note = plain_text(note)[:1000]
    if report.duplicate_group_id:
        group = report.duplicate_group
        group.public_note = note
        group.save(update_fields=["public_note"])
        for member in group.reports.all():
            log(instance=member, action=ACTION_NOTE, user=user, data={"group": group.pk})
    else:
        report.public_note = note
        report.save(update_fields=["public_note"])
        log(instance=report, action=ACTION_NOTE, user=user, data={})
    return report


def public_outcome_notes(limit: int = 20) -> list[str]:
    """The newest outcome notes residents may read, one per place (a group counts once).

    This is the surveys side of "You said, we did": the comms page calls it rather than
    reading report fields, so the note's rule (own note, else the group's) lives here.
    """
    notes: list[str] = []
    reports = (
        UnsafePlaceReport.objects.with_outcome().select_related("duplicate_group").order_by("-pk")
    )
    for report in reports.iterator(chunk_size=200):
        note = report.outcome_note
        if note not in notes:
            notes.append(note)
            if len(notes) >= limit:
                break
    return notes


def distance_metres(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine): plenty for a few hundred metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))


def near_duplicates(
    report: UnsafePlaceReport, metres: float | None = None, days: int | None = None
) -> list[UnsafePlaceReport]:
    """Other reports of the same place: pins within `metres`, or (without a pin) the
    same ward and the same place name, submitted within `days` of this one."""
    metres = conf.duplicate_metres() if metres is None else metres
    days = conf.duplicate_days() if days is None else days
    window = Q(
        submitted_on__gte=report.submitted_on - timedelta(days=days),
        submitted_on__lte=report.submitted_on + timedelta(days=days),
    )
    others = UnsafePlaceReport.objects.filter(window).exclude(pk=report.pk)
    if report.has_point:
        lat, lng = float(report.latitude), float(report.longitude)
        dlat = metres / 111_320
        dlng = metres / (111_320 * max(math.cos(math.radians(lat)), 0.01))
        candidates = others.filter(
            latitude__gte=Decimal(str(lat - dlat)),
            latitude__lte=Decimal(str(lat + dlat)),
            longitude__gte=Decimal(str(lng - dlng)),
            longitude__lte=Decimal(str(lng + dlng)),
        )
        return [
            other
            for other in candidates
            if distance_metres(lat, lng, float(other.latitude), float(other.longitude)) <= metres
        ]
    if not report.place:
        return []
    return list(others.filter(ward=report.ward_id, place__iexact=report.place))


@transaction.atomic
def group_duplicates(reports: list[UnsafePlaceReport], user, label: str = "") -> DuplicateGroup:
    """Put reports into one group (joining an existing group if any of them has one)."""
    if len(reports) < 2:
        raise ValidationError(_("Choose at least two reports to group."))
    existing = next((r.duplicate_group for r in reports if r.duplicate_group_id), None)
    group = existing or DuplicateGroup.objects.create(
        label=plain_text(label)[:200] or reports[0].place or reports[0].reference
    )
    for report in reports:
        if report.duplicate_group_id != group.pk:
            report.duplicate_group = group
            report.save(update_fields=["duplicate_group"])
            log(instance=report, action=ACTION_GROUP, user=user, data={"group": group.pk})
    return group


def safeguarding_leads():
    group = Group.objects.filter(name=SAFEGUARDING_GROUP).first()
    return group.user_set.filter(is_active=True) if group else []


@transaction.atomic
def flag_safeguarding(report: UnsafePlaceReport, user, note: str = "") -> UnsafePlaceReport:
    """Take the report out of the general queue and alert the safeguarding leads now."""
    report = UnsafePlaceReport.objects.select_for_update().get(pk=report.pk)
    if report.safeguarding:
        return report
    report.safeguarding = True
    report.safeguarding_flagged_by = user
    report.save(update_fields=["safeguarding", "safeguarding_flagged_by"])
    log(
        instance=report,
        action=ACTION_SAFEGUARDING,
        user=user,
        data={"note": plain_text(note)[:300]},
    )
    recipients = [lead.email for lead in safeguarding_leads() if lead.email]
    if recipients:
        link = reverse("unsafe_places_admin:moderate", args=[report.pk])
        transaction.on_commit(
            lambda: send_mail(
                _("Safeguarding concern flagged: unsafe-place report %(ref)s")
                % {"ref": report.reference},
                _(
                    "A moderator flagged report %(ref)s as a safeguarding concern. "
                    "It has left the general queue. Open it in the admin: %(link)s"
                )
                % {"ref": report.reference, "link": link},
                None,
                recipients,
            )
        )
    return report


@transaction.atomic
def mark_safeguarding_handled(report: UnsafePlaceReport, user, note: str = "") -> UnsafePlaceReport:
    report = UnsafePlaceReport.objects.select_for_update().get(pk=report.pk)
    if not report.safeguarding:
        raise ValidationError(_("This report is not flagged as a safeguarding concern."))
    report.safeguarding_handled_by = user
    report.save(update_fields=["safeguarding_handled_by"])
    log(
        instance=report,
        action=ACTION_SAFEGUARDING_HANDLED,
        user=user,
        data={"note": plain_text(note)[:300]},
    )
    return report


def purge_expired_descriptions(today=None) -> int:
    """Blank descriptions of cases closed more than the retention period ago."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=conf.retention_days())
    purged = 0
    expired = (
        UnsafePlaceReport.objects.closed()
        .filter(closed_on__lte=cutoff)
        .exclude(description="")
        .values_list("pk", flat=True)
    )
    for pk in list(expired):
        with transaction.atomic():
            report = UnsafePlaceReport.objects.select_for_update().get(pk=pk)
            report.description = ""
            report.description_purged_on = today
            report.save(update_fields=["description", "description_purged_on"])
            log(instance=report, action=ACTION_PURGE, user=None, data={})
            purged += 1
    return purged
