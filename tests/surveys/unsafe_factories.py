"""Factories for unsafe-place reports (real rows, real wards)."""

import factory
from django.contrib.auth.models import Group

from communitysafety.home.roles import MODERATORS
from communitysafety.wards.models import Ward
from surveys.models import DuplicateGroup, UnsafePlaceReason, UnsafePlaceReport
from surveys.unsafe_places.enums import SAFEGUARDING_GROUP, LocationSource, TimeOfDay
from tests.communitysafety.factories import PartnerFactory, UserFactory  # noqa: F401 - re-exported

# South Street, Romford (St Edward's ward) and Upminster station (Cranham ward).
ROMFORD = (51.5768, 0.1837)
UPMINSTER = (51.5590, 0.2510)


class UnsafePlaceReportFactory(factory.django.DjangoModelFactory):
    """A report placed by words in the first ward unless a ward or point is given."""

    class Meta:
        model = UnsafePlaceReport
        skip_postgeneration_save = True

    ward = factory.LazyFunction(lambda: Ward.objects.order_by("code").first())
    place = "Alley behind the station"
    location_source = LocationSource.WORDS
    time_of_day = TimeOfDay.AFTER_DARK
    description = "The lights are out along the path."

    @factory.post_generation
    def reasons(self, create, extracted, **kwargs):
        if create:
            for code in extracted if extracted is not None else ["badly_lit"]:
                UnsafePlaceReason.objects.create(report=self, code=code)


class DuplicateGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuplicateGroup

    label = "Station underpass"


def moderator(**kwargs):
    return UserFactory(groups=[MODERATORS], **kwargs)


def safeguarding_lead(**kwargs):
    Group.objects.get_or_create(name=SAFEGUARDING_GROUP)
    return UserFactory(groups=[MODERATORS, SAFEGUARDING_GROUP], **kwargs)
