"""The roadshow planner: shortfalls from the survey, each a link to an event draft in its ward."""

import pytest
from django.urls import reverse

from comms.models import EventPage
from tests.communitysafety.factories import UserFactory
from tests.perceptions.coverage_factories import coverage_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(wards, site):
    return coverage_survey([w.code for w in wards], [wards[2].code, wards[7].code])


def test_planner_links_each_shortfall_to_an_event_draft_in_its_ward(
    client, survey, event_index, editor, wards
):
    client.force_login(editor)
    response = client.get(reverse("comms_roadshow_planner"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0]["shortfall"].ward_code in {wards[2].code, wards[7].code}
    add = reverse("wagtailadmin_pages:add", args=("comms", "eventpage", event_index.pk))
    assert rows[0]["draft_url"] == f"{add}?ward={rows[0]['shortfall'].ward_code}"
    assert "Create an event draft in" in response.content.decode()


def test_the_event_create_view_prefills_the_ward_from_the_query(client, event_index, editor, wards):
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=("comms", "eventpage", event_index.pk))
    response = client.get(add, {"ward": wards[3].code})
    assert response.status_code == 200
    assert response.context["form"].initial["ward"] == wards[3].pk
    assert client.get(add).context["form"].initial.get("ward") is None


def test_the_create_view_still_saves_an_event_draft(client, event_index, editor, wards):
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=("comms", "eventpage", event_index.pk))
    response = client.post(
        f"{add}?ward={wards[3].code}",
        {
            "title": "Roadshow for young people",
            "slug": "roadshow-young",
            "summary": "Tell us how safe you feel.",
            "start": "2030-05-04 10:00",
            "end": "2030-05-04 12:00",
            "status": "scheduled",
            "ward": wards[3].pk,
            "body-count": "0",
            "tags": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="roadshow-young")
    assert event.ward == wards[3] and not event.live


def test_planner_is_for_planners_and_analysts_only(client, survey, event_index):
    client.force_login(UserFactory(groups=["Moderators"]))
    assert client.get(reverse("comms_roadshow_planner")).status_code in (302, 403)
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get(reverse("comms_roadshow_planner"))
    assert response.status_code == 200
    assert all(row["draft_url"] is None for row in response.context["rows"])
