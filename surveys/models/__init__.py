"""Survey models: surveys, waves, responses and their typed answers."""

from .responses import Answer, SurveyResponse
from .waves import Survey, Wave

__all__ = ["Answer", "Survey", "SurveyResponse", "Wave"]
