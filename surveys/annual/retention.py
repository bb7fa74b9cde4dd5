"""Purging partial survey responses once the retention period has passed.

Unfinished answers are kept only so a resident can resume; after
`SURVEY_PARTIAL_RETENTION_DAYS` days without a save they are deleted
(the privacy notice promises this). Completed responses are never touched.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from surveys.models import SurveyResponse

DEFAULT_RETENTION_DAYS = 30


def retention_days() -> int:
    return int(getattr(settings, "SURVEY_PARTIAL_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def purge_partial_responses(today: datetime.date | None = None) -> int:
    """Delete partial responses (and their answers) last saved before the cut-off."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days())
    stale = SurveyResponse.objects.partial().filter(
        Q(saved_on__lt=cutoff) | Q(saved_on__isnull=True, created_on__lt=cutoff)
    )
    with transaction.atomic():
        deleted, by_model = stale.delete()
    return by_model.get(SurveyResponse._meta.label, 0)
