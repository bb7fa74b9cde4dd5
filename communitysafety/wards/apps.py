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
