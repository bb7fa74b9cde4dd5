"""Demo data for comms content: advice for every topic and priority, a roadshow in each of
the 20 wards (past and future, one cancelled, one rescheduled, one across a clock change),
news, and a site banner. Idempotent: pages are found by slug before being made."""

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

import comms.alerts.demo
import comms.plan.demo
import comms.plan.trial_demo
from comms.content.demo import ADVICE, DST_EVENT, EVENTS, NEWS
from comms.content.workflow import APPROVERS, ensure_review_workflow
from comms.models import (
    AdviceIndexPage,
    AdvicePage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    SiteBanner,
)
from communitysafety.home.models import HomePage
from communitysafety.vocabularies.models import PartnerKind, PartnerOrganisation, Topic
from communitysafety.wards.models import Ward

LONDON = ZoneInfo("Europe/London")
APPROVER = ("approver", "demo-approver-pass-1")
PARTNER_SLUGS = ["met-police-east-area", "havering-council-community-safety"]
ACCESSIBILITY = (
    "Step-free access. Accessible toilet on site. Hearing loop at the information desk. "
    "Assistance dogs welcome. Ask us about anything else you need."
)


def next_clock_change(after: datetime.datetime) -> datetime.datetime:
    """The first hour (UTC) after `after` at which London's UTC offset changes."""
    moment = after.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    offset = moment.astimezone(LONDON).utcoffset()
    for _hour in range(24 * 400):
        moment += datetime.timedelta(hours=1)
        if moment.astimezone(LONDON).utcoffset() != offset:
            return moment
    raise RuntimeError("No clock change within 400 days")  # pragma: no cover


def _publish(parent: Page, page: Page) -> Page:
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index_pages(home: HomePage) -> tuple[AdviceIndexPage, EventIndexPage, NewsIndexPage]:
    advice = _publish(
        home,
        AdviceIndexPage(
            title="Crime prevention advice",
            slug="advice",
            intro="Practical advice from the police, council and partners. Choose a topic, "
            "one of the partnership's priorities or your ward.",
        ),
    )
    events = _publish(
        home,
        EventIndexPage(
            title="Events and roadshows",
            slug="events",
            intro="Meet your Safer Neighbourhood Team and partners at roadshows and community "
            "events across Havering's 20 wards.",
        ),
    )
    news = _publish(
        home,
        NewsIndexPage(
            title="News",
            slug="news",
            intro="Updates from the Havering Community Safety Partnership.",
        ),
    )
    return advice, events, news


def _steps_value(steps: list[tuple[str, str]]) -> list:
    return [
        (
            "steps",
            {
                "heading": "What you can do",
                "steps": [
                    {"title": title, "detail": f"<p>{detail}</p>" if detail else ""}
                    for title, detail in steps
                ],
            },
        )
    ]


def _advice(index: AdviceIndexPage) -> list[AdvicePage]:
    today = timezone.localdate()
    pages = []
    for number, (slug, title, summary, topic_slugs, steps, callout, notes) in enumerate(ADVICE):
        topics = list(Topic.objects.filter(slug__in=topic_slugs))
        priorities = {p for topic in topics for p in topic.priorities.all()}
        body = [("report_it", {"heading": "Report it", "text": "", "crimestoppers": True})]
        if callout:
            body.insert(0, ("callout", {"heading": callout[0], "text": f"<p>{callout[1]}</p>"}))
        # Two pages are past their review date, so the admin report has something to show.
        reviewed = today - datetime.timedelta(days=400 if number in (2, 7) else 30 + number * 9)
        page = AdvicePage(
            title=title,
            slug=slug,
            summary=summary,
            steps=_steps_value(steps),
            body=body,
            report_notes=notes,
            last_reviewed=reviewed,
            review_due=reviewed + datetime.timedelta(days=365),
            search_description=summary[:155],
        )
        page.topics = topics
        page.priorities = list(priorities)
        page = _publish(index, page)
        pages.append(page)
    by_slug = {p.slug: p for p in pages}
    related = {
        "protect-your-home-from-burglary": ["stop-vehicle-crime", "shop-and-business-crime"],
        "spot-and-stop-scams": ["online-safety-for-families"],
        "help-for-women-and-girls": ["domestic-abuse-support", "feel-safer-when-out-and-about"],
        "knife-crime-what-parents-can-do": ["keep-young-people-safe-from-exploitation"],
        "drugs-and-county-lines": ["keep-young-people-safe-from-exploitation"],
    }
    for slug, others in related.items():
        page = by_slug[slug]
        if not page.related_advice.exists():
            page.related_advice.set([by_slug[o] for o in others])
            page.save_revision().publish()
    return pages


def _at(weeks: int, hour: int) -> datetime.datetime:
    """A Saturday `weeks` from now at `hour` London time (weekday events: Saturdays suit most)."""
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    day += datetime.timedelta(days=(5 - day.weekday()) % 7)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def _events(index: EventIndexPage) -> int:
    wards = {w.name: w for w in Ward.objects.all()}
    partners = list(PartnerOrganisation.objects.filter(slug__in=PARTNER_SLUGS))
    made = 0
    for (
        slug,
        title,
        ward_name,
        venue,
        address,
        weeks,
        hour,
        hours,
        status,
        note,
        summary,
        outcome,
    ) in EVENTS:
        start = _at(weeks, hour)
        ward = wards.get(ward_name)
        page = EventPage(
            title=title,
            slug=slug,
            summary=summary,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            status=status,
            status_note=note,
            is_online=not venue,
            online_url="" if venue else "https://meet.example.org/havering-ward-team",
            venue_name=venue,
            address=address,
            ward=ward,
            accessibility=ACCESSIBILITY if venue else "Live captions are available.",
            booking_url="" if weeks < 0 or not venue else "https://www.example.org/book/" + slug,
            outcome=outcome,
        )
        ward_team = list(
            PartnerOrganisation.objects.filter(ward=ward, kind=PartnerKind.POLICE_WARD_TEAM)
        )
        page.partners = partners + ward_team
        if not EventPage.objects.filter(slug=slug).exists():
            made += 1
        _publish(index, page)
    slug, title, ward_name, venue, address, summary = DST_EVENT
    change = next_clock_change(timezone.now())
    page = EventPage(
        title=title,
        slug=slug,
        summary=summary,
        # Two hours before the change to two hours after it (real time).
        start=change - datetime.timedelta(hours=2),
        end=change + datetime.timedelta(hours=2),
        venue_name=venue,
        address=address,
        ward=wards.get(ward_name),
        accessibility="A walk of about two miles on pavements, with rests. Not step-free.",
    )
    page.partners = partners
    _publish(index, page)
    return made


def _news(index: NewsIndexPage) -> None:
    today = timezone.localdate()
    for slug, title, summary, days in NEWS:
        _publish(
            index,
            NewsPage(
                title=title,
                slug=slug,
                date=today + datetime.timedelta(days=days),
                summary=summary,
                body=[("paragraph", f"<p>{summary}</p>")],
            ),
        )


def _banner() -> None:
    SiteBanner.objects.get_or_create(
        title="Courier fraud calls this week",
        defaults={
            "message": "Criminals are phoning residents pretending to be police officers and "
            "asking them to hand over cards or cash. The police will never do this: hang up.",
            "link_url": "/advice/spot-and-stop-scams/",
            "link_text": "How to spot scams",
            "expires_at": timezone.now() + datetime.timedelta(days=14),
        },
    )


def _approver() -> None:
    user, created = get_user_model().objects.get_or_create(
        username=APPROVER[0], defaults={"email": "approver@example.org", "is_staff": True}
    )
    if created:
        user.set_password(APPROVER[1])
        user.save()
    user.groups.add(Group.objects.get(name=APPROVERS))


def load(out: Callable[[str], None]) -> None:
    home = HomePage.objects.first()
    if home is None:
        out("Comms: no home page; run the home demo first.")
        return
    advice_index, event_index, news_index = _index_pages(home)
    advice = _advice(advice_index)
    made = _events(event_index)
    _news(news_index)
    _banner()
    ensure_review_workflow()
    _approver()
    out(
        f"Comms: {len(advice)} advice pages, {made} new events, {len(NEWS)} news items, "
        f"a site banner; approver log-in: {APPROVER[0]} / {APPROVER[1]}."
    )
    comms.alerts.demo.load(out)
    comms.plan.demo.load(out)
    comms.plan.trial_demo.load(out)
