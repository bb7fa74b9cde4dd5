"""The test fixture: ``force_login`` of a staff member passes 2FA, and 2FA stays on."""

import pytest
from django.conf import settings

from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_force_login_passes_the_second_factor_for_admin_tests(client):
    client.force_login(UserFactory(groups=["Analysts"]))
    assert client.get("/admin/").status_code == 200


def test_two_factor_is_on_in_test_settings():
    assert "communitysafety.home.staff_security.TwoFactorMiddleware" in settings.MIDDLEWARE
    assert "/admin/" in settings.TWO_FACTOR_PROTECTED_PATH_PREFIXES
