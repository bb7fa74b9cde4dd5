"""Who may work unsafe-place reports (merged into SurveysConfig.role_permissions).

Moderators and the safeguarding leads work reports in the admin; nobody else sees
raw reports (analysts use the public, suppressed aggregates).
"""

from communitysafety.home.roles import MODERATORS
from surveys.unsafe_places.enums import SAFEGUARDING_GROUP

_WORK_REPORTS = [
    "view_unsafeplacereport",
    "change_unsafeplacereport",
    "view_duplicategroup",
    "add_duplicategroup",
    "change_duplicategroup",
    "view_wardfollow",
    "add_wardfollow",
    "change_wardfollow",
    "delete_wardfollow",
]

UNSAFE_PLACE_ROLE_PERMISSIONS: dict[str, list[str]] = {
    MODERATORS: _WORK_REPORTS,
    SAFEGUARDING_GROUP: _WORK_REPORTS,
}
