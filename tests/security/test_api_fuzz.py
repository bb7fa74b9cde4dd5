"""Schemathesis against our own OpenAPI schema, in process: no 5xx, responses match it.

Every endpoint in /api/schema/ is covered automatically as apps add them. Bounded
for CI: a few examples per operation, no deadline.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def api_data(db, wards, site):
    """Real wards and the site shell, so endpoints have data to answer with.

    Like Django's test client, keep the request cycle from closing the test's database
    connection (it runs inside the test transaction; on PostgreSQL closing it breaks it).
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_errors_and_matches_its_schema(case, api_data):
    # Not "negative data rejection": DRF deliberately ignores malformed pagination values.
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
