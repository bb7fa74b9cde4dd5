"""Admin for staff accounts: the two-factor pages, their audit actions and menu entries."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communitysafety.home import two_factor, two_factor_views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/enrol/", two_factor_views.enrol, name="two_factor_enrol"),
        path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
        path("two-factor/recovery/", two_factor_views.recovery, name="two_factor_recovery"),
        path(
            "two-factor/recovery-codes/",
            two_factor_views.recovery_codes_shown,
            name="two_factor_recovery_codes",
        ),
        path("account/two-factor/", two_factor_views.manage, name="two_factor_manage"),
        path("two-factor/staff/", two_factor_views.staff_status, name="two_factor_staff"),
        path(
            "two-factor/staff/<int:pk>/reset/",
            two_factor_views.reset_staff,
            name="two_factor_reset_staff",
        ),
    ]


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(two_factor.ENROLLED, _("Set up two-factor"), _("Two-factor set up"))
    actions.register_action(two_factor.RESET, _("Reset two-factor"), _("Two-factor reset"))
    actions.register_action(
        two_factor.RECOVERY_CODES_ISSUED, _("Issue recovery codes"), _("Recovery codes issued")
    )
    actions.register_action(
        two_factor.RECOVERY_CODE_USED, _("Use a recovery code"), _("Recovery code used")
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Your authenticator app and recovery codes."),
    }


class StaffTwoFactorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def register_staff_two_factor_menu_item():
    return StaffTwoFactorMenuItem(
        _("Staff two-factor"),
        reverse("two_factor_staff"),
        name="staff-two-factor",
        icon_name="lock",
        order=610,
    )
