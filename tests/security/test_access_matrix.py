"""Who may open what: every URL of our apps, every API endpoint and our admin viewsets,
as anonymous, a subscriber-link holder, editor, moderator, analyst and administrator.

A new URL pattern in our apps or a new API path fails this test until it is given its
expected outcomes here, so nothing is published without a decision about who sees it.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from comms.alerts.links import Purpose, make_token
from communitysafety.common.api_tokens.models import ApiToken
from communitysafety.home.roles import ADMINISTRATORS, ANALYSTS, EDITORS, MODERATORS
from tests.security.access_rules import (
    ADMIN_VIEWSETS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    ROUTES,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("surveys", "perceptions", "comms", "communitysafety")


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            module = getattr(getattr(callback, "view_class", callback), "__module__", "")
            if module.split(".")[0] in OUR_APPS:
                yield prefix + str(pattern.pattern), pattern.name


def classify(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302) and "login" in location:
        return LOGIN
    if status == 403 or (status == 302 and location.rstrip("/").endswith("/admin")):
        return DENIED
    if status == 404:
        return NOT_FOUND
    if status < 400:
        return OK
    return str(status)


@pytest.fixture
def matrix(wards, site):
    """One object of each kind the URLs need, and a user per role."""
    from communitysafety.home.models import HomePage
    from perceptions.models import Release
    from perceptions.results.generation import refresh_results
    from tests.comms.alert_factories import AlertFactory, PlanFactory, SubscriberFactory
    from tests.comms.content_factories import EventIndexPageFactory, EventPageFactory
    from tests.communitysafety.factories import UserFactory
    from tests.surveys.factories import WaveFactory, add_survey_page
    from tests.surveys.unsafe_factories import UnsafePlaceReportFactory

    wave = WaveFactory()
    add_survey_page(wave.survey)
    from perceptions.crime import demo as demo_crime

    demo_crime.load(lambda message: None)
    refresh_results(wave.survey.id)
    release = Release.objects.create(
        wave=wave, signed_off_by=UserFactory(username="m-signer"), release_date=wave.opens_on
    )
    report = UnsafePlaceReportFactory()
    subscriber = SubscriberFactory()
    alert = AlertFactory()
    plan = PlanFactory()
    from comms.models import PlanTrial
    from tests.comms.alert_factories import PlanItemFactory

    item = PlanItemFactory(plan=plan)
    trial = PlanTrial.objects.create(
        item=PlanItemFactory(plan=plan),
        seed=1,
        before_from="2026-01-01",
        starts_on="2026-03-01",
        late_starts_on="2026-06-01",
    )
    from communitysafety.common.uploads.models import UploadJob

    upload = UploadJob.objects.create(kind="survey-responses", file_name="responses.csv")
    events = EventIndexPageFactory(parent=HomePage.objects.get())
    event = EventPageFactory(parent=events)
    users = {
        "editor": UserFactory(username="m-editor", groups=[EDITORS]),
        "moderator": UserFactory(username="m-moderator", groups=[MODERATORS]),
        "analyst": UserFactory(username="m-analyst", groups=[ANALYSTS]),
        "admin": UserFactory(username="m-admin", groups=[ADMINISTRATORS], is_superuser=True),
    }
    return {
        "wave": wave,
        "release": release,
        "report": report,
        "subscriber": subscriber,
        "token": make_token(subscriber, Purpose.MANAGE),
        "confirm_token": make_token(subscriber, Purpose.CONFIRM),
        "alert": alert,
        "plan": plan,
        "item": item,
        "trial": trial,
        "upload": upload,
        "event": event,
        "users": users,
        "api_token": ApiToken.issue(name="m-partner", scope="aggregate", user=users["admin"])[0],
    }


def _is_format_suffix(path: str) -> bool:
    return "(?P<format>" in path or "<drf_format_suffix" in path


def _request(client, role, users, method, path):
    client.logout()
    if role in users:
        client.force_login(users[role])
    if method == "post":
        # JSON bodies for the API; an empty object is "bad input" everywhere.
        return client.post(path, data="{}", content_type="application/json")
    return client.get(path)


def _outcome(role, expected_map, response):
    got = classify(response)
    if expected_map.get(role) == "invalid":
        # Other roles hold a tampered link: the page must say so and show nothing personal.
        return "invalid" if got in (OK, "400", NOT_FOUND) else got
    return got


def test_every_url_of_our_apps_has_an_access_rule():
    paths = {path for path, _ in walk(get_resolver().url_patterns) if not _is_format_suffix(path)}
    paths -= {"api/v1/", "api/v1/<drf_format_suffix:format>"}
    # Listings (and their filtered results) are checked through ADMIN_VIEWSETS.
    listings = {p.lstrip("/") for p in ADMIN_VIEWSETS} | {
        p.lstrip("/") + "results/" for p in ADMIN_VIEWSETS
    }
    missing = sorted(paths - set(ROUTES) - listings)
    assert not missing, f"Give these URLs an access rule in ROUTES: {missing}"


def test_every_api_path_in_the_schema_has_an_access_rule(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    covered = {
        re.sub(
            r"[\\^$]|\(\?P<(\w+)>[^)]*\)",
            lambda m: f"{{{m.group(1)}}}" if m.group(1) else "",
            "/" + path,
        )
        for path in ROUTES
        if path.startswith("api/")
    }
    missing = sorted(set(schema["paths"]) - covered)
    assert not missing, f"Give these API paths an access rule in ROUTES: {missing}"


def test_each_role_gets_what_it_should(client, matrix, settings):
    settings.RATELIMIT_ENABLED = False
    users = {**matrix["users"]}
    wrong = []
    for _path, (build, method, expected) in {
        **ROUTES,
        **{
            admin_path: ((lambda d, p=admin_path: p), "get", rule)
            for admin_path, rule in ADMIN_VIEWSETS.items()
        },
    }.items():
        url = build(matrix)
        for role in ROLES:
            target = url
            if expected.get(role) == "invalid":
                target = re.sub(r"/(alerts/[a-z-]+)/[^/]+/", r"/\1/tampered:token/", url)
            response = _request(client, role, users, method, target)
            got = _outcome(role, expected, response)
            if got != expected[role]:
                wrong.append(
                    f"{method.upper()} {target} as {role}: expected {expected[role]}, got {got}"
                )
    assert not wrong, "\n".join(wrong)


def test_every_admin_page_of_ours_has_exactly_one_main_heading(client, matrix, settings):
    """Wagtail's header include replaces its h1 with any `heading` in the context, so a
    page that names its title `heading` silently loses its only h1 (screen readers jump
    by headings). Checked on every admin page of our apps that an administrator opens."""
    settings.RATELIMIT_ENABLED = False
    client.force_login(matrix["users"]["admin"])
    pages = [build(matrix) for path, (build, method, _) in ROUTES.items() if method == "get"]
    pages += list(ADMIN_VIEWSETS)
    wrong = []
    for url in pages:
        if not url.startswith("/admin/") or url.endswith("/results/"):
            continue  # ".../results/" answers a listing's search with a fragment
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        headings = response.content.decode().count("<h1")
        if headings != 1:
            wrong.append(f"{url}: {headings} h1 elements")
    assert not wrong, "\n".join(wrong)
