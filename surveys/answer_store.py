"""Where the annual survey's answers are stored: the one module that reads and writes them.

A response's answers live in its own row (issue 19.3: one row per answer could not be
imported at half the speed of PostgreSQL's `COPY` floor, whatever its keys;
docs/annual-survey.md, "How answers are stored"): its coded answers packed one integer
per question (`SurveyResponse.answers`, placed and numbered by the wave's append-only
layout, `surveys.answer_layout`), its free text as a JSON object of question code → text
(`SurveyResponse.text_answers`). Callers never see either form: they see question codes
and answer codes, in the vocabulary below.

- a response's answers: question code → answer codes (a free-text answer under its
  text), as the journey shows and checks them; a multiple-choice question's codes come in
  the layout's order (the order they were first stored);
- an answer triple: (question code, answer code, text), where a free-text answer has the
  code `TEXT_ANSWER_CODE` and its text, and a coded answer has empty text (the import's
  and the export's form);
- counts: (cell of response fields, question code, answer code, count), tallied here
  from the packed rows (no grouping in SQL: there is no answer row to group).

Lives at the app's level, beside `surveys.models`, so the analysis bridge
(`perceptions.queries`, `perceptions.results.trials`) reads answers through it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from communitysafety.common.imports import copy_text
from surveys.answer_layout import Layout, layout_of, layout_with
from surveys.models import Survey, SurveyResponse, Wave
from surveys.models.packed import PackedAnswers
from surveys.models.questions import TEXT_ANSWER_CODE

AnswerTriple = tuple[str, str, str]
"""(question code, answer code, text): free text has the code TEXT_ANSWER_CODE."""

AnswerRow = tuple[int, str, str, str]
"""(response id, question code, answer code, text): an answer with its response."""


# Reading one response (the journey: resume, the check page, the final submit)


def _coded(layout: Layout, packed: PackedAnswers) -> dict[str, list[str]]:
    return dict(layout.decode(packed))


def answers_of(response: SurveyResponse) -> dict[str, list[str]]:
    """One response's answers: question code → answer codes (free text under its text),
    as its row was read (or last written through this module): no query of its own."""
    answers = _coded(layout_of(response.wave), response.answers)
    answers.update((code, [text]) for code, text in response.text_answers.items())
    return answers


def answers_and_coded_pairs(
    response: SurveyResponse,
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """`answers_of` and the response's (question, answer code) pairs that are counted (no
    free text): what the final submit checks and then counts."""
    coded = _coded(layout_of(response.wave), response.answers)
    pairs = [(question, code) for question, codes in coded.items() for code in codes]
    coded.update((code, [text]) for code, text in response.text_answers.items())
    return coded, pairs


def answer_count(responses: QuerySet[SurveyResponse]) -> int:
    """How many answers `responses` hold: each coded answer code, and each free text."""
    layouts = _Layouts()
    total = 0
    for wave_id, packed, texts in responses.values_list("wave_id", "answers", "text_answers"):
        layout = layouts[wave_id]
        total += len(texts) + sum(len(codes) for _, codes in layout.decode(packed))
    return total


# Writing (the journey's sections, test and benchmark set-up)


def _split(triples: Iterable[AnswerTriple]) -> tuple[dict[str, list[str]], dict[str, str]]:
    coded: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for question, code, text in triples:
        if code == TEXT_ANSWER_CODE:
            texts[question] = text
        else:
            codes = coded.setdefault(question, [])
            if code not in codes:
                codes.append(code)
    return coded, texts


def _cleared(layout: Layout, packed: PackedAnswers, question_codes: Iterable[str]) -> list:
    packed = list(packed)
    for question in question_codes:
        position = layout.position.get(question)
        if position is not None and position < len(packed):
            packed[position] = None
    while packed and packed[-1] is None:
        packed.pop()
    return packed


def _merged(layout: Layout, packed: PackedAnswers, coded: dict[str, list[str]]) -> list:
    packed = list(packed)
    for question, codes in coded.items():
        position = layout.position[question]
        if position >= len(packed):
            packed.extend([None] * (position + 1 - len(packed)))
        packed[position] = layout.element(question, codes)
    return packed


def _store(response: SurveyResponse) -> None:
    # update() rather than save(): no model signals on the journey's hot path.
    SurveyResponse.objects.filter(pk=response.pk).update(
        answers=response.answers, text_answers=response.text_answers
    )


def replace_answers(
    response: SurveyResponse, question_codes: Sequence[str], triples: Iterable[AnswerTriple]
) -> None:
    """Replace the response's answers to `question_codes` by `triples` (each of one of
    those questions): one UPDATE of its row. Call inside a transaction."""
    coded, texts = _split(triples)
    layout = layout_with(response.wave, [(q, c) for q, codes in coded.items() for c in codes])
    packed = _cleared(layout, response.answers, question_codes)
    response.answers = _merged(layout, packed, coded)
    replaced = set(question_codes)
    kept = {q: t for q, t in response.text_answers.items() if q not in replaced}
    response.text_answers = {**kept, **texts}
    _store(response)


def drop_answers(response: SurveyResponse, question_codes: Sequence[str]) -> None:
    """Forget the response's answers to `question_codes` (questions no longer asked)."""
    response.answers = _cleared(layout_of(response.wave), response.answers, question_codes)
    dropped = set(question_codes)
    response.text_answers = {q: t for q, t in response.text_answers.items() if q not in dropped}
    _store(response)


def add_answers(rows: Iterable[AnswerRow], *, batch_size: int | None = None) -> None:
    """Store answers of responses that have none to these questions yet: (response id,
    question code, answer code, text) rows, written with one bulk UPDATE per
    `batch_size` responses. For set-up that bypasses the journey and the import: tests,
    benchmarks."""
    by_response: dict[int, list[AnswerTriple]] = defaultdict(list)
    for pk, question, code, text in rows:
        by_response[pk].append((question, code, text))
    if not by_response:
        return
    with transaction.atomic():
        responses = list(
            SurveyResponse.objects.filter(pk__in=list(by_response)).select_related("wave")
        )
        by_wave: dict[int, list[SurveyResponse]] = defaultdict(list)
        for response in responses:
            by_wave[response.wave_id].append(response)
        layouts: dict[int, Layout] = {}
        for wave_id, members in by_wave.items():
            pairs = {  # a dict keeps the order first given: the layout numbers them so
                (q, c): None
                for r in members
                for q, c, _ in by_response[r.pk]
                if c != TEXT_ANSWER_CODE
            }
            layouts[wave_id] = layout_with(members[0].wave, pairs)
        for response in responses:
            coded, texts = _split(by_response[response.pk])
            layout = layouts[response.wave_id]
            known = _coded(layout, response.answers)
            for question, codes in coded.items():
                codes[:0] = [c for c in known.get(question, []) if c not in codes]
            response.answers = _merged(layout, response.answers, coded)
            response.text_answers = {**response.text_answers, **texts}
        SurveyResponse.objects.bulk_update(
            responses, ["answers", "text_answers"], batch_size=batch_size or 1000
        )


# Reading many responses (export, the analysis bridge, trials, counts)


class _Layouts(dict):
    """Wave id → its Layout, each read once when first needed."""

    def __missing__(self, wave_id: int) -> Layout:
        layout = self[wave_id] = Layout(
            Wave.objects.values_list("answer_layout", flat=True).get(pk=wave_id)
        )
        return layout


def wave_answers_by_response(
    wave: Wave, *, chunk_size: int
) -> Iterator[tuple[int, list[AnswerTriple]]]:
    """The answers of the wave's completed responses, streamed in response id order:
    (response id, its answer triples: coded in layout order, then free text); responses
    without answers are not listed. `chunk_size` responses are fetched at a time."""
    layout = _Layouts()[wave.pk]
    rows = (
        SurveyResponse.objects.filter(wave=wave, completed_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "answers", "text_answers")
        .iterator(chunk_size=chunk_size)
    )
    for pk, packed, texts in rows:
        triples = [(q, code, "") for q, codes in layout.decode(packed) for code in codes]
        triples.extend((q, TEXT_ANSWER_CODE, text) for q, text in texts.items())
        if triples:
            yield pk, triples


def _decoded(
    responses: QuerySet[SurveyResponse], *fields: str, chunk_size: int = 2000
) -> Iterator[tuple[Any, ...]]:
    """(fields..., {question: codes}) of each of `responses`, decoded by its wave's layout."""
    layouts = _Layouts()
    rows = responses.order_by().values_list("wave_id", "answers", *fields)
    for wave_id, packed, *values in rows.iterator(chunk_size=chunk_size):
        yield (*values, layouts[wave_id].decode(packed))


def coded_answers(
    responses: QuerySet[SurveyResponse], question_codes: Sequence[str], *, chunk_size: int
) -> Iterator[tuple[int, str, str]]:
    """(response id, question code, answer code) of `responses`' answers to
    `question_codes`, streamed in no particular order, `chunk_size` responses at a time."""
    wanted = set(question_codes)
    for pk, decoded in _decoded(responses, "pk", chunk_size=chunk_size):
        for question, codes in decoded:
            if question in wanted:
                for code in codes:
                    yield pk, question, code


def answer_to(responses: QuerySet[SurveyResponse], question_code: str) -> dict[int, str]:
    """Response id → answer code of `responses`' answers to one single-choice question."""
    return {pk: code for pk, _, code in coded_answers(responses, [question_code], chunk_size=2000)}


def coded_answer_counts(
    responses: QuerySet[SurveyResponse], *cell: str
) -> Counter[tuple[Any, ...]]:
    """(*`cell` fields of the response, question code, answer code) → how many of
    `responses` gave that answer: their coded answers (no free text), tallied."""
    tally: Counter[tuple[Any, ...]] = Counter()
    for *key, decoded in _decoded(responses, *cell):
        for question, codes in decoded:
            for code in codes:
                tally[(*key, question, code)] += 1
    return tally


def survey_answer_counts(
    survey: Survey, question_codes: Sequence[str]
) -> Iterable[tuple[int, str | None, str, str, str, int]]:
    """(wave year, ward code, age band, question code, answer code, answers) of the
    completed responses of `survey`, for `question_codes` only."""
    wanted = set(question_codes)
    completed = SurveyResponse.objects.filter(completed_on__isnull=False, wave__survey=survey)
    tally = coded_answer_counts(completed, "wave__year", "ward__code", "age_band")
    return [(*key, count) for key, count in tally.items() if key[3] in wanted]


# The import's encoding (`surveys.annual.importing`, `import_storage`): every distinct
# value of a coded cell is given an id once, with its packed element's text and the pairs
# it counts; a row is then the list of its cells' ids, in the layout's position order.


class _MultipleCell(dict):
    """A multiple-choice column: cell text ("a;b") → its value id, found on first sight
    of each distinct text (KeyError: an unknown code)."""

    def __init__(self, encoder: ImportEncoder, question: str, codes: frozenset[str]):
        super().__init__({"": 0})
        self.encoder, self.question, self.accepted = encoder, question, codes

    def __missing__(self, text: str) -> int:
        chosen: list[str] = []
        for part in text.split(";"):
            part = part.strip()
            if part not in self.accepted:
                raise KeyError(part)
            if part not in chosen:
                chosen.append(part)
        value = self.encoder.value(self.question, chosen)
        if len(self) < 4096:
            self[text] = value
        return value


class ImportEncoder:
    """One import's coded answers, for one wave's layout and one database's text form.

    `single` and `multiple` give a column's cell text → value id lookups; `value` the id
    for codes already parsed; `packed` a row's ids (in `positions` order, 0 for no
    answer) as the column's text; `pairs[id]` what an id counts."""

    def __init__(self, layout: Layout, vendor: str):
        self.layout = layout
        self.postgres = vendor == "postgresql"
        self.null = "NULL" if self.postgres else "null"
        self.texts: list[str] = [self.null]
        self.pairs: list[tuple[tuple[str, str], ...]] = [()]
        self._ids: dict[tuple[str, int], int] = {}

    def value(self, question: str, codes: Sequence[str]) -> int:
        """The id of answering `codes` to `question` (0: no answer)."""
        element = self.layout.element(question, codes)
        if element is None:
            return 0
        key = (question, element)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self.texts)
            self.texts.append(str(element))
            self.pairs.append(tuple((question, code) for code in codes))
        return found

    def single(self, question: str, codes: Iterable[str]) -> dict[str, int]:
        return {"": 0, **{code: self.value(question, [code]) for code in codes}}

    def multiple(self, question: str, codes: frozenset[str]) -> dict[str, int]:
        return _MultipleCell(self, question, codes)

    def packed(self, ids: Iterable[int]) -> str:
        """A row's coded answers as the database's text of the packed column."""
        joined = ",".join(map(self.texts.__getitem__, ids))
        return f"{{{joined}}}" if self.postgres else f"[{joined}]"

    def text_answers(self, texts: dict[str, str]) -> str:
        """A row's free text as the database's text of `text_answers` (COPY-escaped on
        PostgreSQL)."""
        if not texts:
            return "{}"
        document = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
        return copy_text(document) if self.postgres else document


def import_layout(wave: Wave, accepted: dict[str, frozenset[str]]) -> Layout:
    """The wave's layout with a number for every code of every coded question of an
    import (question code → accepted codes), added in a stable order. Inside the import's
    transaction."""
    pairs = [(q, code) for q, codes in accepted.items() for code in sorted(codes)]
    return layout_with(wave, pairs)
