"""Choices that forms and serializers share without copying them per instance.

Django's form fields (and their widgets) deep-copy their choices for every form
instance, and DRF's fields deep-copy their arguments for every serializer; for a form
of radios and checkboxes with lazy translated labels that copy was most of the form's
set-up. The choices are fixed, so one object can serve every instance: labels stay
lazy and are translated when rendered, in the request's language.
"""

from collections.abc import Iterable, Iterator

from django.utils.choices import BaseChoiceIterator, normalize_choices


class FrozenChoices(BaseChoiceIterator):
    """A fixed tuple of (value, label) choices that copy and deepcopy return unchanged."""

    __slots__ = ("_choices",)

    def __init__(self, choices: Iterable):
        self._choices = tuple(normalize_choices(choices))

    def __iter__(self) -> Iterator:
        return iter(self._choices)

    def __len__(self) -> int:
        return len(self._choices)

    def __copy__(self) -> "FrozenChoices":
        return self

    def __deepcopy__(self, _memo: dict) -> "FrozenChoices":
        return self

    def __repr__(self) -> str:
        return f"FrozenChoices({list(self._choices)!r})"
