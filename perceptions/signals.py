"""Recompute stored results when a wave changes (closing it, correcting its dates).

Response imports bulk-create rows without model signals: if the surveys app sends
``surveys.signals.responses_imported`` (with ``wave`` or ``survey_id``) we recompute after
it; otherwise ``perceptions_compute --stale`` (scheduled) catches changed response counts.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.models import Wave


@receiver(post_save, sender=Wave, dispatch_uid="perceptions_wave_saved")
@receiver(post_delete, sender=Wave, dispatch_uid="perceptions_wave_deleted")
def wave_changed(sender, instance: Wave, **kwargs) -> None:
    from perceptions.generation import schedule

    schedule(instance.survey_id)


def _connect_import_signal() -> None:
    """If the surveys app announces stored imports, recompute after each one."""
    try:
        from surveys import signals as survey_signals
    except ImportError:
        return
    signal = getattr(survey_signals, "responses_imported", None)
    if signal is None:
        return

    def responses_imported(sender, wave=None, survey_id=None, **kwargs) -> None:
        from perceptions.generation import schedule

        target = survey_id or (wave.survey_id if wave is not None else None)
        if target:
            schedule(target)

    signal.connect(responses_imported, dispatch_uid="perceptions_responses_imported", weak=False)


_connect_import_signal()
