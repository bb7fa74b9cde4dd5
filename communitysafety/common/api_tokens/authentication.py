"""`Authorization: Token <key>` (or `Bearer <key>`) for partner systems, read-only.

A token with the `staff` scope authenticates as its owner, so the owner's role decides
which staff endpoints it reads; an `aggregate` token authenticates as nobody in
particular (an anonymous user) and reads only what the public may. Any method but
GET, HEAD and OPTIONS with a token is a 403: partners read, they never write.

An unknown, revoked or expired key is a 401 with `WWW-Authenticate: Token`; a request
with no token is left to the next authentication class (the staff session), unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from communitysafety.common.api_tokens import audit
from communitysafety.common.api_tokens.models import ApiToken, ApiTokenScope, hash_key

SCHEMES = ("token", "bearer")
MAX_KEY_LENGTH = 200


def presented_key(request: Request) -> str | None:
    """The key in the Authorization header, or None when no token scheme is used."""
    header = authentication.get_authorization_header(request).split()
    if not header or header[0].lower().decode(errors="replace") not in SCHEMES:
        return None
    if len(header) != 2 or len(header[1]) > MAX_KEY_LENGTH:
        raise exceptions.AuthenticationFailed(_("Send the header as “Token <key>”."))
    try:
        return header[1].decode("ascii")
    except UnicodeDecodeError:
        raise exceptions.AuthenticationFailed(_("Invalid token.")) from None


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Read-only partner tokens (see the module docstring)."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        key = presented_key(request)
        if key is None:
            return None
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if request.method not in SAFE_METHODS:
            if token is not None:
                audit.record_denied(token, audit.DENIED_WRITE, request.method, request.path)
            raise exceptions.PermissionDenied(_("API tokens are read-only."))
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        # Revoked before expired: a token both revoked and past its expiry was stopped by
        # someone, and the audit log should say so.
        if token.is_revoked:
            audit.record_denied(token, audit.DENIED_REVOKED, request.method, request.path)
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.is_expired:
            audit.record_denied(token, audit.DENIED_EXPIRED, request.method, request.path)
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            audit.record_denied(token, audit.DENIED_INACTIVE_OWNER, request.method, request.path)
            raise exceptions.AuthenticationFailed(_("This token's owner is no longer active."))
        token.touch()
        user = token.user if token.scope == ApiTokenScope.STAFF else AnonymousUser()
        return user, token

    def authenticate_header(self, request: Request) -> str | None:
        """Offer the token scheme (a 401) only to clients that sent a token: a browser or a
        staff session without one keeps getting the 403 it always got."""
        try:
            sent = presented_key(request) is not None
        except exceptions.AuthenticationFailed:
            sent = True
        return f'{self.keyword} realm="api"' if sent else None


def record_refusal(request: Request) -> None:
    """After a 403 on a token-authenticated request: audit it (its scope or its owner's
    role does not reach that endpoint). Called from the API's exception handler."""
    # `_auth` as DRF itself reads it: `request.auth` would run authentication again when
    # the error came before it (DRF sets `_auth` once authentication has run).
    token = getattr(request, "_auth", None)
    if isinstance(token, ApiToken):
        audit.record_denied(token, audit.DENIED_NOT_ALLOWED, request.method, request.path)


# For public endpoints that take no staff session (no CSRF, nothing per user): a partner
# token is still checked when sent, so a revoked one is refused everywhere alike.
PUBLIC_AUTHENTICATION = [ApiTokenAuthentication]
