"""`manage.py load_demo_data`: a realistic demo site built from the real Havering data.

Each app contributes a `demo` module with `load(out)`; they run in the order data
flows (wards → site → surveys → perceptions → comms). Every step is idempotent,
so running the command twice changes nothing.
"""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communitysafety.home.demo import describe_logins

DEMO_STEPS = [
    "communitysafety.wards.demo",
    "communitysafety.home.demo",
    "surveys.demo",
    "perceptions.demo",
    "comms.demo",
]


class Command(BaseCommand):
    help = "Load demo data (refuses to run with production settings)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "load_demo_data refuses to run with these settings (DEMO_DATA_ALLOWED is off); "
                "it is for development and tests only."
            )
        for dotted in DEMO_STEPS:
            module = import_module(dotted)
            module.load(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /admin/ as:"))
        for line in describe_logins():
            self.stdout.write(line)
