"""Demo data for this app (called by load_demo_data)."""

from collections.abc import Callable

from perceptions import demo_crime  # recorded crime (issue 10)


def load(out: Callable[[str], None]) -> None:
    """Nothing yet: this app's issue adds its demo data here."""
    demo_crime.load(out)  # recorded crime (issue 10)
