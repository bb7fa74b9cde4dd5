"""Fixtures for comms content tests: the site shell plus the three section index pages."""

import pytest
from wagtail.models import Page

from tests.comms.content_factories import (
    AdviceIndexPageFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
)


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
