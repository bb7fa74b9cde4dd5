"""Factories for subscribers, alerts, deliveries and communications plans."""

import factory
from django.utils import timezone

from comms.models import Alert, AlertStatus, CommunicationsPlan, Delivery, PlanItem, Subscriber
from tests.communitysafety.factories import (  # noqa: F401 - re-exported for tests
    PartnerFactory,
    TopicFactory,
    UserFactory,
    WardFactory,
)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; pass confirmed_at=None for one who has not confirmed."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    consent_wording = "2026-11"
    confirmed_at = factory.LazyFunction(timezone.now)
    mobile = ""
    mobile_consented_at = factory.LazyAttribute(lambda o: timezone.now() if o.mobile else None)

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create and extracted:
            self.wards.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Alert {n}")
    body = "<p>Lock your <strong>shed</strong>.</p>"
    whole_borough = True
    author = factory.SubFactory(UserFactory)
    status = AlertStatus.DRAFT

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create and extracted:
            self.wards.set(extracted)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    alert = factory.SubFactory(AlertFactory)
    subscriber = factory.SubFactory(SubscriberFactory)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationsPlan
        django_get_or_create = ("year",)

    year = 2026


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    objective = factory.Sequence(lambda n: f"Objective {n}")
    channel = "roadshow"
    measure = "informed_local"
