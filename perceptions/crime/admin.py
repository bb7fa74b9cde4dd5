"""Admin views of recorded crime: analysts can see what was imported, never edit it.

Figures change only through `manage.py import_crime` (so every change is a whole
file, checked, in one transaction); the admin lists counts, imports and
populations for checking, with CSV/XLSX export.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from communitysafety.common.admin_exports import SafeExportModelViewSet
from perceptions.models import BoroughPopulation, CrimeCount, CrimeImport


class ReadOnlyPolicy(ModelPermissionPolicy):
    """View permission as usual; add, change and delete for nobody (imports only)."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyViewSet(SafeExportModelViewSet):
    inspect_view_enabled = True
    exclude_form_fields: list[str] = []  # no form is ever shown (the policy forbids it)


class CrimeCountViewSet(ReadOnlyViewSet):
    model = CrimeCount
    icon = "table"
    menu_label = _("Crime counts")
    list_display = ["area_name", "area_code", "area_kind", "major", "minor", "month", "count"]
    list_filter = ["area_kind", "month", "major"]
    search_fields = ["area_name", "area_code", "major", "minor"]
    list_export = ["area_kind", "area_code", "area_name", "major", "minor", "month", "count"]


class CrimeImportViewSet(ReadOnlyViewSet):
    model = CrimeImport
    icon = "upload"
    menu_label = _("Crime imports")
    list_display = ["file_name", "area_kind", "first_month", "last_month", "counts_stored",
                    "counts_replaced", "imported_at"]  # fmt: skip
    list_filter = ["area_kind"]
    search_fields = ["file_name"]
    list_export = [
        *("file_name", "area_kind", "first_month", "last_month", "rows_read", "counts_stored"),
        *("counts_replaced", "skipped_other_boroughs", "imported_at"),
    ]


class BoroughPopulationViewSet(ReadOnlyViewSet):
    model = BoroughPopulation
    icon = "group"
    menu_label = _("Borough populations")
    list_display = ["name", "code", "residents", "source"]
    list_filter = ["source"]
    search_fields = ["name", "code"]
    list_export = ["code", "name", "residents", "source"]


class CrimeViewSetGroup(ModelViewSetGroup):
    menu_label = _("Recorded crime")
    menu_icon = "table"
    menu_order = 800
    items = (CrimeImportViewSet, CrimeCountViewSet, BoroughPopulationViewSet)


for _model in (CrimeCount, CrimeImport, BoroughPopulation):
    register_permission_policy(_model, ReadOnlyPolicy(_model))
