"""Fixtures for comms tests: the site shell, the three section index pages, and released
survey results computed by the real pipeline (for the plan)."""

import pytest
from wagtail.models import Page

from perceptions.results.pas import import_pas
from tests.comms.content_factories import (
    AdviceIndexPageFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
)
from tests.perceptions.factories import released_survey


@pytest.fixture
def home(site) -> Page:
    return site.root_page.specific


@pytest.fixture
def advice_index(home):
    return AdviceIndexPageFactory(parent=home)


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def editor(db):
    from tests.communitysafety.factories import UserFactory

    return UserFactory(username="editor-1", groups=["Editors"])


@pytest.fixture
def approver(db):
    from tests.communitysafety.factories import UserFactory

    return UserFactory(username="approver-1", groups=["Approvers"])


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
