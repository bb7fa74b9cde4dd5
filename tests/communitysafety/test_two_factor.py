"""Staff two-factor authentication: who must enrol, verifying, recovery codes, resets, timeout."""

import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from communitysafety.home import two_factor
from communitysafety.home.models import RecoveryCode
from communitysafety.home.staff_security import LAST_SEEN_SESSION_KEY
from tests.communitysafety.factories import UserFactory
from tests.communitysafety.two_factor import TOTPDeviceFactory, current_code

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor_unverified]
PASSWORD = "a-long-test-password-1"


def _sign_in(client, user):
    """The password step only, as the admin login form does it."""
    assert client.login(username=user.username, password=PASSWORD)


def _audit(user, action):
    return list(ModelLogEntry.objects.filter(object_id=str(user.pk), action=action))


@pytest.mark.parametrize("role", ["Analysts", "Moderators", "Administrators"])
def test_roles_that_see_raw_data_must_enrol_before_any_admin_page(client, role):
    user = UserFactory(groups=[role])
    _sign_in(client, user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enrol"))
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    assert client.get(reverse("perceptions:staff_results")).status_code == 302
    api = client.get("/api/v1/")
    assert api.status_code == 403 and "Two-factor" in api.json()["detail"]


def test_editors_may_skip_two_factor_until_they_enrol(client):
    editor = UserFactory(groups=["Editors"])
    _sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    TOTPDeviceFactory(user=editor)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_enrolment_confirms_the_app_verifies_the_session_and_is_audited(client):
    analyst = UserFactory(groups=["Analysts"])
    _sign_in(client, analyst)
    page = client.get(reverse("two_factor_enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["secret"] in html and "otpauth://totp/" in html and "<svg" in html
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)

    wrong = client.post(reverse("two_factor_enrol"), {"code": "12345"})
    assert "There is a problem" in wrong.content.decode()
    assert 'href="#id_code"' in wrong.content.decode()

    response = client.post(
        reverse("two_factor_enrol"), {"code": current_code(device), "next": "/admin/?from=verify"}
    )
    assert response["Location"].startswith(reverse("two_factor_recovery_codes"))
    shown = client.get(response["Location"])
    codes = shown.context["codes"]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT and codes[0] in shown.content.decode()
    assert client.get(reverse("two_factor_recovery_codes")).status_code == 302  # shown once
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    entry = _audit(analyst, two_factor.ENROLLED)[0]
    assert entry.user_id == analyst.pk
    assert _audit(analyst, two_factor.RECOVERY_CODES_ISSUED)


def test_every_new_login_asks_for_a_fresh_code(client):
    analyst = UserFactory(groups=["Analysts"])
    device = TOTPDeviceFactory(user=analyst)
    _sign_in(client, analyst)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    bad = client.post(
        reverse("two_factor_verify"), {"code": "000000", "next": "/admin/?from=verify"}
    )
    assert bad.status_code == 200 and "That code is not right" in bad.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the deliberate failure above throttles a retry
    device.throttling_failure_timestamp = None
    device.save()
    good = client.post(
        reverse("two_factor_verify"), {"code": current_code(device), "next": "/admin/?from=verify"}
    )
    assert good["Location"] == "/admin/?from=verify"
    assert client.get("/admin/").status_code == 200


def test_verify_never_redirects_off_site(client):
    analyst = UserFactory(groups=["Analysts"])
    device = TOTPDeviceFactory(user=analyst)
    _sign_in(client, analyst)
    response = client.post(
        reverse("two_factor_verify"),
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_recovery_codes_are_hashed_and_work_once(client):
    analyst = UserFactory(groups=["Analysts"])
    TOTPDeviceFactory(user=analyst)
    codes = two_factor.issue_recovery_codes(analyst, by=analyst)
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not set(codes) & stored
    assert not any(code.replace("-", "") in h for code in codes for h in stored)

    _sign_in(client, analyst)
    response = client.post(reverse("two_factor_recovery"), {"code": codes[0].lower()})
    assert response["Location"] == reverse("two_factor_manage")
    assert client.get("/admin/").status_code == 200
    assert _audit(analyst, two_factor.RECOVERY_CODE_USED)

    client.logout()
    _sign_in(client, analyst)
    again = client.post(reverse("two_factor_recovery"), {"code": codes[0]})
    assert "not right, or it has been used" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_an_administrator_resets_a_lost_phone_and_the_log_names_them(client):
    analyst = UserFactory(groups=["Analysts"])
    TOTPDeviceFactory(user=analyst)
    two_factor.issue_recovery_codes(analyst, by=analyst)
    admin = UserFactory(groups=["Administrators"])
    admin_device = TOTPDeviceFactory(user=admin)
    _sign_in(client, admin)
    client.post(reverse("two_factor_verify"), {"code": current_code(admin_device)})
    listing = client.get(reverse("two_factor_staff"))
    assert f"Reset two-factor for {analyst.username}" in listing.content.decode()

    response = client.post(reverse("two_factor_reset_staff", args=[analyst.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    assert not RecoveryCode.objects.filter(device__user=analyst).exists()
    assert _audit(analyst, two_factor.RESET)[0].user_id == admin.pk


def test_only_administrators_reset_other_staff(client):
    analyst = UserFactory(groups=["Analysts"])
    device = TOTPDeviceFactory(user=analyst)
    _sign_in(client, analyst)
    client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(reverse("two_factor_staff")).status_code in (302, 403)
    client.post(reverse("two_factor_reset_staff", args=[analyst.pk]))
    assert TOTPDevice.objects.filter(user=analyst).exists()


def test_staff_can_reset_their_own_app_and_enrol_again(client):
    editor = UserFactory(groups=["Editors"])
    device = TOTPDeviceFactory(user=editor)
    _sign_in(client, editor)
    client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    response = client.post(reverse("two_factor_manage"), {"action": "reset"})
    assert response["Location"] == reverse("two_factor_enrol")
    assert _audit(editor, two_factor.RESET)[0].data["by_self"] is True


def test_an_idle_staff_session_ends(client, settings):
    editor = UserFactory(groups=["Editors"])
    _sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]


def test_public_pages_do_not_ask_for_the_second_factor(client):
    _sign_in(client, UserFactory(groups=["Analysts"]))
    assert client.get(reverse("perceptions:results")).status_code == 200


def test_an_unverified_staff_member_can_sign_out_from_the_code_page(client):
    analyst = UserFactory(groups=["Analysts"])
    TOTPDeviceFactory(user=analyst)
    _sign_in(client, analyst)
    page = client.get(reverse("two_factor_verify"))
    assert f'action="{reverse("wagtailadmin_logout")}"' in page.content.decode()
    client.post(reverse("wagtailadmin_logout"))
    response = client.get("/admin/")
    assert reverse("wagtailadmin_login") in response["Location"]
