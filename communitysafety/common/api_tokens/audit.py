"""Every token creation, revocation and refused use goes to Wagtail's audit log.

Staff read it under Reports → Site history (filter by the "API token" actions); a
refused use names why (revoked, expired, a write attempted, an endpoint outside its scope
or its owner's role), the method and the path, never the key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from communitysafety.common.api_tokens.models import ApiToken

ACTION_CREATE = "api_tokens.create"
ACTION_REVOKE = "api_tokens.revoke"
ACTION_DENIED = "api_tokens.denied"

DENIED_REVOKED = "revoked"
DENIED_EXPIRED = "expired"
DENIED_INACTIVE_OWNER = "inactive_owner"
DENIED_WRITE = "write"
DENIED_NOT_ALLOWED = "not_allowed"

ACTIONS = [
    (ACTION_CREATE, _("Create API token"), _("API token created")),
    (ACTION_REVOKE, _("Revoke API token"), _("API token revoked")),
    (ACTION_DENIED, _("API token refused"), _("API token refused")),
]


def record_created(token: ApiToken, user: Any) -> None:
    log(
        instance=token,
        action=ACTION_CREATE,
        user=user,
        data={"scope": token.scope, "expires_at": token.expires_at.isoformat()},
    )


def record_revoked(token: ApiToken, user: Any) -> None:
    log(instance=token, action=ACTION_REVOKE, user=user, data={})


def record_denied(token: ApiToken, reason: str, method: str, path: str) -> None:
    """A use refused: logged against the token, with no user (the partner system acted)."""
    log(
        instance=token,
        action=ACTION_DENIED,
        user=None,
        data={"reason": reason, "method": method, "path": path[:200]},
    )
