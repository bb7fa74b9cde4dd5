"""Survey models: surveys, waves, question banks, responses and their typed answers;
unsafe-place reports (issue 6)."""

from .pages import SurveyPage
from .questions import AnswerOption, Question, QuestionKind, Section
from .responses import Answer, SurveyResponse
from .unsafe_places import (
    DigestSent,
    DuplicateGroup,
    UnsafePlaceReason,
    UnsafePlaceReport,
    WardFollow,
)
from .waves import Survey, Wave

__all__ = [
    "Answer",
    "AnswerOption",
    "DigestSent",
    "DuplicateGroup",
    "Question",
    "QuestionKind",
    "Section",
    "Survey",
    "SurveyPage",
    "SurveyResponse",
    "UnsafePlaceReason",
    "UnsafePlaceReport",
    "WardFollow",
    "Wave",
]
