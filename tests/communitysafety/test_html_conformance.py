"""What the W3C Nu checker and the browser console found, held fixed (issue 17).

The vendored GOV.UK CSS is the reference for GOV.UK class names; static files hold no
GOV.UK crest or crown; the admin shows no Gravatar (its CSP blocks outside images); the
API answers a browser with JSON, never with a page whose inline code the CSP blocks.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
GOVUK_CSS = ROOT / "communitysafety/static/vendor/govuk/govuk-frontend.min.css"


def test_every_table_caption_modifier_used_exists_in_govuk_frontend():
    css = GOVUK_CSS.read_text()
    defined = set(re.findall(r"\.(govuk-table__caption--[\w-]+)", css))
    used = {
        (str(path.relative_to(ROOT)), name)
        for path in (ROOT / "templates").rglob("*.html")
        for name in re.findall(r"govuk-table__caption--[\w-]+", path.read_text())
    }
    assert used, "no template uses a caption modifier: the test has nothing to check"
    assert {(path, name) for path, name in used if name not in defined} == set()


def test_no_govuk_crest_or_crown_images_are_served():
    for name in ("govuk-crest.svg", "govuk-icon-180.png", "govuk-opengraph-image.png"):
        assert finders.find(f"vendor/govuk/assets/images/{name}") is None
    assert finders.find("vendor/govuk/assets/manifest.json") is None
    assert list((ROOT / "communitysafety/static/vendor/govuk").rglob("*.png")) == []


def test_every_url_in_the_govuk_css_is_a_static_file():
    """The manifest storage fails collectstatic on a url() it cannot resolve."""
    for url in re.findall(r"url\(\"?([^\")]+)\"?\)", GOVUK_CSS.read_text()):
        if url.startswith("data:"):
            continue
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
def test_advice_page_labels_only_elements_that_can_be_labelled(client, site):
    from tests.comms.content_factories import AdviceIndexPageFactory, AdvicePageFactory

    index = AdviceIndexPageFactory(parent=site.root_page)
    page = AdvicePageFactory(parent=index, title="Lock your shed")
    html = client.get(page.url).content.decode()
    assert 'id="where-to-report"' in html
    unlabellable = [
        attrs
        for tag, attrs in _elements(html)
        if tag in {"div", "span"} and "aria-labelledby" in attrs and not attrs.get("role")
    ]
    assert unlabellable == []


@pytest.mark.django_db
def test_admin_pages_load_no_gravatar(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("admin-1", "admin@example.org", "x" * 16)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "gravatar" not in html
    assert "avatar" in html  # the account menu still shows the default avatar


def _inline_code(html: str) -> list[tuple[str, dict]]:
    """<script> without src and <style> elements that carry no nonce."""
    return [
        (tag, attrs)
        for tag, attrs in _elements(html)
        if ((tag == "script" and not attrs.get("src")) or tag == "style") and not attrs.get("nonce")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/advice/", "/api/v1/events/"])
@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml,*/*;q=0.8"])
def test_api_answers_a_browser_without_breaking_its_csp(client, site, url, accept):
    response = client.get(url, headers={"accept": accept})
    assert response.status_code < 500
    content_type = response.headers["Content-Type"]
    if content_type.startswith("application/json"):
        return
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp)
    style_src = re.search(r"style-src ([^;]*)", csp)
    blocked = []
    for tag, attrs in _inline_code(response.content.decode()):
        allowed = script_src if tag == "script" else style_src
        if allowed and "'unsafe-inline'" not in allowed.group(1):
            blocked.append((tag, attrs))
    assert blocked == [], f"{url} ({content_type}) has inline code its CSP blocks"
