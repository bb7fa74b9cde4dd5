"""Admin viewsets whose list exports are safe to open in a spreadsheet.

Every listing of ours with `list_export` uses these bases, so no viewset can
forget the rule: CSV cells are formula-safe and XLSX never fails on a control
character (see `SpreadsheetSafeExportMixin`). A test walks the registered
viewsets to hold that.
"""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from communitysafety.common.exports import SpreadsheetSafeExportMixin


class SafeExportIndexView(SpreadsheetSafeExportMixin, IndexView):
    """A model listing whose exports hold typed text."""


class SafeExportSnippetIndexView(SpreadsheetSafeExportMixin, SnippetIndexView):
    """A snippet listing whose exports hold typed text."""


class SafeExportModelViewSet(ModelViewSet):
    index_view_class = SafeExportIndexView


class SafeExportSnippetViewSet(SnippetViewSet):
    index_view_class = SafeExportSnippetIndexView
