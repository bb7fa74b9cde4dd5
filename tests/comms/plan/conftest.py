"""Released results computed by the real pipeline from generated waves, for plan tests."""

import pytest

from perceptions.results.pas import import_pas
from tests.perceptions.factories import released_survey

SMALL_WARDS = 3


@pytest.fixture
def released_results(wards):
    """2024 and 2025 released (trust falls from about 75% to 45%), 2026 computed but not
    released (trust back up); the first three wards are low base; the shipped PAS file."""
    import_pas()
    return released_survey(
        [w.code for w in wards],
        {
            2024: {"trust_mps": 0.75, "informed_local": 0.5},
            2025: {"trust_mps": 0.45, "informed_local": 0.5},
            2026: {"trust_mps": 0.95, "informed_local": 0.5},
        },
        released=(2024, 2025),
        small_wards=SMALL_WARDS,
    )
