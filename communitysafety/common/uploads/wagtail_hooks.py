"""The uploads in the Wagtail admin: a submenu with one item per kind the user may upload."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from communitysafety.common.uploads import views
from communitysafety.common.uploads.registry import allowed_kinds, upload_kinds


@hooks.register("register_admin_urls")
def register_upload_urls():
    return [
        path("uploads/", views.upload_index, name="uploads_index"),
        path("uploads/new/<slug:code>/", views.upload_form, name="uploads_form"),
        path("uploads/<int:pk>/", views.upload_status, name="uploads_status"),
        path("uploads/<int:pk>/status.json", views.upload_status_json, name="uploads_status_json"),
    ]


class _KindMenuItem(MenuItem):
    """Shown only to users whose role may upload this kind."""

    def __init__(self, code: str, label, order: int) -> None:
        super().__init__(
            label, reverse("uploads_form", args=[code]), icon_name="upload", order=order
        )
        self.code = code

    def is_shown(self, request) -> bool:
        kind = upload_kinds().get(self.code)
        return kind is not None and kind.allowed(request.user)


class _UploadsMenuItem(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return bool(allowed_kinds(request.user))


def _items() -> list[MenuItem]:
    items: list[MenuItem] = [
        MenuItem(_("Recent uploads"), reverse("uploads_index"), icon_name="history", order=1)
    ]
    for index, kind in enumerate(upload_kinds().values(), start=10):
        items.append(_KindMenuItem(kind.code, kind.label, index))
    return items


@hooks.register("register_admin_menu_item")
def register_uploads_menu():
    menu = Menu(register_hook_name=None, construct_hook_name=None, items=_items())
    return _UploadsMenuItem(_("Upload data files"), menu, icon_name="upload", order=290)


@hooks.register("register_log_actions")
def register_upload_log_actions(actions):
    actions.register_action("uploads.started", _("Upload data file"), _("Data file uploaded"))
    actions.register_action("uploads.succeeded", _("Import data file"), _("Data file imported"))
    actions.register_action("uploads.failed", _("Reject data file"), _("Data file rejected"))
