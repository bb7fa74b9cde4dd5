"""Who an alert reaches, and the two-person approval rule."""

import pytest
from django.core import mail

from comms.alerts.approval import ApprovalError, approve, return_to_draft, submit
from comms.models import Alert, AlertKind, AlertStatus
from tests.comms.alert_factories import (
    AlertFactory,
    SubscriberFactory,
    TopicFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


def test_audience_is_topic_and_ward_matched_confirmed_subscribers():
    burglary, fraud = TopicFactory(), TopicFactory()
    north, south = WardFactory(), WardFactory()
    in_north = SubscriberFactory(topics=[burglary], wards=[north])
    whole_borough = SubscriberFactory(topics=[burglary])
    SubscriberFactory(topics=[burglary], wards=[south])  # other ward
    SubscriberFactory(topics=[fraud], wards=[north])  # other topic
    SubscriberFactory(topics=[burglary], wards=[north], confirmed_at=None)  # unconfirmed
    alert = AlertFactory(topics=[burglary], wards=[north], whole_borough=False)
    assert set(alert.audience()) == {in_north, whole_borough}


def test_whole_borough_alert_reaches_every_ward():
    topic = TopicFactory()
    people = [SubscriberFactory(topics=[topic], wards=[WardFactory()]) for _ in range(3)]
    alert = AlertFactory(topics=[topic], whole_borough=True)
    assert set(alert.audience()) == set(people)


def test_event_and_survey_result_alerts_reach_those_who_asked():
    events = SubscriberFactory(wants_events=True)
    results = SubscriberFactory(wants_survey_results=True)
    assert list(AlertFactory(kind=AlertKind.EVENT).audience()) == [events]
    assert list(AlertFactory(kind=AlertKind.SURVEY_RESULTS).audience()) == [results]


def test_body_is_cleaned_to_the_allow_list():
    alert = AlertFactory(body='<p onclick="x()">Hi <script>bad()</script><img src=x></p>')
    assert "onclick" not in alert.body and "<script" not in alert.body and "<img" not in alert.body


def _editor(name):
    return UserFactory(username=name, groups=["Editors"])


def test_author_cannot_approve_own_alert():
    author = _editor("author")
    alert = AlertFactory(author=author)
    submit(alert, author)
    with pytest.raises(ApprovalError, match="other than the author"):
        approve(alert, author)
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.AWAITING_APPROVAL


def test_second_editor_approves_and_a_due_alert_is_sent(settings):
    topic = TopicFactory()
    SubscriberFactory(topics=[topic])
    author, approver = _editor("a1"), _editor("a2")
    alert = AlertFactory(author=author, topics=[topic])
    submit(alert, author)
    assert approve(alert, approver) is True
    alert.refresh_from_db()
    assert alert.status == AlertStatus.SENT and alert.approved_by == approver
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_scheduled_alert_waits_for_its_time():
    from datetime import timedelta

    from django.utils import timezone

    alert = AlertFactory(send_at=timezone.now() + timedelta(hours=2))
    submit(alert, alert.author)
    assert approve(alert, _editor("b2")) is False
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.APPROVED


def test_urgent_alerts_jump_the_approval_queue_but_still_need_approval():
    normal = AlertFactory()
    urgent = AlertFactory(urgent=True)
    submit(normal, normal.author)
    submit(urgent, urgent.author)
    assert list(Alert.objects.approval_queue()) == [urgent, normal]
    assert Alert.objects.get(pk=urgent.pk).status == AlertStatus.AWAITING_APPROVAL


def test_a_user_without_the_permission_cannot_approve():
    alert = AlertFactory()
    submit(alert, alert.author)
    with pytest.raises(ApprovalError, match="permission"):
        approve(alert, UserFactory(username="analyst", groups=["Analysts"]))


def test_return_to_draft_clears_approval():
    alert = AlertFactory(send_at=None)
    alert.status = AlertStatus.APPROVED
    alert.save()
    return_to_draft(alert, alert.author)
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.DRAFT


def test_a_title_cannot_carry_a_line_break_into_the_subject_header():
    alert = AlertFactory(title="Break-ins\r\nBcc: everyone@example.org")
    assert alert.title == "Break-ins Bcc: everyone@example.org"
