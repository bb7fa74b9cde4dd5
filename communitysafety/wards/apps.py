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

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from communitysafety.wards.lookup import bump_generation
        from communitysafety.wards.models import Ward

        # Loading bumps once it commits; a ward saved any other way must also be seen.
        post_save.connect(bump_generation, sender=Ward, dispatch_uid="wards-saved")
        post_delete.connect(bump_generation, sender=Ward, dispatch_uid="wards-deleted")

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data` (the command's hook, in app order)."""
        from communitysafety.wards.demo import load

        load(out)
