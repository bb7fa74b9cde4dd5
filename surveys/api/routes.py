"""Registers this app's viewsets on the one API router (communitysafety/api.py)."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add this app's endpoints under /api/v1/."""
    # Unsafe-place reports (issue 6): anonymous submit + public summary, staff-only raw list.
    from surveys.unsafe_places.api import StaffUnsafePlaceReportViewSet, UnsafePlaceViewSet

    router.register(
        "unsafe-places/reports", StaffUnsafePlaceReportViewSet, basename="unsafe-place-report"
    )
    router.register("unsafe-places", UnsafePlaceViewSet, basename="unsafe-places")
