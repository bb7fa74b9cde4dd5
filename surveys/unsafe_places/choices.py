"""The report's choices, shared by the form and the API as `FrozenChoices`: built once
per process, not copied for every form or serializer instance."""

from communitysafety.common.choices import FrozenChoices
from communitysafety.wards.enums import AgeBand
from surveys.enums import Sex
from surveys.unsafe_places.enums import (
    BehaviouralReason,
    EnvironmentalReason,
    IdentityRelated,
    Reason,
    ReportStatus,
    TimeOfDay,
)

ENVIRONMENTAL = FrozenChoices(EnvironmentalReason.choices)
BEHAVIOURAL = FrozenChoices(BehaviouralReason.choices)
REASONS = FrozenChoices(Reason.choices)
TIMES_OF_DAY = FrozenChoices(TimeOfDay.choices)
AGE_BANDS = FrozenChoices(AgeBand.choices)
SEXES = FrozenChoices(Sex.choices)
IDENTITY_RELATED = FrozenChoices(IdentityRelated.choices)
REPORT_STATUSES = FrozenChoices(ReportStatus.choices)
