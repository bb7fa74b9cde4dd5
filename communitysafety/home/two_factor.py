"""Two-factor authentication for staff: who needs it, enrolment, recovery codes, resets.

A council's security policy expects a second factor for every staff login and insists on
it for accounts that can see raw data. Staff use an authenticator app (TOTP, django-otp's
``TOTPDevice``); a set of one-time recovery codes (:class:`RecoveryCodeDevice`, hashed)
lets them in when the phone is lost. Every enrolment, reset and recovery is written to
Wagtail's audit log against the staff member's account, naming who did it.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from communitysafety.home.models import RecoveryCode, RecoveryCodeDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
AUTHENTICATOR_NAME = "Authenticator app"

ENROLLED = "home.two_factor.enrol"
RESET = "home.two_factor.reset"
RECOVERY_CODES_ISSUED = "home.two_factor.recovery_codes"
RECOVERY_CODE_USED = "home.two_factor.recovery_used"


def is_staff_user(user: Any) -> bool:
    """Anyone who can use the admin (every staff role has ``wagtailadmin.access_admin``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def two_factor_required(user: Any) -> bool:
    """Superusers and the roles that see raw data (``TWO_FACTOR_REQUIRED_GROUPS``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def authenticator(user: Any) -> TOTPDevice | None:
    """The staff member's confirmed authenticator app, if they have enrolled."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes(user: Any) -> RecoveryCodeDevice | None:
    return RecoveryCodeDevice.objects.devices_for_user(user, confirmed=True).first()


def start_enrolment(user: Any) -> TOTPDevice:
    """An unconfirmed authenticator with a fresh secret (the same one until confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def _audit(user: Any, action: str, by: Any, **data: Any) -> None:
    """An entry in Wagtail's audit log against the staff member's account.

    ``request.user`` arrives wrapped twice (Django's lazy user inside django-otp's), which
    the log cannot key on, so the account is looked up as itself.
    """
    account = user if type(user) is get_user_model() else get_user_model().objects.get(pk=user.pk)
    log(instance=account, action=action, user=by, data=data)


def issue_recovery_codes(user: Any, *, by: Any) -> list[str]:
    """Replace the staff member's recovery codes with new ones; returns them in clear once."""
    codes = [
        "-".join("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(4)) for _ in range(3))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        RecoveryCodeDevice.objects.filter(user=user).delete()
        device = RecoveryCodeDevice.objects.create(
            user=user, name="Recovery codes", confirmed=True, salt=secrets.token_hex(16)
        )
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=device.hash_code(code)) for code in codes
        )
        _audit(user, RECOVERY_CODES_ISSUED, by, count=len(codes))
    return codes


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code and verify this session.

    Returns the new recovery codes, or None when the code is wrong (or throttled).
    """
    if device.confirmed or not device.verify_token(token.strip().replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _audit(device.user, ENROLLED, request.user, device=device.name)
    otp_login(request, device)
    return issue_recovery_codes(device.user, by=request.user)


def verify(request: HttpRequest, token: str) -> bool:
    """Check a code from the authenticator app; on success the session is verified."""
    device = authenticator(request.user)
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        return False
    otp_login(request, device)
    return True


def use_recovery_code(request: HttpRequest, code: str) -> bool:
    """Let a staff member in with one of their recovery codes (which is then used up)."""
    device = recovery_codes(request.user)
    if device is None or not device.verify_token(code):
        return False
    otp_login(request, device)
    _audit(device.user, RECOVERY_CODE_USED, device.user, remaining=device.remaining())
    return True


def reset_two_factor(user: Any, *, by: Any) -> None:
    """Remove the staff member's authenticator and recovery codes; they enrol again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCodeDevice.objects.filter(user=user).delete()
        _audit(user, RESET, by, by_self=getattr(by, "pk", None) == user.pk)
