from collections.abc import Callable

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "communitysafety.wards"
    label = "wards"
    verbose_name = _("Wards")
    role_permissions = {
        "Analysts": ["view_ward", "view_wardpopulation"],
        "Moderators": ["view_ward"],
        "Editors": ["view_ward"],
    }

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data` (the command's hook, in app order)."""
        from communitysafety.wards.demo import load

        load(out)
