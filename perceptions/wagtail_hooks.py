"""Admin registrations of the perceptions app."""

from wagtail import hooks

from perceptions.crime_admin import CrimeViewSetGroup


@hooks.register("register_admin_viewset")
def register_crime_viewsets() -> CrimeViewSetGroup:
    """Recorded crime (issue 10): imports, counts and populations, read-only."""
    return CrimeViewSetGroup()
