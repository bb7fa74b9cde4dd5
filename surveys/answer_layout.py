"""Where each question's answer sits in a packed response, and what its numbers mean.

A wave's `answer_layout` is an append-only list of `[question code, [answer codes]]`:
the entry's index is the question's position in every response's packed `answers`, and
answer code number n (from 1) is the entry's n-th code. Entries and codes are only ever
appended, never renumbered or reused, so a stored response decodes the same way for
good, whatever later happens to the bank (a question retired, an option removed, its kind
changed): the layout, not the live bank, says what stored numbers mean.

A packed element is one answer's number (positive), or, for several answers to one
question, the negated bitmask of their numbers (bit n - 1 for number n): so decoding
needs no question kinds, and a multiple-choice question's codes beyond the 30th cannot
be combined (`MAX_COMBINABLE`; the bank's editor keeps options below that).

Codes are added when they are first stored: by the journey as a resident saves a
section, by the import for the whole of its file's questions at once, each under a lock
of the wave's row so two writers cannot give two codes one number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from surveys.models import Wave
from surveys.models.packed import PackedAnswers

MAX_COMBINABLE = 30  # bits of a positive 32-bit integer's bitmask, beside its sign


class Layout:
    """One wave's layout, compiled for encoding and decoding."""

    def __init__(self, entries: Sequence[Sequence]):
        self.entries = [[question, list(codes)] for question, codes in entries]
        self.position = {question: index for index, (question, _) in enumerate(self.entries)}
        self.numbers = [
            {code: number for number, code in enumerate(codes, start=1)}
            for _, codes in self.entries
        ]

    def missing(self, answers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """The (question, answer code) pairs this layout has no number for yet."""
        absent: dict[tuple[str, str], None] = {}  # first-seen order, no repeats
        for question, code in answers:
            position = self.position.get(question)
            if position is None or code not in self.numbers[position]:
                absent[(question, code)] = None
        return list(absent)

    def extended(self, answers: Iterable[tuple[str, str]]) -> Layout:
        """This layout with numbers for every pair of `answers` (appended)."""
        entries = [[question, list(codes)] for question, codes in self.entries]
        position = dict(self.position)
        for question, code in self.missing(answers):
            if question not in position:
                position[question] = len(entries)
                entries.append([question, []])
            entries[position[question]][1].append(code)
        return Layout(entries)

    def element(self, question: str, codes: Sequence[str]) -> int | None:
        """The packed element for `codes` answered to `question` (None: no answer).
        KeyError for a code the layout lacks; ValueError for a combination it cannot hold."""
        if not codes:
            return None
        numbers = self.numbers[self.position[question]]
        if len(codes) == 1:
            return numbers[codes[0]]
        mask = 0
        for code in codes:
            number = numbers[code]
            if number > MAX_COMBINABLE:
                raise ValueError(f"{question}: answer {code!r} cannot be combined with others")
            mask |= 1 << (number - 1)
        return -mask

    def encode(self, answers: Mapping[str, Sequence[str]]) -> PackedAnswers:
        """question code → answer codes, packed (positions without answers are None,
        trailing ones dropped)."""
        packed: PackedAnswers = []
        for question, codes in answers.items():
            element = self.element(question, codes)
            if element is None:
                continue
            position = self.position[question]
            if position >= len(packed):
                packed.extend([None] * (position + 1 - len(packed)))
            packed[position] = element
        return packed

    def codes(self, position: int, element: int) -> list[str]:
        """The answer codes a packed element at `position` stands for."""
        codes = self.entries[position][1]
        if element > 0:
            return [codes[element - 1]]
        mask = -element
        return [code for bit, code in enumerate(codes) if mask >> bit & 1]

    def decode(self, packed: PackedAnswers | None) -> Iterator[tuple[str, list[str]]]:
        """(question code, answer codes) of each answered position, in position order."""
        for position, element in enumerate(packed or ()):
            if element is not None:
                yield self.entries[position][0], self.codes(position, element)


def layout_of(wave: Wave) -> Layout:
    """The wave's layout as read with the wave (no query)."""
    return Layout(wave.answer_layout)


def layout_with(wave: Wave, answers: Iterable[tuple[str, str]]) -> Layout:
    """The wave's layout, first extended (under a lock of its row) with numbers for any
    of `answers` ((question, answer code) pairs) it lacks. Call inside a transaction;
    `wave.answer_layout` is kept up to date too."""
    answers = list(answers)
    layout = layout_of(wave)
    if not layout.missing(answers):
        return layout
    stored = Wave.objects.select_for_update().values_list("answer_layout", flat=True)
    layout = Layout(stored.get(pk=wave.pk)).extended(answers)
    Wave.objects.filter(pk=wave.pk).update(answer_layout=layout.entries)
    wave.answer_layout = layout.entries
    return layout
