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

    def ready(self) -> None:
        from communitysafety.home import signals  # noqa: F401  (connects the site-content receivers)
        from communitysafety.home.roles import sync_roles

        post_migrate.connect(sync_roles, dispatch_uid="communitysafety.home.sync_roles")
