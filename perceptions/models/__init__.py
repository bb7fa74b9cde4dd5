"""Models of the perceptions app, one module per concern, re-exported here: stored
results, releases and the PAS benchmark series; recorded crime (issue 10)."""

from .crime import AreaKind, BoroughPopulation, CrimeCount, CrimeImport
from .pas import PasBoroughFigure, PasLondonFigure
from .results import Release, SurveyResults

__all__ = [
    "AreaKind",
    "BoroughPopulation",
    "CrimeCount",
    "CrimeImport",
    "PasBoroughFigure",
    "PasLondonFigure",
    "Release",
    "SurveyResults",
]
