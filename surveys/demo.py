"""Demo data for this app (called by load_demo_data)."""

from collections.abc import Callable


def load(out: Callable[[str], None]) -> None:
    """Nothing yet: this app's issue adds its demo data here."""
    from . import demo_unsafe_places  # unsafe-place reports (issue 6)

    demo_unsafe_places.load(out)
