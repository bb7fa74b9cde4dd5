"""Factories for the site-wide pieces: users in roles, wards, the site shell."""

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from communitysafety.home import demo as home_demo
from communitysafety.vocabularies.models import PartnerOrganisation, Topic
from communitysafety.wards.loading import DEFAULT_BOUNDARIES, DEFAULT_CENSUS, load_wards
from communitysafety.wards.lookup import reset_index
from communitysafety.wards.models import Ward, WardPopulation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password-1")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-topic-{n}")
    name = factory.Sequence(lambda n: f"Test topic {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = "council_service"


class WardFactory(factory.django.DjangoModelFactory):
    """A small square ward around (lat, lng) = (51.5 + n/100, 0.2)."""

    class Meta:
        model = Ward

    code = factory.Sequence(lambda n: f"E0599{n:04d}")
    name = factory.Sequence(lambda n: f"Test ward {n}")
    borough_code = settings.BOROUGH_CODE
    borough_name = settings.BOROUGH_NAME
    boundary = factory.Sequence(
        lambda n: {
            "type": "Polygon",
            "coordinates": [
                [
                    [0.2, 51.5 + n / 100],
                    [0.21, 51.5 + n / 100],
                    [0.21, 51.5 + n / 100 + 0.009],
                    [0.2, 51.5 + n / 100 + 0.009],
                    [0.2, 51.5 + n / 100],
                ]
            ],
        }
    )


class WardPopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WardPopulation

    ward = factory.SubFactory(WardFactory)
    age_group = "16-24"
    residents = 1000


def load_real_wards() -> list[Ward]:
    load_wards(
        DEFAULT_BOUNDARIES,
        DEFAULT_CENSUS,
        borough_code=settings.BOROUGH_CODE,
        borough_name=settings.BOROUGH_NAME,
    )
    reset_index()
    return list(Ward.objects.all())


def build_site():
    """The home page, footer pages and demo users (what load_demo_data makes for the shell)."""
    home_demo.load(lambda message: None)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
