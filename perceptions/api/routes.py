"""Registers this app's viewsets on the one API router (communitysafety/api.py)."""

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add this app's endpoints under /api/v1/."""
