"""The service navigation tells a resident (and a screen reader) which section they are in."""

import re

import pytest

from communitysafety.home.templatetags.service_navigation import navigation_items
from tests.comms.content_factories import AdvicePageFactory


def _nav(html: str) -> str:
    return html.split('id="navigation"', 1)[1].split("</ul>", 1)[0]


def _current(html: str) -> list[tuple[str, str]]:
    return re.findall(r'href="([^"]+)" aria-current="(page|true)"', _nav(html))


def test_only_the_section_of_the_path_is_current():
    by_href = {item.href: item.current for item in navigation_items("/advice/lock-your-shed/")}
    assert by_href["/advice/"] == "true"
    assert [href for href, current in by_href.items() if current] == ["/advice/"]
    assert {i.href: i.current for i in navigation_items("/events/")}["/events/"] == "page"
    assert not any(item.current for item in navigation_items("/"))


@pytest.mark.django_db
def test_section_page_is_marked_as_the_current_page(client, advice_index):
    html = client.get(advice_index.url).content.decode()
    assert _current(html) == [("/advice/", "page")]
    assert "govuk-service-navigation__item--active" in _nav(html)


@pytest.mark.django_db
def test_page_inside_a_section_marks_the_section(client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Lock your shed")
    html = client.get(page.url).content.decode()
    assert _current(html) == [("/advice/", "true")]


@pytest.mark.django_db
def test_home_page_marks_no_section(client, site):
    html = client.get("/").content.decode()
    assert _current(html) == []
    assert "aria-current" not in _nav(html)
