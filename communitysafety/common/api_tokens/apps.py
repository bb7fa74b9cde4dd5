from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    """Read-only tokens partner systems send as `Authorization: Token <key>` (or `Bearer`).

    Staff who use the staff API endpoints (Moderators, Analysts) may issue tokens for
    themselves; Administrators see and revoke everyone's (`change_apitoken`).
    """

    name = "communitysafety.common.api_tokens"
    label = "api_tokens"
    verbose_name = _("API tokens")
    default_auto_field = "django.db.models.BigAutoField"

    role_permissions: dict[str, list[str]] = {
        "Moderators": ["add_apitoken", "view_apitoken"],
        "Analysts": ["add_apitoken", "view_apitoken"],
    }

    def ready(self) -> None:
        # drf-spectacular finds the token scheme by its extension class being defined.
        from communitysafety.common.api_tokens import schema  # noqa: F401
