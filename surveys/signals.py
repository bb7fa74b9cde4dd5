"""Signals other apps listen to without surveys importing them (data flows one way)."""

from django.dispatch import Signal

# Sent after an import commits (kwargs: wave_id) so analysis caches can be refreshed.
responses_imported = Signal()
