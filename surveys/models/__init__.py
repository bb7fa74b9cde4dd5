"""Survey models: surveys, waves, question banks, responses and their typed answers."""

from .pages import BenchmarkFormField, BenchmarkFormPage, SurveyPage
from .questions import AnswerOption, Question, QuestionKind, Section
from .responses import Answer, SurveyResponse
from .waves import Survey, Wave

__all__ = [
    "Answer",
    "AnswerOption",
    "BenchmarkFormField",
    "BenchmarkFormPage",
    "Question",
    "QuestionKind",
    "Section",
    "Survey",
    "SurveyPage",
    "SurveyResponse",
    "Wave",
]
