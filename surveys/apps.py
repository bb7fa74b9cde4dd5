from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """What residents submit: the annual survey and unsafe-place reports."""

    name = "surveys"
    verbose_name = _("Surveys and reports")
    role_permissions: dict[str, list[str]] = {}

    def ready(self) -> None:
        # Unsafe-place reports (issue 6): add their roles' permissions.
        from .unsafe_roles import UNSAFE_PLACE_ROLE_PERMISSIONS

        for group, codenames in UNSAFE_PLACE_ROLE_PERMISSIONS.items():
            self.role_permissions = {
                **self.role_permissions,
                group: [*self.role_permissions.get(group, []), *codenames],
            }
