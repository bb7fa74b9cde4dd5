"""Models of the perceptions app, one module per concern, re-exported here: stored
results, releases and the PAS benchmark series; recorded crime (issue 10)."""

from perceptions.models.crime import AreaKind, BoroughPopulation, CrimeCount, CrimeImport
from perceptions.models.pas import PasBoroughFigure, PasLondonFigure
from perceptions.models.results import Release, SurveyResults

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
