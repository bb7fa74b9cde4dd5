"""Wagtail admin registrations for the comms app (each concern in its own module)."""

from . import content_admin  # noqa: F401
