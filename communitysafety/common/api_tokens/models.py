"""API tokens: only a SHA-256 hash of each key is stored; the key is shown once, and
every token expires (its lifetime is chosen when it is issued)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "cs_"
# How much of the key is kept in clear so staff can tell their tokens apart.
SHOWN_LENGTH = len(KEY_PREFIX) + 8
# last_used_at is written at most this often per token: reads must not become writes.
LAST_USED_RESOLUTION_SECONDS = 60


class ApiTokenScope(models.TextChoices):
    AGGREGATE = "aggregate", _("Public aggregates only")
    STAFF = "staff", _("Staff endpoints the owner's role allows")


class ApiTokenLifetime(models.IntegerChoices):
    """How long a new token lasts, in days: the choices staff get when issuing one.

    A key that never expires outlives the partner contract, the person who copied it and
    the system it was pasted into; a bounded lifetime makes rotation routine.
    """

    DAYS_30 = 30, _("30 days")
    DAYS_90 = 90, _("90 days")
    YEAR = 365, _("1 year")


DEFAULT_LIFETIME = ApiTokenLifetime.DAYS_90
# The tokens page marks a token this close to its expiry, so its owner replaces it in time.
EXPIRY_WARNING_DAYS = 14


def hash_key(key: str) -> str:
    """The stored form of a key. The key carries 256 random bits, so a fast hash is
    enough: there is nothing to guess by brute force, unlike a password."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        """Tokens neither revoked nor expired: the ones a partner system may still use."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def visible_to(self, user) -> ApiTokenQuerySet:
        """Administrators (`change_apitoken`) see every token; others see their own."""
        if user.has_perm("api_tokens.change_apitoken"):
            return self
        return self.filter(user=user)


class ApiToken(models.Model):
    """A partner system's read-only key to the API, issued by a staff user in the admin.

    The token acts as its owner: with the `staff` scope it reads what the owner's role
    may read (so removing the owner's role, or deactivating them, takes it away); with
    the `aggregate` scope it reads only what the public may. It never writes.

    Not Wagtail 8's `wagtailcore.APIToken`: that one has no scope, and authenticates its
    owner fully on Wagtail's own v3 API if that is ever installed, so a partner's
    aggregate-only key could not stay aggregate-only.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, and for what."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_api_tokens",  # "api_tokens" is Wagtail's own APIToken
        verbose_name=_("owner"),
    )
    scope = models.CharField(
        _("scope"), max_length=20, choices=ApiTokenScope.choices, default=ApiTokenScope.AGGREGATE
    )
    shown = models.CharField(_("key starts"), max_length=SHOWN_LENGTH, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    # Set once by `issue` from the lifetime chosen; tokens from before expiry existed got
    # a year from the migration that added it (0002_apitoken_expires_at).
    expires_at = models.DateTimeField(_("expires"), editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.shown}…)"

    @classmethod
    def issue(
        cls, *, name: str, scope: str, user, lifetime: int = DEFAULT_LIFETIME
    ) -> tuple[ApiToken, str]:
        """A new token for `user`, valid for `lifetime` days, and its key: the only time
        the key exists in clear."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        created_at = timezone.now()
        token = cls.objects.create(
            name=name,
            scope=scope,
            user=user,
            shown=key[:SHOWN_LENGTH],
            key_hash=hash_key(key),
            created_at=created_at,
            expires_at=created_at + timedelta(days=ApiTokenLifetime(lifetime)),
        )
        return token, key

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def expires_soon(self) -> bool:
        """Still valid, but within EXPIRY_WARNING_DAYS of expiring: time to replace it."""
        warning = timezone.now() + timedelta(days=EXPIRY_WARNING_DAYS)
        return not self.is_expired and self.expires_at <= warning

    @property
    def is_active(self) -> bool:
        """Usable by a partner system: the instance-level twin of `objects.active()`."""
        return not self.is_revoked and not self.is_expired

    def revoke(self, by) -> bool:
        """Revoke the token (once): True if this call revoked it."""
        now = timezone.now()
        changed = ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by
        )
        if changed:
            self.revoked_at, self.revoked_by = now, by
        return bool(changed)

    def touch(self) -> None:
        """Record a use, at most once a minute so a busy partner costs no write per read."""
        now = timezone.now()
        stale = now - timedelta(seconds=LAST_USED_RESOLUTION_SECONDS)
        if self.last_used_at is None or self.last_used_at < stale:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
