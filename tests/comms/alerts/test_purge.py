"""Unconfirmed sign-ups are deleted after the retention period."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comms.alerts.tasks import purge_unconfirmed
from comms.models import Subscriber
from tests.comms.alert_factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_old_unconfirmed_sign_ups(settings):
    settings.COMMS_UNCONFIRMED_RETENTION_DAYS = 7
    old = timezone.now() - timedelta(days=8)
    stale = SubscriberFactory(confirmed_at=None, created_at=old)
    recent = SubscriberFactory(confirmed_at=None)
    confirmed_long_ago = SubscriberFactory(created_at=old)
    assert purge_unconfirmed.call() == 1
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, confirmed_long_ago.pk}
    assert stale.pk not in remaining
