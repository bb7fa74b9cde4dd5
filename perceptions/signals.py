"""Recompute stored results when a wave changes: closing it, correcting its dates, or
importing responses into it; retire the pages' cached look-ups when what they show changes.

Response imports bulk-create rows without model signals, so the surveys app announces
each committed import through :data:`surveys.signals.responses_imported` (keyword
``wave``); ``perceptions_compute --stale`` remains the scheduled catch-all.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.models import Survey, Wave
from surveys.signals import responses_imported


@receiver(post_save, sender=Wave, dispatch_uid="perceptions_wave_saved")
@receiver(post_delete, sender=Wave, dispatch_uid="perceptions_wave_deleted")
def wave_changed(sender, instance: Wave, **kwargs) -> None:
    from perceptions.results.generation import schedule
    from perceptions.results.panels import bump_releases

    bump_releases()  # a release is shown by its wave's year
    schedule(instance.survey_id)


@receiver(responses_imported, dispatch_uid="perceptions_responses_imported")
def wave_responses_imported(sender, wave: Wave, **kwargs) -> None:
    from perceptions.results.generation import schedule

    schedule(wave.survey_id)


@receiver(post_save, sender="perceptions.Release", dispatch_uid="perceptions_release_saved")
def release_saved(sender, instance, **kwargs) -> None:
    """A sign-off stores its published changes from the stored report at once."""
    from perceptions.models import SurveyResults
    from perceptions.results.panels import bump_releases
    from perceptions.results.releases import store_release_changes

    bump_releases()
    results = SurveyResults.objects.filter(survey_id=instance.wave.survey_id).first()
    if results is not None and results.report:
        store_release_changes(results.survey_id, results.report)


@receiver(post_delete, sender="perceptions.Release", dispatch_uid="perceptions_release_deleted")
def release_deleted(sender, instance, **kwargs) -> None:
    """A withdrawn release leaves the public pages (their cached panels are retired)."""
    from perceptions.results.panels import bump_releases

    bump_releases()


@receiver(post_save, sender=Survey, dispatch_uid="perceptions_survey_saved")
@receiver(post_delete, sender=Survey, dispatch_uid="perceptions_survey_deleted")
@receiver(post_save, sender="perceptions.SurveyResults", dispatch_uid="perceptions_results_saved")
@receiver(
    post_delete, sender="perceptions.SurveyResults", dispatch_uid="perceptions_results_deleted"
)
def stored_results_changed(sender, **kwargs) -> None:
    """A survey renamed or removed, or results stored by hand: the results page looks again."""
    from perceptions.results.stored import bump

    bump()
