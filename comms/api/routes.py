"""Registers this app's viewsets on the one API router (communitysafety/api.py)."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add this app's endpoints under /api/v1/."""
    from comms.content.api import AdviceViewSet, EventViewSet

    router.register("events", EventViewSet, basename="event")
    router.register("advice", AdviceViewSet, basename="advice")
