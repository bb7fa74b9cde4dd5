from collections.abc import Callable

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerceptionsConfig(AppConfig):
    """Analysis: weighting, estimates, change, benchmarks, fear gap and recorded crime."""

    name = "perceptions"
    verbose_name = _("Perceptions analysis")
    role_permissions: dict[str, list[str]] = {
        "Analysts": [
            "view_surveyresults",
            "view_release",
            "add_release",
            "change_release",
            "view_pasboroughfigure",
            "view_paslondonfigure",
            # Upload the PAS series in the admin (communitysafety.common.uploads).
            "add_pasboroughfigure",
        ],
    }
    # Recorded crime (issue 10): Analysts read the imported figures in the admin.
    role_permissions.setdefault("Analysts", []).extend(
        ["view_crimecount", "view_crimeimport", "view_boroughpopulation"]
    )

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data` (the command's hook, in app order)."""
        from perceptions.demo import load

        load(out)

    def upload_kinds(self) -> list:
        """The PAS series (analysts) and crime files (administrators) uploaded in the admin."""
        from perceptions.crime.upload import crime_upload_kind
        from perceptions.results.upload import pas_upload_kind

        return [pas_upload_kind(), crime_upload_kind()]

    def periodic_jobs(self) -> list:
        """Hourly catch-all: recompute results whose responses changed since."""
        from datetime import timedelta

        from communitysafety.common.scheduler.jobs import PeriodicJob
        from perceptions.results.tasks import refresh_stale_results

        return [PeriodicJob("stale-results", refresh_stale_results, timedelta(hours=1))]

    def ready(self) -> None:
        from perceptions import signals  # noqa: F401  (receivers)
        from perceptions.crime import cache  # noqa: F401  (registers the crime generation)
