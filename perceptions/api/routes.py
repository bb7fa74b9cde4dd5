"""Registers this app's viewsets on the one API router (communitysafety/api.py)."""

from rest_framework.routers import BaseRouter

from perceptions.crime.api import register_crime  # recorded crime (issue 10)


def register(router: BaseRouter) -> None:
    """Public read-only results (estimates, changes, benchmarks, fear gap) and crime tables."""
    from perceptions.results.api import (
        BenchmarkViewSet,
        ChangeViewSet,
        EstimateViewSet,
        FearGapViewSet,
    )

    router.register("results/estimates", EstimateViewSet, basename="results-estimate")
    router.register("results/changes", ChangeViewSet, basename="results-change")
    router.register("results/benchmarks", BenchmarkViewSet, basename="results-benchmark")
    router.register("results/fear-gap", FearGapViewSet, basename="results-fear-gap")
    register_crime(router)  # recorded crime (issue 10): /api/v1/crime/...
