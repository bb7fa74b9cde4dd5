"""Models of the perceptions app, one module per concern, re-exported here."""

from .crime import AreaKind, BoroughPopulation, CrimeCount, CrimeImport

__all__ = ["AreaKind", "BoroughPopulation", "CrimeCount", "CrimeImport"]
