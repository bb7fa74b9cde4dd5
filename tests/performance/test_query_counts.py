"""Public pages run a fixed number of SQL queries, however much content the site holds.

Every first view after a publish, every filtered or paginated listing and search skips
the page cache, so these counts are measured with it off (issue 19, item 5). A count that
grows with the number of events, advice or news pages is an N+1: a query per listed item.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communitysafety.common.page_cache import SITE_CONTENT
from communitysafety.vocabularies.models import PartnerOrganisation, StrategicPriority, Topic
from perceptions.results.generation import refresh_results
from tests.comms.content_factories import (
    AdviceIndexPageFactory,
    AdvicePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from tests.perceptions.crime_site.crime_files import (
    import_file,
    write_borough_file,
    write_ward_file,
)
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    generated_rows,
    store_responses,
)
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def queries_for(client, path: str, cold: bool = False) -> int:
    """Queries of a warm process serving `path` (the first view fills per-process caches).

    `cold`: of the first view after a publish instead, when every cached fragment, route
    and filter choice is built again: where an N+1 would show.
    """
    assert client.get(path).status_code == 200, path
    if cold:
        SITE_CONTENT.bump()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def add_events(index, wards, count: int, start: int = 0) -> None:
    """`count` upcoming events, each with a ward, partners and topics (what a listing shows)."""
    partners = list(PartnerOrganisation.objects.all()[:2])
    topics = list(Topic.objects.all()[:2])
    soon = timezone.now() + datetime.timedelta(days=3)
    for n in range(start, start + count):
        event = EventPageFactory(
            parent=index,
            title=f"Roadshow {n}",
            slug=f"roadshow-{n}",
            start=soon + datetime.timedelta(hours=n),
            end=soon + datetime.timedelta(hours=n + 2),
            ward=wards[n % len(wards)],
            partners=partners,
        )
        event.topics = topics
        event.save()


def add_advice(index, wards, count: int, start: int = 0) -> None:
    topics = list(Topic.objects.all()[:2])
    priorities = list(StrategicPriority.objects.all()[:1])
    for n in range(start, start + count):
        AdvicePageFactory(
            parent=index,
            title=f"Advice {n:03}",
            slug=f"advice-{n}",
            topics=topics,
            priorities=priorities,
            wards=[wards[n % len(wards)]],
        )


def add_news(index, count: int, start: int = 0) -> None:
    topics = list(Topic.objects.all()[:2])
    for n in range(start, start + count):
        page = NewsPageFactory(parent=index, title=f"News {n}", slug=f"news-{n}")
        page.topics = topics
        page.save()


@pytest.fixture
def public_site(site, wards, tmp_path: Path):
    """Every public section with a little content: what each count below is measured on."""
    home = site.root_page.specific
    advice_index = AdviceIndexPageFactory(parent=home)
    event_index = EventIndexPageFactory(parent=home)
    news_index = NewsIndexPageFactory(parent=home)
    add_advice(advice_index, wards, 3)
    add_events(event_index, wards, 3)
    add_news(news_index, 3)
    survey = SurveyFactory(slug="annual-survey", title="Annual survey")
    codes = [w.code for w in wards]
    for year in (2023, 2024):
        wave = WaveFactory(survey=survey, year=year)
        store_responses(wave, generated_rows(codes, per_cell=2, seed=year), prefix=f"{year}-")
        ReleaseFactory(wave=wave)
    refresh_results(survey.id)
    import_file(write_borough_file(tmp_path / "boroughs.csv"))
    import_file(write_ward_file(tmp_path / "wards.csv"))
    UnsafePlaceReportFactory.create_batch(6, ward=wards[0])
    return {"advice": advice_index, "events": event_index, "news": news_index}


PAGES = {  # path: queries with the page cache off, warm process
    "/": 0,
    # Comms pages: routes, pages and bodies cached under the site-content generation.
    "/advice/": 0,
    "/advice/?topic=burglary": 0,
    "/advice/advice-1/": 0,
    "/events/": 0,
    "/events/roadshow-1/": 0,
    "/news/": 0,
    "/news/news-1/": 0,
    "/search/?q=roadshow": 0,  # the results fragment is stored under the generation
    # Data pages: panels rendered once per generation (tests/performance/test_data_page_queries.py).
    "/results/": 0,
    "/results/methodology/": 0,
    "/crime/": 0,
    "/crime/wards/": 0,
    "/unsafe-places/": 0,
    "/unsafe-places/report/": 0,
}


@pytest.mark.parametrize(("path", "expected"), PAGES.items())
def test_each_public_page_runs_a_fixed_number_of_queries(client, public_site, path, expected):
    from django.db import connection

    if isinstance(expected, dict):
        expected = expected[connection.vendor]
    assert queries_for(client, path) == expected


COLD_PAGES = {  # path: queries of the first view after a publish (site, shell, banners,
    "/advice/": 16,  # routes, filter choices and the body all rebuilt)
    "/advice/?topic=burglary": 17,
    "/advice/advice-1/": 15,
    "/events/": 13,
    "/events/roadshow-1/": 16,
    "/news/": 12,
    "/news/news-1/": 13,
    "/search/?q=roadshow": {"sqlite": 11, "postgresql": 13},  # each backend's search queries
}


@pytest.mark.parametrize(("path", "expected"), COLD_PAGES.items())
def test_each_comms_page_after_a_publish_runs_a_fixed_number_of_queries(
    client, public_site, path, expected
):
    if isinstance(expected, dict):
        expected = expected[connection.vendor]
    assert queries_for(client, path, cold=True) == expected


def _counts_at_10_and_200(
    client, add_more, paths: list[str], cold: bool = False
) -> tuple[list[int], list[int]]:
    small = [queries_for(client, path, cold) for path in paths]
    add_more()
    large = [queries_for(client, path, cold) for path in paths]
    return small, large


EVENT_LISTINGS = [
    "/events/",
    "/events/?page=2",
    "/events/?when=past",
    "/events/feed.ics",
    "/events/roadshow-1/",
    "/search/?q=roadshow",
    "/",
]


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "after a publish"])
def test_event_listings_run_the_same_queries_for_10_and_200_events(client, site, wards, cold):
    index = EventIndexPageFactory(parent=site.root_page.specific)
    add_events(index, wards, 10)
    small, large = _counts_at_10_and_200(
        client, lambda: add_events(index, wards, 190, start=10), EVENT_LISTINGS, cold
    )
    assert large == small


ADVICE_LISTINGS = [
    "/advice/",
    "/advice/?page=2",
    "/advice/?topic=burglary",
    "/advice/advice-1/",
    "/search/?q=advice",
]


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "after a publish"])
def test_advice_listings_run_the_same_queries_for_10_and_200_pages(client, site, wards, cold):
    index = AdviceIndexPageFactory(parent=site.root_page.specific)
    add_advice(index, wards, 10)
    small, large = _counts_at_10_and_200(
        client, lambda: add_advice(index, wards, 190, start=10), ADVICE_LISTINGS, cold
    )
    assert large == small


NEWS_LISTINGS = [
    "/news/",
    "/news/?page=2",
    "/news/feed/",
    "/news/feed/atom/",
    "/news/news-1/",
    "/search/?q=news",
]


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "after a publish"])
def test_news_listings_run_the_same_queries_for_10_and_200_items(client, site, cold):
    index = NewsIndexPageFactory(parent=site.root_page.specific)
    add_news(index, 10)
    small, large = _counts_at_10_and_200(
        client, lambda: add_news(index, 190, start=10), NEWS_LISTINGS, cold
    )
    assert large == small


def test_a_view_restriction_added_after_a_page_was_served_applies_at_once(client, site):
    from wagtail.models import PageViewRestriction

    home = site.root_page
    assert client.get("/").status_code == 200
    PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password="not-public-1"
    )
    response = client.get("/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_new_site_root_applies_at_once(client, site):
    from communitysafety.home.models import InformationPage

    assert client.get("/").context["page"].specific_class.__name__ == "HomePage"
    other = site.root_page.add_child(
        instance=InformationPage(title="Holding page", slug="holding", body=[])
    )
    site.root_page = other
    site.save()
    assert client.get("/").context["page"].title == "Holding page"


def test_the_unsafe_places_map_runs_the_same_queries_for_10_and_200_reports(client, site, wards):
    def add_reports(count: int) -> None:
        for n in range(count):
            UnsafePlaceReportFactory(
                ward=wards[n % len(wards)],
                latitude="51.5768",
                longitude="0.1837",
                location_source="map",
                public_note="Lights repaired" if n % 3 == 0 else "",
            )

    add_reports(10)
    small, large = _counts_at_10_and_200(
        client, lambda: add_reports(190), ["/unsafe-places/", "/unsafe-places/?reason=badly_lit"]
    )
    assert large == small
