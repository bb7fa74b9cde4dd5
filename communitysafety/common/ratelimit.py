"""Rate limiting that never stores who a resident is.

The key is a SHA-256 of the client address with a random salt. The salt lives
only in the cache and changes every day; counters expire within the hour. With
Redis (run with no persistence) or per-process memory, neither the salt nor the
hash ever reaches a disk, and yesterday's hashes cannot be linked to today's.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

MAX_WINDOW_SECONDS = 3600


def _daily_salt() -> str:
    key = f"ratelimit:salt:{timezone.now().date().isoformat()}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(32), timeout=25 * 3600)
        salt = cache.get(key)
    return salt


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only behind known proxies."""
    proxies = settings.RATELIMIT_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """An opaque per-day key for this client; the address itself is never kept."""
    digest = hashlib.sha256(f"{_daily_salt()}|{client_address(request)}".encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Limit:
    """`count` requests per `seconds` (at most an hour) for one `scope`."""

    scope: str
    count: int
    seconds: int

    def __post_init__(self) -> None:
        if not 0 < self.seconds <= MAX_WINDOW_SECONDS:
            raise ValueError("Rate-limit windows are at most an hour")


def is_limited(request: HttpRequest, limit: Limit) -> bool:
    """Count this request and say whether the client is over the limit."""
    if not settings.RATELIMIT_ENABLED:
        return False
    key = f"ratelimit:{limit.scope}:{client_key(request)}"
    if cache.add(key, 1, timeout=limit.seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds)
        return False
    return count > limit.count
