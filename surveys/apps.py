from collections.abc import Callable

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from surveys.unsafe_places.roles import UNSAFE_PLACE_ROLE_PERMISSIONS


class SurveysConfig(AppConfig):
    """What residents submit: the annual survey and unsafe-place reports."""

    name = "surveys"
    verbose_name = _("Surveys and reports")
    # Analysts read responses and the bank; editors build the bank and waves;
    # moderators and safeguarding leads work unsafe-place reports (unsafe_roles.py).
    role_permissions: dict[str, list[str]] = {
        **UNSAFE_PLACE_ROLE_PERMISSIONS,
        "Analysts": [
            "view_survey",
            "view_wave",
            "view_section",
            "view_question",
            "view_surveyresponse",
            "view_answer",
            "add_surveyresponse",  # assisted entry of paper and street responses
            "view_pulseresponse",
        ],
        "Editors": [
            "view_survey",
            "add_wave",
            "change_wave",
            "view_wave",
            "add_section",
            "change_section",
            "view_section",
            "add_question",
            "change_question",
            "view_question",
        ],
    }

    def load_demo(self, out: Callable[[str], None]) -> None:
        """Demo data for `manage.py load_demo_data`: the annual survey, then reports."""
        import surveys.annual.demo
        import surveys.unsafe_places.demo

        surveys.annual.demo.load(out)
        surveys.unsafe_places.demo.load(out)

    def retention_purges(self) -> dict:
        """Personal data this app keeps for a while (communitysafety.common.retention's hook)."""
        from surveys.annual.retention import purge_partial_responses
        from surveys.unsafe_places.moderation import purge_expired_descriptions

        return {
            "partial survey responses": purge_partial_responses,
            "unsafe-place descriptions of closed cases": purge_expired_descriptions,
        }

    def upload_kinds(self) -> list:
        """Survey responses uploaded in the admin (communitysafety.common.uploads' hook)."""
        from surveys.annual.upload import survey_upload_kind

        return [survey_upload_kind()]

    def periodic_jobs(self) -> list:
        """Yesterday's unsafe-place digest for moderators, daily at 07:00 UTC."""
        from datetime import timedelta

        from communitysafety.common.scheduler.jobs import PeriodicJob
        from surveys.unsafe_places.tasks import send_unsafe_place_digests

        return [
            PeriodicJob(
                "unsafe-place-digests",
                send_unsafe_place_digests,
                timedelta(days=1),
                timedelta(hours=7),
            )
        ]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from surveys.annual import rules_cache
        from surveys.models import Question, Section, Wave
        from surveys.unsafe_places import cache as unsafe_places_cache

        unsafe_places_cache.connect()

        for model in (Section, Question):
            post_save.connect(rules_cache.bump, sender=model, dispatch_uid=f"rules-{model}")
            post_delete.connect(rules_cache.bump, sender=model, dispatch_uid=f"rules-{model}-del")
        post_save.connect(rules_cache.forget, sender=Wave, dispatch_uid="rules-wave")
