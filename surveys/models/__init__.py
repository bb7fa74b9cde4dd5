"""Survey models: surveys, waves, responses and their typed answers."""

from .responses import Answer, SurveyResponse
from .waves import Survey, Wave

__all__ = ["Answer", "Survey", "SurveyResponse", "Wave"]

# Unsafe-place reports (issue 6).
from .unsafe_places import (  # noqa: E402
    DigestSent,
    DuplicateGroup,
    UnsafePlaceReason,
    UnsafePlaceReport,
    WardFollow,
)

__all__ += ["DigestSent", "DuplicateGroup", "UnsafePlaceReason", "UnsafePlaceReport", "WardFollow"]
