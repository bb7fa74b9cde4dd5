"""Models of the perceptions app: stored results, releases and the PAS benchmark series."""

from .pas import PasBoroughFigure, PasLondonFigure
from .results import Release, SurveyResults

__all__ = ["PasBoroughFigure", "PasLondonFigure", "Release", "SurveyResults"]
