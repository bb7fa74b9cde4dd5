"""An analyst issues a partner API token in the admin, the partner reads with it, and the
token stops working on its expiry date, which the admin list then shows."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from communitysafety.common.api_tokens.models import ApiToken
from communitysafety.home.roles import ANALYSTS
from tests.browser.conftest import assert_accessible, sign_in_as_staff
from tests.communitysafety.factories import UserFactory


def test_an_analyst_issues_a_30_day_token_that_reads_until_it_expires(page, site_server) -> None:
    UserFactory(username="analyst-tokens", groups=[ANALYSTS])
    sign_in_as_staff(page, site_server.url, "analyst-tokens")

    page.goto(site_server.url + "/admin/partner-api-tokens/")
    assert "No API tokens yet." in page.locator("main").inner_text()
    page.get_by_role("link", name="Create a token").click()
    page.get_by_role("heading", level=1, name="Create an API token").wait_for()
    assert_accessible(page)

    page.get_by_label("Name").fill("Police analysts' dashboard")
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Create the token").click()
    page.get_by_role("heading", level=1, name="API token created").wait_for()
    key = page.get_by_label("Key", exact=True).input_value()
    expires = (timezone.now() + timedelta(days=30)).strftime("%-d %B %Y")
    assert f"Expires {expires}." in page.locator("main").inner_text()
    assert_accessible(page)

    headers = {"Authorization": f"Token {key}"}
    assert page.request.get(site_server.url + "/api/v1/advice/", headers=headers).status == 200

    token = ApiToken.objects.get(name="Police analysts' dashboard")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = page.request.get(site_server.url + "/api/v1/advice/", headers=headers)
    assert refused.status == 401
    assert refused.json() == {"detail": "This token has expired."}

    page.get_by_role("link", name="Back to API tokens").click()
    row = page.get_by_role("row").filter(has_text="Police analysts' dashboard")
    assert "Expired" in row.inner_text()
    assert "Inactive" in row.inner_text()
    assert row.get_by_role("link", name="Revoke").count() == 0
    assert key not in page.content()
