"""Browser tests: Playwright driving Debian's Chromium (never `playwright install`)."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; live_server's ORM calls need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Mark browser tests (`-m "not browser"` leaves them out)."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, answering one request at a time.

    With SQLite in memory, every server thread shares the test's one connection, and with
    it one transaction state: two requests at once (a page and the browser's next fetch)
    can interleave their atomic blocks, and a session written by one is lost to the other,
    which shows as a staff member sent back to the log-in page in the middle of a test.
    Django's WSGIServer sends ``Connection: close`` when it is not threaded, so the
    browser opens a new connection per request and nothing waits on a kept-alive socket.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    class OneRequestAtATimeServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    class OneRequestAtATimeThread(LiveServerThread):
        server_class = OneRequestAtATimeServer

    server = LiveServer("localhost", start=False)
    server.thread = OneRequestAtATimeThread(
        "localhost",
        static_handler=StaticFilesHandler,
        connections_override=server.thread.connections_override,
    )
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site_server(live_server, transactional_db):
    """A live server with the site shell: live_server flushes what migrations made."""
    from tests.communitysafety.factories import build_site, load_real_wards

    load_real_wards()
    site = build_site()
    site.hostname = "localhost"
    site.port = live_server.thread.port
    site.save()
    return live_server


def assert_accessible(page) -> None:
    """Run axe-core with the WCAG 2.2 AA tags and fail on any violation."""
    # evaluate() runs through the DevTools protocol, so the strict CSP stays on for the page.
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))",
        WCAG_22_AA,
    )
    assert violations == [], f"axe violations on {page.url}: {violations}"


STAFF_PASSWORD = "a-long-test-password-1"  # UserFactory's password


def sign_in_as_staff(page, server_url: str, username: str) -> None:
    """Sign in to the admin as a staff member does: password, then the authenticator code.

    The user gets a confirmed authenticator (as if set up earlier); the code is computed
    as their phone would, so the real two-factor views run.
    """
    from django.contrib.auth import get_user_model

    from tests.communitysafety.two_factor import TOTPDeviceFactory, current_code

    user = get_user_model().objects.get(username=username)
    device = TOTPDeviceFactory(user=user)
    page.goto(server_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(server_url + "/admin/")
