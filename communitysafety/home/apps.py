from collections.abc import Callable

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "communitysafety.home"
    label = "home"
    verbose_name = _("Home and site settings")
    role_permissions = {
        "Editors": ["change_partnershipsettings"],
    }

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data` (the command's hook, in app order)."""
        from communitysafety.home.demo import load

        load(out)

    def periodic_jobs(self) -> list:
        """The retention purge (daily, 02:30 UTC) and Wagtail's scheduled publishing."""
        from datetime import timedelta

        from communitysafety.common.retention import purge_expired_data
        from communitysafety.common.scheduler.jobs import PeriodicJob
        from communitysafety.home.tasks import publish_scheduled_pages

        return [
            PeriodicJob(
                "retention-purge",
                purge_expired_data,
                timedelta(days=1),
                timedelta(hours=2, minutes=30),
            ),
            PeriodicJob("publish-scheduled-pages", publish_scheduled_pages, timedelta(minutes=5)),
        ]

    def ready(self) -> None:
        from communitysafety.home import signals  # noqa: F401  (connects the site-content receivers)
        from communitysafety.home.roles import sync_roles

        post_migrate.connect(sync_roles, dispatch_uid="communitysafety.home.sync_roles")
