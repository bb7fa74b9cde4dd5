from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    """Advice, events, news, alerts and the communications plan."""

    name = "comms"
    verbose_name = _("Communications")
    role_permissions: dict[str, list[str]] = {}
