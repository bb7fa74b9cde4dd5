"""The unsafe-place demo data: realistic, varied, deterministic and idempotent."""

from collections import Counter

import pytest

from surveys.models import UnsafePlaceReport
from surveys.unsafe_places import demo as demo_unsafe_places


@pytest.mark.django_db
def test_the_demo_has_hundreds_of_reports_in_every_status_weighted_to_town_centres(site, wards):
    demo_unsafe_places.load(lambda message: None)
    first = list(
        UnsafePlaceReport.objects.order_by("reference").values_list("reference", flat=True)
    )
    demo_unsafe_places.load(lambda message: None)

    assert UnsafePlaceReport.objects.count() == demo_unsafe_places.REPORTS == len(first)
    statuses = Counter(UnsafePlaceReport.objects.values_list("status", flat=True))
    assert set(statuses) == {
        "new",
        "under_review",
        "referred",
        "action_planned",
        "fixed",
        "closed_not_fixed",
        "rejected",
    }
    by_ward = Counter(UnsafePlaceReport.objects.values_list("ward__name", flat=True))
    assert by_ward.most_common(1)[0][0] == "St Edward's"  # Romford town centre
    assert len(by_ward) >= 15
    assert UnsafePlaceReport.objects.exclude(public_note="").count() > 20
    assert (
        UnsafePlaceReport.objects.filter(status="referred", referred_to__isnull=True).count() == 0
    )


@pytest.mark.django_db
def test_the_demo_is_deterministic(site, wards):
    demo_unsafe_places.load(lambda message: None)
    first = sorted(UnsafePlaceReport.objects.values_list("reference", "ward__code", "status"))
    UnsafePlaceReport.objects.all().delete()
    demo_unsafe_places.load(lambda message: None)
    second = sorted(UnsafePlaceReport.objects.values_list("reference", "ward__code", "status"))
    assert first == second
