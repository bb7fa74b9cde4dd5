from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    """Advice, events, news, alerts and the communications plan."""

    name = "comms"
    verbose_name = _("Communications")
    role_permissions: dict[str, list[str]] = {
        # Content (issue 4): editors manage the site banner.
        "Editors": ["add_sitebanner", "change_sitebanner", "delete_sitebanner", "view_sitebanner"],
    }

    def ready(self) -> None:
        from . import signals_content  # noqa: F401
        from .workflow import ensure_review_workflow

        post_migrate.connect(ensure_review_workflow, dispatch_uid="comms.ensure_review_workflow")
