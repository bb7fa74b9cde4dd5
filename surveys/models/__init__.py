"""Survey models: surveys, waves, question banks, responses and their typed answers;
unsafe-place reports (issue 6)."""

from surveys.models.counts import AnswerCount, ResponseCount
from surveys.models.pages import SurveyPage
from surveys.models.pulse import PulseResponse, PulseSource
from surveys.models.questions import AnswerOption, Question, QuestionKind, Section
from surveys.models.responses import SurveyResponse
from surveys.models.unsafe_places import (
    DigestSent,
    DuplicateGroup,
    UnsafePlaceReason,
    UnsafePlaceReport,
    WardFollow,
)
from surveys.models.waves import Survey, Wave

__all__ = [
    "AnswerCount",
    "AnswerOption",
    "DigestSent",
    "DuplicateGroup",
    "PulseResponse",
    "PulseSource",
    "Question",
    "QuestionKind",
    "ResponseCount",
    "Section",
    "Survey",
    "SurveyPage",
    "SurveyResponse",
    "UnsafePlaceReason",
    "UnsafePlaceReport",
    "WardFollow",
    "Wave",
]
