"""Factories for comms content pages (wagtail-factories) and the site banner."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from comms.models import (
    AdviceIndexPage,
    AdvicePage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    SiteBanner,
)


class AdviceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AdviceIndexPage

    title = "Crime prevention advice"
    slug = "advice"
    intro = "Practical advice from the police, council and partners."


class AdvicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AdvicePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Advice {n}")
    slug = factory.Sequence(lambda n: f"advice-{n}")
    summary = "What to do and who to tell."
    steps = factory.LazyFunction(
        lambda: [
            (
                "steps",
                {
                    "heading": "What you can do",
                    "steps": [
                        {"title": "Lock doors and windows", "detail": "<p>Every time.</p>"},
                        {"title": "Mark your valuables", "detail": ""},
                    ],
                },
            )
        ]
    )
    last_reviewed = factory.LazyFunction(timezone.localdate)
    review_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics = list(extracted)

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if extracted:
            self.priorities = list(extracted)

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if extracted:
            self.wards = list(extracted)

    @factory.post_generation
    def related_advice(self, create, extracted, **kwargs):
        if extracted:
            self.related_advice = list(extracted)
        if create:
            self.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events and roadshows"
    slug = "events"


def _next_saturday_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Roadshow {n}")
    slug = factory.Sequence(lambda n: f"roadshow-{n}")
    summary = "Meet your Safer Neighbourhood Team."
    start = factory.LazyFunction(lambda: _next_saturday_at(10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    venue_name = "Romford Market Place"
    address = "Market Place, Romford RM1 3AB"
    accessibility = "Step-free access."

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if extracted:
            self.partners = list(extracted)
        if create:
            self.save()


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "An update from the partnership."
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Roadshows return.</p>")])


class SiteBannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteBanner

    title = "Courier fraud calls this week"
    message = "The police will never ask for your bank card. Hang up."
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
