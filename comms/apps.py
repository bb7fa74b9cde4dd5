from collections.abc import Callable

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    """Advice, events, news, alerts and the communications plan."""

    name = "comms"
    verbose_name = _("Communications")
    # Editors write alerts and approve each other's (never their own: see approval.py);
    # analysts read the plan; administrators get everything (roles.py).
    role_permissions: dict[str, list[str]] = {
        "Editors": [
            "add_alert",
            "change_alert",
            "view_alert",
            "approve_alert",
            "add_communicationsplan",
            "change_communicationsplan",
            "view_communicationsplan",
            "add_planitem",
            "change_planitem",
            "view_planitem",
        ],
        "Analysts": ["view_communicationsplan", "view_planitem", "view_alert"],
    }
    # Content (issue 4): editors manage the site banner.
    role_permissions["Editors"] += [
        "add_sitebanner",
        "change_sitebanner",
        "delete_sitebanner",
        "view_sitebanner",
    ]

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data` (the command's hook, in app order)."""
        from comms.demo import load

        load(out)

    def retention_purges(self) -> dict:
        """Personal data this app keeps for a while (communitysafety.common.retention's hook)."""
        from comms.alerts.linking import purge_ended_links
        from comms.alerts.tasks import purge_unconfirmed_subscribers

        return {
            "unconfirmed alert sign-ups": purge_unconfirmed_subscribers,
            "pulse answers' links to ended subscriptions": purge_ended_links,
        }

    def periodic_jobs(self) -> list:
        """The alert sweeper every minute: re-queue what dead workers left, start due alerts."""
        from datetime import timedelta

        from comms.alerts.tasks import sweep
        from communitysafety.common.scheduler.jobs import PeriodicJob

        return [PeriodicJob("alert-sweep", sweep, timedelta(minutes=1))]

    def ready(self) -> None:
        import comms.content.signals  # noqa: F401
        from comms.content.cache import next_banner_change
        from comms.content.workflow import ensure_review_workflow
        from communitysafety.common.page_cache import limit_lifetime

        post_migrate.connect(ensure_review_workflow, dispatch_uid="comms.ensure_review_workflow")
        limit_lifetime(next_banner_change)
