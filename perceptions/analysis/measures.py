"""Question codes, answer codes and positive sets of the survey data contract (section 1-2).

Kept as plain Python data (no Django enums) so the analysis stays importable without
Django; the codes come from ``surveys/contract.py``, which forms and imports use too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

# The codes are defined once, in the pure surveys.contract module (no Django there either).
from surveys.contract import (
    AGE_BANDS,
    AGREE_POSITIVE,
    AGREE_SCALE,
    DONT_KNOW,
    GOOD_JOB_SCALE,
    INFORMED_SCALE,
    NON_SUBSTANTIVE,
    REFUSED,
    SAFETY_SCALE,
    YES_NO,
)

SAFETY_POSITIVE: frozenset[str] = frozenset({"very_safe", "fairly_safe"})
__all__ = ["AGE_BANDS", "DONT_KNOW", "NON_SUBSTANTIVE", "REFUSED", "MEASURES", "Measure"]


class AnswerClass(IntEnum):
    """How an answer counts for a measure; the integer is used as a bincount index.

    ``NEGATIVE`` is every substantive answer that is not positive, which includes
    ``do_not_go_out``: the contract puts it in the base and not in the numerator.
    """

    EMPTY = 0
    POSITIVE = 1
    NEGATIVE = 2
    DONT_KNOW = 3
    REFUSED = 4


N_ANSWER_CLASSES = len(AnswerClass)


@dataclass(frozen=True, slots=True)
class Measure:
    """One question of the contract: its code, MOPAC PAS item, answers and positive set."""

    code: str
    pas_item: str
    answers: tuple[str, ...]
    positive: frozenset[str]

    def __post_init__(self) -> None:
        unknown = self.positive - set(self.answers)
        if unknown:
            raise ValueError(
                f"{self.code}: positive codes not among the answers: {sorted(unknown)}"
            )

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every code the question accepts: its answers plus ``dont_know`` and ``refused``."""
        return (*self.answers, DONT_KNOW, REFUSED)

    def classify(self, answer: str | None) -> AnswerClass:
        """Class of one answer; empty (None, NaN or "") is ``EMPTY``.

        Unknown codes raise: the import validates answers, so one here is a bug upstream.
        """
        if answer is None or answer == "" or answer != answer:  # NaN is not equal to itself
            return AnswerClass.EMPTY
        if answer == DONT_KNOW:
            return AnswerClass.DONT_KNOW
        if answer == REFUSED:
            return AnswerClass.REFUSED
        if answer in self.positive:
            return AnswerClass.POSITIVE
        if answer in self.answers:
            return AnswerClass.NEGATIVE
        raise ValueError(f"{self.code}: unknown answer code {answer!r}")

    def class_of_codes(self) -> dict[str, AnswerClass]:
        """Answer code → class for every accepted code (used to vectorise classification)."""
        return {code: self.classify(code) for code in self.accepted}


def _agree(code: str, pas_item: str) -> Measure:
    return Measure(code, pas_item, AGREE_SCALE, AGREE_POSITIVE)


MEASURES: tuple[Measure, ...] = (
    Measure("good_job", 'Q60 "Good Job" local', GOOD_JOB_SCALE, frozenset({"excellent", "good"})),
    _agree("relied_on", "Q62A Relied on to be there"),
    _agree("treat_fairly", "Q62C Treat everyone fairly"),
    _agree("dealing_issues", "Q62F Dealing with things that matter"),
    _agree("listen_concerns", "Q62TG Listen to concerns"),
    _agree("understand_issues", "Q62E Understand issues"),
    _agree("trust_mps", "NQ135BD Trust MPS"),
    Measure(
        "informed_local",
        "Q131 Informed local",
        INFORMED_SCALE,
        frozenset({"very_well", "fairly_well"}),
    ),
    Measure("contact_ward_officer", "NQ133A Contact ward officer", YES_NO, frozenset({"yes"})),
    Measure("feel_safe_day", "Q20 safe walking alone, day", SAFETY_SCALE, SAFETY_POSITIVE),
    Measure("feel_safe_night", "Q21 safe walking alone, after dark", SAFETY_SCALE, SAFETY_POSITIVE),
)
MEASURES_BY_CODE: dict[str, Measure] = {m.code: m for m in MEASURES}
QUESTION_CODES: tuple[str, ...] = tuple(m.code for m in MEASURES)
