"""The database goes away: residents get a clear "try again" page, never a stack trace."""

import urllib.error
import urllib.request

import pytest

from .conftest import PG_URL, free_port, start_server
from .tcp_proxy import CuttableProxy

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_unreachable_database_gives_503_try_again_then_recovers(migrated_postgres):
    proxy = CuttableProxy("127.0.0.1", 5432)
    port = free_port()
    url = PG_URL.format(name=migrated_postgres).replace("5432", str(proxy.port))
    server = start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        assert fetch(base + "/")[0] == 200
        assert fetch(base + "/healthz")[0] == 200

        proxy.cut()
        status, body = fetch(base + "/")
        assert status == 503
        assert "try again" in body
        assert "Traceback" not in body and "OperationalError" not in body
        assert fetch(base + "/healthz")[0] == 503

        proxy.restore()
        assert fetch(base + "/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        proxy.close()
