"""Send the daily digest of new unsafe-place reports (run once a day, e.g. from cron)."""

from django.core.management.base import BaseCommand

from surveys.unsafe_places.tasks import send_unsafe_place_digests


class Command(BaseCommand):
    help = "Email moderators yesterday's new unsafe-place reports in the wards they follow."

    def add_arguments(self, parser):
        parser.add_argument("--day", default="", help="ISO date to send (default: yesterday)")

    def handle(self, *args, **options):
        result = send_unsafe_place_digests.enqueue(options["day"])
        self.stdout.write(f"Digest task queued ({result.id}).")
