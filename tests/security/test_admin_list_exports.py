"""Every admin listing of ours that offers an export makes it spreadsheet-safe."""

from django.urls import get_resolver
from wagtail.admin.viewsets import viewsets

from comms.content.admin import StaleAdviceReportView
from communitysafety.common.exports import SpreadsheetSafeExportMixin

OUR_APPS = ("communitysafety.", "comms.", "surveys.", "perceptions.")


def test_every_exporting_listing_of_ours_neutralises_formulas():
    assert get_resolver().url_patterns  # registers every viewset, as the first request does
    exporting = [
        viewset
        for viewset in viewsets.viewsets
        if type(viewset).__module__.startswith(OUR_APPS) and getattr(viewset, "list_export", None)
    ]
    assert len(exporting) >= 15  # the walk found the listings, not an empty registry
    unsafe = [
        type(viewset).__name__
        for viewset in exporting
        if not issubclass(viewset.index_view_class, SpreadsheetSafeExportMixin)
    ]
    assert unsafe == []
    assert issubclass(StaleAdviceReportView, SpreadsheetSafeExportMixin)
