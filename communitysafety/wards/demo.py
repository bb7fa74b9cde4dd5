"""Demo wards: the real Havering 2022 wards and their police ward teams."""

from collections.abc import Callable

from django.conf import settings
from django.utils.text import slugify

from communitysafety.vocabularies.models import PartnerKind, PartnerOrganisation
from communitysafety.wards.loading import DEFAULT_BOUNDARIES, DEFAULT_CENSUS, load_wards
from communitysafety.wards.models import Ward


def load(out: Callable[[str], None]) -> None:
    created, updated = load_wards(
        DEFAULT_BOUNDARIES,
        DEFAULT_CENSUS,
        borough_code=settings.BOROUGH_CODE,
        borough_name=settings.BOROUGH_NAME,
    )
    for ward in Ward.objects.all():
        PartnerOrganisation.objects.get_or_create(
            slug=f"police-ward-team-{slugify(ward.name)}",
            defaults={
                "name": f"{ward.name} Safer Neighbourhood Team",
                "kind": PartnerKind.POLICE_WARD_TEAM,
                "ward": ward,
            },
        )
    out(f"Wards: {created} created, {updated} already there; ward police teams ready.")
