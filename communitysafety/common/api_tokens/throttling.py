"""A request budget per partner token (`API_TOKEN_RATE`, such as "600/min").

One partner's runaway poller must not slow the API for residents and other partners.
The count is keyed on the token's primary key, never on an address (the privacy rule of
`communitysafety/common/ratelimit.py`), and kept in the default cache: Redis in
production, shared by every process; per-process memory without it, where each process
counts on its own. Requests without a partner token (anonymous, a staff session) are
not counted here. Over the budget DRF answers 429 with `Retry-After` and a JSON detail.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from communitysafety.common.api_tokens.models import ApiToken


class ApiTokenRateThrottle(SimpleRateThrottle):
    """At most `API_TOKEN_RATE` requests per token (see the module docstring)."""

    scope = "api_token"

    def get_rate(self) -> str:
        # Read per request (a throttle is built for each one), so a changed setting applies
        # at once; DRF's DEFAULT_THROTTLE_RATES is frozen when DRF is first imported.
        return settings.API_TOKEN_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
