"""Signals other apps listen to without surveys importing them (data flows one way).

A signal's arguments are part of its contract, so each one is sent only through the
typed function beside it: a receiver can rely on the keyword it is documented to get.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from surveys.models import Wave

#: Sent after an import of responses into ``wave`` commits. Receivers get ``wave`` (a
#: :class:`~surveys.models.Wave`). Bulk imports send no model signals, so this is how
#: analysis hears that a wave's responses changed.
responses_imported = Signal()


def announce_responses_imported(wave: Wave) -> None:
    """Tell receivers that ``wave`` has new responses (call once the import commits)."""
    responses_imported.send(sender=type(wave), wave=wave)
