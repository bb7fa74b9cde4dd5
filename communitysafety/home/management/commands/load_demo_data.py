"""`manage.py load_demo_data`: a realistic demo site built from the real Havering data.

Each app that has demo data defines `load_demo(out)` on its AppConfig (the hook is
:class:`DemoLoader`); they run in INSTALLED_APPS order, which is the order data flows
(wards → site → surveys → perceptions → comms). Every step is idempotent,
so running the command twice changes nothing.
"""

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communitysafety.home.demo import describe_logins


@runtime_checkable
class DemoLoader(Protocol):
    """What an AppConfig declares to contribute demo data (idempotent: safe to re-run)."""

    def load_demo(self, out: Callable[[str], None]) -> None: ...


class Command(BaseCommand):
    help = "Load demo data (refuses to run with production settings)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "load_demo_data refuses to run with these settings (DEMO_DATA_ALLOWED is off); "
                "it is for development and tests only."
            )
        for config in apps.get_app_configs():
            if isinstance(config, DemoLoader):
                config.load_demo(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /admin/ as:"))
        for line in describe_logins():
            self.stdout.write(line)
