"""Registers this app's viewsets on the one API router (communitysafety/api.py)."""

from rest_framework.routers import BaseRouter

from perceptions.api.crime import register_crime  # recorded crime (issue 10)


def register(router: BaseRouter) -> None:
    """Add this app's endpoints under /api/v1/."""
    register_crime(router)  # recorded crime (issue 10): /api/v1/crime/...
