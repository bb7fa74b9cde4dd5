"""Purge descriptions of closed unsafe-place cases past the retention period."""

from django.core.management.base import BaseCommand

from surveys.unsafe_places import conf
from surveys.unsafe_places.moderation import purge_expired_descriptions


class Command(BaseCommand):
    help = (
        "Blank descriptions of cases closed more than UNSAFE_PLACES_DESCRIPTION_RETENTION_DAYS ago."
    )

    def handle(self, *args, **options):
        purged = purge_expired_descriptions()
        self.stdout.write(f"Purged {purged} descriptions (retention {conf.retention_days()} days).")
