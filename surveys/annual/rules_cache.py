"""The rules a wave's submissions are checked against, kept in memory per process.

Checking a final submission needs the wave's required questions and skip rules
(`journey.load_rules`): one query and ~90 rows, a quarter of the submit's server time.
Every save or delete of a section or question bumps its wave's `bank_revision` in
the database, and the submit reads the wave row anyway, so a process holding the
rules of an older revision simply misses. An editor's change therefore applies on
the very next request in every process, with no shared cache to keep in step.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import F

from surveys.models import Wave

MAX_ENTRIES = 32  # a few open waves at once; the oldest revisions are simply dropped

_entries: dict[tuple[int, int], Any] = {}


def cached[T](wave: Wave, build: Callable[[], T]) -> T:
    """`build()`'s value for this wave at the revision read with it, built once per process."""
    key = (wave.pk, wave.bank_revision)
    if key not in _entries:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = build()
    return _entries[key]


def forget(**kwargs: Any) -> None:
    """Drop this process's entries at once (database ids repeat after a rollback)."""
    _entries.clear()


def bump(sender: type, instance: Any, **kwargs: Any) -> None:
    """A section or question changed: every process's rules for its wave are out of date."""
    forget()
    Wave.objects.filter(pk=instance.wave_id).update(bank_revision=F("bank_revision") + 1)
