"""The site shell: pages render, errors help, headers protect, roles hold."""

import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from communitysafety.home.models import HomePage, InformationPage

pytestmark = pytest.mark.django_db


def test_home_page_renders_hero_and_task_links(client, site):
    response = client.get("/")
    assert response.status_code == 200
    assert "home/home_page.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Helping Havering feel safe" in html
    for path in (
        "/survey/",
        "/unsafe-places/report/",
        "/advice/",
        "/events/",
        "/news/",
        "/results/",
    ):
        assert f'href="{path}"' in html
    assert 'class="govuk-skip-link"' in html


def test_footer_links_to_privacy_accessibility_and_cookies(client, site):
    html = client.get("/").content.decode()
    for slug in ("privacy", "accessibility", "cookies"):
        assert f'href="/{slug}/"' in html
        assert client.get(f"/{slug}/").status_code == 200


def test_footer_details_are_read_once_and_follow_an_editors_change(
    client, site, django_assert_max_num_queries
):
    from communitysafety.home.models import PartnershipSettings

    client.get("/unsafe-places/report/")  # not page-cached: the shell renders every time
    with django_assert_max_num_queries(0):
        client.get("/unsafe-places/report/")
    details = PartnershipSettings.for_site(site)
    details.contact_email = "team@safety.example.org"
    details.privacy_page.unpublish()
    details.save()
    html = client.get("/unsafe-places/report/").content.decode()
    assert "team@safety.example.org" in html
    assert 'href="/privacy/"' not in html


def test_unknown_url_gets_a_helpful_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/search/"' in html


def test_server_error_page_leaks_nothing(client, site):
    from communitysafety.views import server_error

    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html


def test_healthz_reports_database_task_queue_and_results(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "oldest_waiting_task_seconds": None,
        "results_last_computed": {},
        "periodic_jobs": {
            name: {"every_seconds": every, "last_succeeded": None, "overdue": False}
            for name, every in [
                ("publish-scheduled-pages", 300),
                ("retention-purge", 86400),
                ("unsafe-place-digests", 86400),
                ("stale-results", 3600),
                ("alert-sweep", 60),
            ]
        },
    }


def test_public_pages_get_a_strict_csp_and_admin_a_documented_looser_one(client, site):
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self';" in public
    assert "unsafe-inline" not in public
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin


def test_security_headers_on_main_pages(client, site):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_script_or_style(client, site):
    import re

    html = client.get("/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_roles_exist_with_their_permissions(site):
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    analysts = Group.objects.get(name="Analysts")
    assert GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    for group in (editors, moderators, analysts, Group.objects.get(name="Administrators")):
        assert group.permissions.filter(codename="access_admin").exists()
    assert analysts.permissions.filter(codename="view_wardpopulation").exists()
    assert not editors.permissions.filter(codename="view_wardpopulation").exists()


def test_editor_can_create_an_information_page_in_the_admin(client, site):
    from tests.communitysafety.factories import UserFactory

    editor = UserFactory(username="ed", groups=["Editors"])
    client.force_login(editor)
    home = HomePage.objects.get()
    response = client.post(
        f"/admin/pages/add/home/informationpage/{home.pk}/",
        nested_form_data(
            {
                "title": "About us",
                "slug": "about-us",
                "summary": "Who we are",
                "body": streamfield([("paragraph", rich_text("<p>The partnership.</p>"))]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = InformationPage.objects.get(slug="about-us")
    assert page.live
    assert client.get("/about-us/").status_code == 200


def test_editor_can_open_the_home_page_editor(client, site):
    from tests.communitysafety.factories import UserFactory

    client.force_login(UserFactory(username="ed2", groups=["Editors"]))
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_load_demo_data_is_idempotent_and_refuses_production_settings(db):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from communitysafety.wards.models import Ward

    call_command("load_demo_data", stdout=StringIO())
    counts = (Ward.objects.count(), HomePage.objects.count(), InformationPage.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert counts == (
        Ward.objects.count(),
        HomePage.objects.count(),
        InformationPage.objects.count(),
    )
    with override_settings(DEMO_DATA_ALLOWED=False), pytest.raises(CommandError):
        call_command("load_demo_data", stdout=StringIO())


def test_production_settings_fail_fast_naming_the_missing_variable():
    result = subprocess.run(
        [sys.executable, "-c", "import communitysafety.settings.production"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("database_url", "redis_url", "message"),
    [
        ("", "redis://127.0.0.1:6379/1", "DATABASE_URL must be set"),
        ("sqlite:///db.sqlite3", "redis://127.0.0.1:6379/1", "DATABASE_URL must be a postgres"),
        ("postgres://postgres@127.0.0.1:5432/x", "", "REDIS_URL must be set"),
        ("postgres://postgres@127.0.0.1:5432/x", "memcached://x", "REDIS_URL must be a redis"),
    ],
)
def test_production_settings_require_postgresql_and_redis(database_url, redis_url, message):
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "safety.example.org",
        "WAGTAILADMIN_BASE_URL": "https://safety.example.org",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }
    env = {name: value for name, value in env.items() if value}  # unset, not empty
    result = subprocess.run(
        [sys.executable, "-c", "import communitysafety.settings.production"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_api_schema_documents_only_our_api(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert client.get("/api/docs/").status_code == 200


def test_unknown_api_url_answers_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
