"""Background work for unsafe-place reports (primitive arguments, idempotent)."""

from datetime import date, timedelta

from django.utils import timezone
from django_tasks import task

from surveys.unsafe_places.digest import followers, send_digest
from surveys.unsafe_places.moderation import purge_expired_descriptions


@task()
def send_unsafe_place_digests(day: str = "") -> int:
    """Send yesterday's (or `day`'s, ISO date) digest to every follower; safe to re-run."""
    when = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return sum(send_digest(user_id, when) for user_id in followers())


@task()
def purge_unsafe_place_descriptions() -> int:
    """Blank descriptions whose retention period after closing has passed."""
    return purge_expired_descriptions()
