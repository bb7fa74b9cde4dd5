"""Recompute stored results when a wave changes (closing it, correcting its dates).

Response imports bulk-create rows without signals: the importer (or an analyst with
``perceptions_compute``) calls :func:`perceptions.generation.schedule` after storing.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.models import Wave


@receiver(post_save, sender=Wave, dispatch_uid="perceptions_wave_saved")
@receiver(post_delete, sender=Wave, dispatch_uid="perceptions_wave_deleted")
def wave_changed(sender, instance: Wave, **kwargs) -> None:
    from perceptions.generation import schedule

    schedule(instance.survey_id)
