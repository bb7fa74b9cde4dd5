"""Settings → API tokens in the Wagtail admin, and the audit-log actions it writes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communitysafety.common.api_tokens import admin_views, audit


@hooks.register("register_admin_urls")
def register_api_token_urls():
    return [
        path("partner-api-tokens/", admin_views.index, name="api_tokens_index"),
        path("partner-api-tokens/new/", admin_views.create, name="api_tokens_create"),
        path("partner-api-tokens/<int:pk>/revoke/", admin_views.revoke, name="api_tokens_revoke"),
    ]


class ApiTokenMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use_tokens(request.user)


@hooks.register("register_settings_menu_item")
def register_api_token_menu_item():
    return ApiTokenMenuItem(
        _("Partner API tokens"), reverse("api_tokens_index"), icon_name="key", order=610
    )


@hooks.register("register_log_actions")
def register_api_token_log_actions(actions):
    for action, label, message in audit.ACTIONS:
        actions.register_action(action, label, message)
