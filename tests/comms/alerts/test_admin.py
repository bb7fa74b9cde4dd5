"""The alert admin: create, review (audience, previews, figures), approval through the UI."""

import pytest
from django.urls import reverse

from comms.models import Alert, AlertStatus
from tests.comms.alert_factories import (
    AlertFactory,
    DeliveryFactory,
    SubscriberFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_editor_creates_an_alert_and_becomes_its_author(client):
    editor = UserFactory(username="ed", groups=["Editors"])
    topic = TopicFactory()
    client.force_login(editor)
    response = client.post(
        reverse("comms_alert:add"),
        {
            "title": "Car key burglaries",
            "body": "<p>Keep keys away from the door.</p>",
            "kind": "topic",
            "topics": [topic.pk],
            "whole_borough": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get()
    assert alert.author == editor and alert.status == AlertStatus.DRAFT


def test_review_shows_audience_previews_and_figures(client):
    topic = TopicFactory()
    SubscriberFactory.create_batch(3, topics=[topic])
    alert = AlertFactory(topics=[topic], title="Shed break-ins")
    DeliveryFactory(alert=alert, status="bounced")
    client.force_login(UserFactory(username="ed2", groups=["Editors"]))
    html = client.get(reverse("comms_alert:review", args=[alert.pk])).content.decode()
    assert "will reach 3 subscribers" in html
    assert "Plain-text part" in html and "Lock your shed." in html
    assert "Text message preview" in html and "Reply STOP" in html
    assert "<td>1</td>" in html  # one bounced


def test_approving_your_own_alert_in_the_admin_is_refused(client):
    editor = UserFactory(username="ed3", groups=["Editors"])
    alert = AlertFactory(author=editor)
    client.force_login(editor)
    url = reverse("comms_alert:review", args=[alert.pk])
    client.post(url, {"action": "submit"})
    response = client.post(url, {"action": "approve"}, follow=True)
    assert "other than the author" in response.content.decode()
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.AWAITING_APPROVAL


def test_editing_a_submitted_alert_sends_it_back_to_draft(client):
    editor = UserFactory(username="ed4", groups=["Editors"])
    alert = AlertFactory(author=editor, status=AlertStatus.AWAITING_APPROVAL)
    client.force_login(editor)
    client.post(
        reverse("comms_alert:edit", args=[alert.pk]),
        {"title": "Changed", "body": "<p>x</p>", "kind": "topic", "whole_borough": "on"},
    )
    alert.refresh_from_db()
    assert alert.title == "Changed" and alert.status == AlertStatus.DRAFT


def test_alert_index_lists_alerts(client):
    AlertFactory(title="Listed alert")
    client.force_login(UserFactory(username="ed5", groups=["Editors"]))
    assert "Listed alert" in client.get(reverse("comms_alert:index")).content.decode()
