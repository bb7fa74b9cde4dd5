"""The daily email digest of new unsafe-place reports, per moderator, for the wards they follow.

Emails carry no descriptions (mailboxes are less protected than the admin): only
references, wards, places and reasons, with a link to the moderation page.
"""

from datetime import date
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from surveys.models.unsafe_places import DigestSent, UnsafePlaceReport, WardFollow


def digest_text(reports: list[UnsafePlaceReport]) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = []
    for ward, items in groupby(reports, key=lambda r: r.ward.name):
        lines.append(f"{ward}")
        for report in items:
            link = base + reverse("unsafe_places_admin:moderate", args=[report.pk])
            place = report.place or _("pin on the map")
            lines.append(f"  {report.reference}: {place} — {report.reason_labels()} ({link})")
        lines.append("")
    return "\n".join(lines)


def send_digest(user_id: int, day: date) -> bool:
    """Send one user's digest for `day` once; False when there was nothing (or it was sent)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_perm("surveys.view_unsafeplacereport"):
        return False
    if DigestSent.objects.filter(user=user, day=day).exists():
        return False
    wards = WardFollow.objects.filter(user=user).values("ward")
    reports = list(
        UnsafePlaceReport.objects.general_queue()
        .filter(submitted_on=day, ward__in=wards)
        .select_related("ward")
        .prefetch_related("reasons")
        .order_by("ward__name", "pk")
    )
    if not reports:
        return False
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=day)
            send_mail(
                _("%(count)s new unsafe-place reports on %(day)s")
                % {"count": len(reports), "day": day.isoformat()},
                digest_text(reports),
                None,
                [user.email],
            )
    except IntegrityError:  # another worker sent it first
        return False
    return True


def followers() -> list[int]:
    return list(WardFollow.objects.values_list("user", flat=True).distinct())
