"""Two-factor helpers for tests: a confirmed authenticator, a verified session, a live code.

Admin tests log in with ``client.force_login``; the autouse fixture in ``tests/conftest.py``
passes the second factor for them with :func:`verify_session`, so 2FA stays on everywhere
while a test of an admin page stays one line. Tests of 2FA itself opt out with
``@pytest.mark.two_factor_unverified``.
"""

from __future__ import annotations

import time

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    name = "Authenticator app"
    confirmed = True


def current_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The six-digit code the staff member's app shows now (as a phone computes it)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():0{device.digits}d}"


def verify_session(client: Client, user) -> TOTPDevice:
    """Mark the client's session as having passed 2FA with the user's (new) authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(
        user=user
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
