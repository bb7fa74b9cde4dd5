"""Staff roles: Editors, Moderators, Analysts and Administrators.

Each app declares what its roles may do as `role_permissions` on its AppConfig
({group name: [permission codenames in that app]}); `sync_roles` runs after
every migrate (and after the test runner flushes the database) so the groups
always hold exactly the permissions the code declares.
"""

from typing import Any

from django.apps import AppConfig, apps

EDITORS = "Editors"
MODERATORS = "Moderators"
ANALYSTS = "Analysts"
ADMINISTRATORS = "Administrators"
ROLES = (EDITORS, MODERATORS, ANALYSTS, ADMINISTRATORS)

# Every staff role may log in to the Wagtail admin.
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def _grant(group_name: str, app_label: str, codenames: list[str]) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    group.permissions.add(*permissions)


def grant_page_permissions() -> None:
    """Editors add, change and publish pages; moderators only moderate reports."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
    GroupPagePermission.objects.filter(group__name=MODERATORS).delete()


def sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    """post_migrate receiver: make the groups and give them this app's permissions."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.management import create_contenttypes

    using = kwargs.get("using", "default")
    create_contenttypes(sender, verbosity=0, using=using, apps=apps)
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    if sender.label == ADMIN_ACCESS[0]:
        for role in ROLES:
            _grant(role, *ADMIN_ACCESS[:1], [ADMIN_ACCESS[1]])
    if sender.label == "wagtailcore":
        grant_page_permissions()
    for group_name, codenames in getattr(sender, "role_permissions", {}).items():
        _grant(group_name, sender.label, codenames)
    # Administrators may do everything the other roles may, and manage users.
    _grant(ADMINISTRATORS, sender.label, _all_codenames(sender))


def _all_codenames(app_config: AppConfig) -> list[str]:
    from django.contrib.auth.models import Permission

    return list(
        Permission.objects.filter(content_type__app_label=app_config.label).values_list(
            "codename", flat=True
        )
    )
