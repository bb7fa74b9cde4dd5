"""Partner systems read the API with a token a staff user issued in the admin: read-only,
scoped to aggregates or to the owner's role, revocable, expiring, rate limited per token,
audited, never stored in clear."""

import hashlib
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import dateformat, timezone
from wagtail.models import ModelLogEntry

from communitysafety.common.api_tokens import audit
from communitysafety.common.api_tokens.models import (
    DEFAULT_LIFETIME,
    EXPIRY_WARNING_DAYS,
    ApiToken,
    ApiTokenLifetime,
    ApiTokenScope,
)
from surveys.models.unsafe_places import UnsafePlaceReport
from tests.communitysafety.factories import UserFactory
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/unsafe-places/reports/"
AGGREGATES = [
    "/api/v1/advice/",
    "/api/v1/events/",
    "/api/v1/crime/ward-rates/",
    "/api/v1/unsafe-places/summary/",
]
REPORT = {
    "ward": "E05013983",
    "place": "Underpass by the station",
    "reasons": ["badly_lit"],
    "time_of_day": "after_dark",
}


def issue(user, scope=ApiTokenScope.AGGREGATE, name="Police analysts' dashboard"):
    return ApiToken.issue(name=name, scope=scope, user=user)


def expire_at(token: ApiToken, when: datetime) -> None:
    """Move a token's expiry (the clock stays real: the token's own date moves)."""
    ApiToken.objects.filter(pk=token.pk).update(expires_at=when)
    token.refresh_from_db()


def shown_date(when: datetime) -> str:
    """A date as the admin shows it: local time, "5 March 2027"."""
    return dateformat.format(timezone.localtime(when), "j F Y")


def auth(key: str, scheme: str = "Token") -> dict[str, str]:
    return {"Authorization": f"{scheme} {key}"}


def denials(token: ApiToken) -> list[dict]:
    entries = ModelLogEntry.objects.for_instance(token).filter(action=audit.ACTION_DENIED)
    return [entry.data for entry in entries]


@pytest.mark.parametrize("url", AGGREGATES)
def test_an_aggregate_token_reads_the_public_aggregates(client, wards, site, url):
    _, key = issue(moderator())
    assert client.get(url, headers=auth(key)).status_code == 200


def test_an_aggregate_token_cannot_read_staff_endpoints_even_for_a_moderator(client, wards):
    UnsafePlaceReportFactory()
    token, key = issue(moderator(), ApiTokenScope.AGGREGATE)
    response = client.get(REPORTS, headers=auth(key))
    assert response.status_code == 403
    assert denials(token) == [
        {"reason": audit.DENIED_NOT_ALLOWED, "method": "GET", "path": REPORTS}
    ]


def test_a_staff_token_reads_what_its_owners_role_allows(client, wards):
    report = UnsafePlaceReportFactory()
    _, key = issue(moderator(), ApiTokenScope.STAFF)
    response = client.get(REPORTS, headers=auth(key, "Bearer"))
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()["results"]] == [report.reference]


def test_a_staff_token_of_a_role_without_reports_is_refused_them(client, wards):
    analyst = UserFactory(groups=["Analysts"])
    token, key = issue(analyst, ApiTokenScope.STAFF)
    assert client.get(REPORTS, headers=auth(key)).status_code == 403
    assert [d["reason"] for d in denials(token)] == [audit.DENIED_NOT_ALLOWED]


def test_a_staff_token_loses_access_with_its_owners_role(client, wards):
    owner = moderator()
    _, key = issue(owner, ApiTokenScope.STAFF)
    assert client.get(REPORTS, headers=auth(key)).status_code == 200
    owner.groups.remove(Group.objects.get(name="Moderators"))
    owner = type(owner).objects.get(pk=owner.pk)  # a fresh permission cache
    assert client.get(REPORTS, headers=auth(key)).status_code == 403


def test_a_revoked_token_is_a_401_and_the_attempt_is_audited(client, wards, site):
    owner = moderator()
    token, key = issue(owner)
    assert client.get("/api/v1/advice/", headers=auth(key)).status_code == 200
    assert token.revoke(by=owner)
    for url in ["/api/v1/advice/", "/api/v1/crime/ward-rates/", REPORTS]:
        response = client.get(url, headers=auth(key))
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Token")
    assert [d["reason"] for d in denials(token)] == [audit.DENIED_REVOKED] * 3


def test_an_expired_token_is_a_401_and_the_attempt_is_audited(client, wards, site):
    token, key = issue(moderator(), ApiTokenScope.STAFF)
    expire_at(token, timezone.now() - timedelta(seconds=1))
    urls = ["/api/v1/advice/", "/api/v1/crime/ward-rates/", REPORTS]
    for url in urls:
        response = client.get(url, headers=auth(key))
        assert response.status_code == 401
        assert response.json() == {"detail": "This token has expired."}
        assert response["WWW-Authenticate"] == 'Token realm="api"'
    logged = sorted(denials(token), key=lambda entry: urls.index(entry["path"]))
    assert logged == [
        {"reason": audit.DENIED_EXPIRED, "method": "GET", "path": url} for url in urls
    ]


def test_a_token_works_until_its_expiry(client, site):
    token, key = issue(moderator())
    expire_at(token, timezone.now() + timedelta(minutes=1))
    assert client.get("/api/v1/advice/", headers=auth(key)).status_code == 200
    expire_at(token, timezone.now())
    assert client.get("/api/v1/advice/", headers=auth(key)).status_code == 401


def test_a_revoked_token_past_its_expiry_is_audited_as_revoked(client, site):
    owner = moderator()
    token, key = issue(owner)
    token.revoke(by=owner)
    expire_at(token, timezone.now() - timedelta(days=1))
    response = client.get("/api/v1/advice/", headers=auth(key))
    assert response.json() == {"detail": "This token has been revoked."}
    assert [d["reason"] for d in denials(token)] == [audit.DENIED_REVOKED]


def test_active_tokens_are_neither_revoked_nor_expired(db):
    owner = moderator()
    usable, _ = issue(owner, name="usable")
    expired, _ = issue(owner, name="expired")
    expire_at(expired, timezone.now() - timedelta(seconds=1))
    revoked, _ = issue(owner, name="revoked")
    revoked.revoke(by=owner)
    assert list(ApiToken.objects.active()) == [usable]
    assert [t.is_active for t in (usable, expired, revoked)] == [True, False, False]


def test_a_token_issued_without_a_lifetime_lasts_the_default_90_days(db):
    token, _ = issue(moderator())
    assert DEFAULT_LIFETIME == ApiTokenLifetime.DAYS_90
    assert token.expires_at - token.created_at == timedelta(days=90)


def test_an_unknown_or_malformed_token_is_a_401(client, site):
    for header in ["Token cs_nope", "Bearer", "Token a b", "Token " + "x" * 500]:
        response = client.get("/api/v1/advice/", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_a_token_of_an_inactive_owner_is_a_401(client, site):
    owner = moderator()
    _, key = issue(owner)
    owner.is_active = False
    owner.save()
    assert client.get("/api/v1/advice/", headers=auth(key)).status_code == 401


def test_without_a_token_staff_endpoints_still_answer_403_not_401(client, wards):
    assert client.get(REPORTS).status_code == 403


def test_a_token_never_writes(client, wards, site):
    token, key = issue(moderator(), ApiTokenScope.STAFF)
    response = client.post(
        "/api/v1/unsafe-places/", REPORT, content_type="application/json", headers=auth(key)
    )
    assert response.status_code == 403
    assert not UnsafePlaceReport.objects.exists()
    for method in (client.put, client.patch, client.delete):
        assert method("/api/v1/advice/", headers=auth(key)).status_code == 403
    assert [d["reason"] for d in denials(token)] == [audit.DENIED_WRITE] * 4
    # The same report without a token is still accepted, anonymously.
    anonymous = client.post("/api/v1/unsafe-places/", REPORT, content_type="application/json")
    assert anonymous.status_code == 201


def test_a_use_is_recorded_as_last_used(client, site):
    token, key = issue(moderator())
    assert token.last_used_at is None
    client.get("/api/v1/advice/", headers=auth(key))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_key_is_never_stored_in_clear(client, site):
    token, key = issue(moderator())
    client.get("/api/v1/advice/", headers=auth(key))
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values().get(pk=token.pk).values()]
    assert not any(key in value for value in stored)
    assert not any(key[len(token.shown) :] in value for value in stored)
    logged = [str(e.data) for e in ModelLogEntry.objects.for_instance(token)]
    assert not any(key in entry for entry in logged)


def test_the_schema_documents_the_token_scheme(client, db):
    schema = client.get("/api/schema/?format=json").json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    advice = schema["paths"]["/api/v1/advice/"]["get"]
    assert {"tokenAuth": []} in advice["security"]
    assert "401" in advice["responses"]
    assert "403" in schema["paths"]["/api/v1/unsafe-places/"]["post"]["responses"]


# The admin pages: Settings → Partner API tokens.


def test_staff_without_the_permission_cannot_open_the_token_pages(client, db):
    assert "/admin/login/" in client.get("/admin/partner-api-tokens/").url
    client.force_login(UserFactory(groups=["Editors"]))
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    for url in ["/admin/partner-api-tokens/", "/admin/partner-api-tokens/new/"]:
        assert client.get(url).url == "/admin/"
    assert client.post("/admin/partner-api-tokens/new/", {"name": "x"}).url == "/admin/"
    assert not ApiToken.objects.exists()
    assert "Partner API tokens" not in client.get("/admin/").content.decode()


def test_a_moderator_creates_a_token_sees_the_key_once_and_it_works(client, wards, site):
    owner = moderator()
    client.force_login(owner)
    assert "Partner API tokens" in client.get("/admin/").content.decode()  # Settings menu
    form = client.get("/admin/partner-api-tokens/new/")
    assert form.status_code == 200
    response = client.post(
        "/admin/partner-api-tokens/new/",
        {"name": "Fire service", "scope": "staff", "lifetime": str(DEFAULT_LIFETIME)},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = response.context["key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert f"Expires {shown_date(token.expires_at)}" in response.content.decode()
    assert (token.user, token.scope, token.name) == (owner, "staff", "Fire service")
    entry = ModelLogEntry.objects.for_instance(token).get(action=audit.ACTION_CREATE)
    assert entry.user == owner
    listing = client.get("/admin/partner-api-tokens/").content.decode()
    assert "Fire service" in listing and token.shown in listing and key not in listing
    client.logout()
    assert client.get(REPORTS, headers=auth(key)).status_code == 200


def test_a_missing_name_shows_the_form_again_with_an_error(client, db):
    client.force_login(moderator())
    response = client.post(
        "/admin/partner-api-tokens/new/", {"name": "", "scope": "staff", "lifetime": "90"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoking_in_the_admin_is_audited_and_stops_the_token(client, site):
    owner = moderator()
    token, key = issue(owner)
    client.force_login(owner)
    url = f"/admin/partner-api-tokens/{token.pk}/revoke/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == owner
    entry = ModelLogEntry.objects.for_instance(token).get(action=audit.ACTION_REVOKE)
    assert entry.user == owner
    client.logout()
    assert client.get("/api/v1/advice/", headers=auth(key)).status_code == 401


def test_staff_see_and_revoke_only_their_own_tokens_administrators_all(client, db):
    mine, _ = issue(moderator(username="mod-a"))
    theirs, _ = issue(moderator(username="mod-b"))
    client.force_login(mine.user)
    assert list(client.get("/admin/partner-api-tokens/").context["tokens"]) == [mine]
    assert client.post(f"/admin/partner-api-tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active
    client.force_login(UserFactory(groups=["Administrators"]))
    assert set(client.get("/admin/partner-api-tokens/").context["tokens"]) == {mine, theirs}
    assert client.post(f"/admin/partner-api-tokens/{theirs.pk}/revoke/").status_code == 302


def test_the_form_offers_each_lifetime_with_90_days_chosen(client, db):
    client.force_login(moderator())
    form = client.get("/admin/partner-api-tokens/new/")
    html = form.content.decode()
    for label in ["30 days", "90 days", "1 year"]:
        assert label in html
    assert form.context["form"]["lifetime"].initial == ApiTokenLifetime.DAYS_90


@pytest.mark.parametrize(
    ("lifetime", "days"),
    [(ApiTokenLifetime.DAYS_30, 30), (ApiTokenLifetime.DAYS_90, 90), (ApiTokenLifetime.YEAR, 365)],
)
def test_issuing_in_the_admin_sets_the_expiry_the_lifetime_chose(client, db, lifetime, days):
    client.force_login(moderator())
    before = timezone.now()
    response = client.post(
        "/admin/partner-api-tokens/new/",
        {"name": "Fire service", "scope": "aggregate", "lifetime": str(lifetime.value)},
    )
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == timedelta(days=days)
    assert (
        before + timedelta(days=days) <= token.expires_at <= timezone.now() + timedelta(days=days)
    )
    assert f"Expires {shown_date(token.expires_at)}" in response.content.decode()
    entry = ModelLogEntry.objects.for_instance(token).get(action=audit.ACTION_CREATE)
    assert entry.data["expires_at"] == token.expires_at.isoformat()


def test_a_lifetime_not_offered_is_refused(client, db):
    client.force_login(moderator())
    response = client.post(
        "/admin/partner-api-tokens/new/",
        {"name": "Fire service", "scope": "staff", "lifetime": "3650"},
    )
    assert response.context["form"].errors["lifetime"]
    assert not ApiToken.objects.exists()


def _row(html: str, name: str) -> str:
    """The tokens table's row for the token called `name`."""
    return next(row for row in html.split("<tr>") if f"<td>{name}</td>" in row)


def test_the_index_shows_each_expiry_and_marks_tokens_expiring_soon(client, db):
    owner = moderator()
    now = timezone.now()
    later, _ = issue(owner, name="Later")
    soon, _ = issue(owner, name="Soon")
    expire_at(soon, now + timedelta(days=EXPIRY_WARNING_DAYS - 1))
    expired, _ = issue(owner, name="Gone")
    expire_at(expired, now - timedelta(days=1))
    revoked_soon, _ = issue(owner, name="Stopped")
    expire_at(revoked_soon, now + timedelta(days=2))
    revoked_soon.revoke(by=owner)
    client.force_login(owner)
    html = client.get("/admin/partner-api-tokens/").content.decode()

    assert f"Expires {shown_date(later.expires_at)}" in _row(html, "Later")
    assert "Expires soon" not in _row(html, "Later")
    assert "Revoke" in _row(html, "Later")
    assert f"Expires {shown_date(soon.expires_at)}" in _row(html, "Soon")
    assert "Expires soon" in _row(html, "Soon")
    assert "Expired" in _row(html, "Gone")
    assert "Expires" not in _row(html, "Gone")
    assert "Revoke" not in _row(html, "Gone")  # nothing left to revoke
    assert "Expires soon" not in _row(html, "Stopped")  # revoked: no reminder to replace it


def test_the_revoke_page_of_an_expired_token_says_there_is_nothing_to_revoke(client, db):
    owner = moderator()
    token, _ = issue(owner)
    expire_at(token, timezone.now() - timedelta(days=1))
    client.force_login(owner)
    page = client.get(f"/admin/partner-api-tokens/{token.pk}/revoke/").content.decode()
    assert "This token has expired" in page
    assert "Revoke the token" not in page


# The rate limit per token (API_TOKEN_RATE): one token over it does not slow anyone else.


def test_a_token_over_its_rate_gets_a_429_with_retry_after_and_no_one_else_does(
    client, site, settings
):
    settings.API_TOKEN_RATE = "3/min"
    owner = moderator()
    _, busy = issue(owner, name="busy poller")
    _, other = issue(owner, name="other partner")
    for _ in range(3):
        assert client.get("/api/v1/advice/", headers=auth(busy)).status_code == 200
    refused = client.get("/api/v1/advice/", headers=auth(busy))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")
    # The limit is on the token, on every endpoint, so another URL is refused too.
    assert client.get("/api/v1/events/", headers=auth(busy)).status_code == 429

    assert client.get("/api/v1/advice/", headers=auth(other)).status_code == 200
    for _ in range(5):
        assert client.get("/api/v1/advice/").status_code == 200  # anonymous: not counted


def test_a_staff_session_is_not_counted_by_the_token_rate(client, wards, settings):
    settings.API_TOKEN_RATE = "1/min"
    client.force_login(moderator())
    for _ in range(3):
        assert client.get(REPORTS).status_code == 200


def test_the_schema_documents_the_429_of_a_token_over_its_rate(client, db):
    schema = client.get("/api/schema/?format=json").json()
    advice = schema["paths"]["/api/v1/advice/"]["get"]["responses"]["429"]
    assert "Retry-After" in advice["headers"]
    # The report form's own limit (per client, no token) keeps its own description.
    report = schema["paths"]["/api/v1/unsafe-places/"]["post"]["responses"]["429"]
    assert "headers" not in report
