"""Per-wave estimates for every measure × group at once, from per-cell counts.

One pass over the respondents builds a count table per wave, ward (or missing), age band
(or missing) and answer class; everything after that works on tables whose size does not
depend on the number of respondents. Groups are the borough, every census ward and every
age band (contract section 4); a respondent missing one weighting variable counts as
unweightable in the group given by the other and in the borough.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from perceptions.analysis.intervals import logit_ci
from perceptions.analysis.measures import MEASURES, N_ANSWER_CLASSES, AnswerClass, Measure
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import CellWeights, RakingError, Trim, rake_cells
from perceptions.analysis.variance import additive_cell_model, domain_means_from_cells

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

BOROUGH = ("borough", "all")


@dataclass(frozen=True, slots=True)
class CountTables:
    """Respondent counts of several waves, indexed [wave, ward, age band, ...].

    The last ward index (``len(population.wards)``) and the last age index hold respondents
    missing that variable. ``answers[j]`` adds a last axis of :class:`AnswerClass` for
    ``measures[j]``. ``problems[i]`` lists why wave i cannot be weighted before raking
    (ward or age codes that are not in the population totals).
    """

    waves: tuple[object, ...]
    measures: tuple[Measure, ...]
    respondents: IntArray
    answers: IntArray
    problems: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class WaveEstimates:
    """Unsuppressed statistics of one wave; arrays are [measure, group].

    ``groups`` are ``(group, group_value)`` pairs: the borough, then the wards and the age
    bands in the order of the population totals. NaN marks a statistic that does not exist
    (n = 0, p exactly 0 or 1 for the interval, n < 2 for the variance).
    """

    wave: object
    measures: tuple[str, ...]
    groups: tuple[tuple[str, str], ...]
    n: IntArray
    unweightable: IntArray
    estimate: FloatArray
    se: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    dont_know: FloatArray
    design_effect: FloatArray
    effective_n: FloatArray
    cell_weights: CellWeights


def _codes(values: pd.Series, categories: Sequence[str]) -> tuple[IntArray, NDArray]:
    """Category index of each value, -1 where empty; also the mask of unknown values.

    Categorical input is recoded through its categories (no hashing of every row).
    """
    index = pd.Index(list(categories))
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = values.cat.categories
        position = index.get_indexer(present)
        raw_codes = values.cat.codes.to_numpy()
        codes = np.append(position, -1)[raw_codes].astype(np.int64)
        strange = np.flatnonzero((position < 0) & (present.astype(str) != ""))
        unknown = np.isin(raw_codes, strange) if len(strange) else np.zeros(len(values), bool)
        return codes, unknown
    raw = values.to_numpy(dtype=object)
    codes = index.get_indexer(raw).astype(np.int64)
    unmatched = np.flatnonzero(codes < 0)
    unknown = np.zeros(len(values), dtype=bool)
    if len(unmatched):
        rest = raw[unmatched]
        unknown[unmatched[~(pd.isna(rest) | (rest == ""))]] = True
    return codes, unknown


def _answer_classes(values: pd.Series, measure: Measure) -> NDArray[np.int8]:
    accepted = measure.accepted
    lookup = np.array(
        [measure.classify(code) for code in accepted] + [AnswerClass.EMPTY], dtype=np.int8
    )
    codes, unknown = _codes(values, accepted)
    if unknown.any():
        bad = values.to_numpy(dtype=object)[np.flatnonzero(unknown)[0]]
        raise ValueError(f"{measure.code}: unknown answer code {bad!r}")
    return lookup[codes]


def count_responses(
    responses: pd.DataFrame,
    population: PopulationTotals,
    measures: Sequence[Measure] = MEASURES,
    waves: Iterable[object] | None = None,
) -> CountTables:
    """Count respondents by wave, ward, age band and answer class in one pass.

    ``responses`` has columns ``wave``, ``ward_code``, ``age_band`` and one column per
    measure code (answer codes, empty = None/NaN/""); a missing measure column means the
    question was not asked. ``waves`` adds waves without respondents (they will be listed
    as unweighted). Unknown answer codes raise ``ValueError``: the import rejects them.
    """
    wave_values = set(pd.unique(responses["wave"]))
    if waves is not None:
        wave_values |= set(waves)
    wave_list = tuple(sorted(wave_values))
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    wave_idx = pd.Categorical(responses["wave"], categories=list(wave_list)).codes.astype(np.int64)
    ward_idx, bad_ward = _codes(responses["ward_code"], population.wards)
    age_idx, bad_age = _codes(responses["age_band"], population.age_bands)
    problems: list[tuple[str, ...]] = [() for _ in wave_list]
    if bad_ward.any() or bad_age.any():
        for i in range(len(wave_list)):
            in_wave = wave_idx == i
            problems[i] = tuple(
                [
                    f"ward {code} is not in the population totals"
                    for code in sorted(set(responses["ward_code"][in_wave & bad_ward]))
                ]
                + [
                    f"age band {code} is not in the population totals"
                    for code in sorted(set(responses["age_band"][in_wave & bad_age]))
                ]
            )
    ward_idx[ward_idx < 0] = n_wards
    age_idx[age_idx < 0] = n_ages
    shape = (len(wave_list), n_wards + 1, n_ages + 1)
    key = (wave_idx * shape[1] + ward_idx) * shape[2] + age_idx
    size = int(np.prod(shape))
    respondents = np.bincount(key, minlength=size).reshape(shape)
    answers = np.zeros((len(measures), *shape, N_ANSWER_CLASSES), dtype=np.int64)
    key *= N_ANSWER_CLASSES
    for j, measure in enumerate(measures):
        if measure.code not in responses.columns:
            answers[j, ..., AnswerClass.EMPTY] = respondents
            continue
        classes = _answer_classes(responses[measure.code], measure)
        answers[j] = np.bincount(key + classes, minlength=size * N_ANSWER_CLASSES).reshape(
            (*shape, N_ANSWER_CLASSES)
        )
    return CountTables(
        waves=wave_list,
        measures=tuple(measures),
        respondents=respondents,
        answers=answers,
        problems=tuple(problems),
    )


RespondentCount = tuple[object, str | None, str | None, int]
"""(wave, ward code, age band, respondents): one grouped row of the response table."""
AnswerCount = tuple[object, str | None, str | None, str, str | None, int]
"""(wave, ward code, age band, question code, answer code, answers): one grouped row."""


def _cell_index(code: str | None, index: dict[str, int], missing: int, strange: set[str]) -> int:
    """Position of a ward or age code; the missing slot for empty or unknown codes."""
    if code is None or code == "":
        return missing
    position = index.get(code)
    if position is None:
        strange.add(code)
        return missing
    return position


def tables_from_counts(
    respondent_counts: Iterable[RespondentCount],
    answer_counts: Iterable[AnswerCount],
    population: PopulationTotals,
    measures: Sequence[Measure] = MEASURES,
    waves: Iterable[object] | None = None,
) -> CountTables:
    """The same tables as :func:`count_responses`, from counts a database has grouped.

    The report needs nothing finer than respondents per wave × ward × age cell and, per
    question, answers per code in each cell, so ``GROUP BY`` does the counting and no
    respondent row crosses the wire. A question a respondent left empty has no answer
    row: the empty class is the cell's respondents less its answers. Unknown answer
    codes raise ``ValueError``, exactly as in :func:`count_responses`.
    """
    respondent_counts = list(respondent_counts)
    wave_values = {row[0] for row in respondent_counts}
    if waves is not None:
        wave_values |= set(waves)
    wave_list = tuple(sorted(wave_values))
    wave_index = {wave: i for i, wave in enumerate(wave_list)}
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    ward_index = {code: i for i, code in enumerate(population.wards)}
    age_index = {code: i for i, code in enumerate(population.age_bands)}
    shape = (len(wave_list), n_wards + 1, n_ages + 1)
    respondents = np.zeros(shape, dtype=np.int64)
    strange_wards: list[set[str]] = [set() for _ in wave_list]
    strange_ages: list[set[str]] = [set() for _ in wave_list]

    def cell(wave: object, ward: str | None, age: str | None) -> tuple[int, int, int]:
        i = wave_index[wave]
        return (
            i,
            _cell_index(ward, ward_index, n_wards, strange_wards[i]),
            _cell_index(age, age_index, n_ages, strange_ages[i]),
        )

    for wave, ward, age, count in respondent_counts:
        respondents[cell(wave, ward, age)] += count
    answers = np.zeros((len(measures), *shape, N_ANSWER_CLASSES), dtype=np.int64)
    position = {m.code: j for j, m in enumerate(measures)}
    classes = {m.code: m.class_of_codes() for m in measures}
    for wave, ward, age, question, answer, count in answer_counts:
        j = position.get(question)
        if j is None:
            continue
        answer_class = (
            AnswerClass.EMPTY if answer is None or answer == "" else classes[question].get(answer)
        )
        if answer_class is None:
            raise ValueError(f"{question}: unknown answer code {answer!r}")
        answers[(j, *cell(wave, ward, age), answer_class)] += count
    answered = answers[..., 1:].sum(axis=-1)
    answers[..., AnswerClass.EMPTY] = respondents[None] - answered
    problems = tuple(
        tuple(
            [f"ward {code} is not in the population totals" for code in sorted(wards)]
            + [f"age band {code} is not in the population totals" for code in sorted(ages)]
        )
        for wards, ages in zip(strange_wards, strange_ages, strict=True)
    )
    return CountTables(
        waves=wave_list,
        measures=tuple(measures),
        respondents=respondents,
        answers=answers,
        problems=problems,
    )


def group_labels(population: PopulationTotals) -> tuple[tuple[str, str], ...]:
    """The report's groups in row order: borough, every ward, every age band."""
    return (
        BOROUGH,
        *(("ward", w) for w in population.wards),
        *(("age_band", a) for a in population.age_bands),
    )


def _group_masks(n_wards: int, n_ages: int) -> FloatArray:
    """(ward+1, age+1, group) membership, including the missing-variable slots."""
    masks = np.zeros((n_wards + 1, n_ages + 1, 1 + n_wards + n_ages))
    masks[..., 0] = 1.0
    for k in range(n_wards):
        masks[k, :, 1 + k] = 1.0
    for a in range(n_ages):
        masks[:, a, 1 + n_wards + a] = 1.0
    return masks


def estimate_wave(
    tables: CountTables,
    wave_index: int,
    population: PopulationTotals,
    *,
    trim: Trim | None = None,
) -> WaveEstimates:
    """Rake one wave and estimate every measure × group (raises :class:`RakingError`)."""
    if tables.problems[wave_index]:
        raise RakingError(tables.problems[wave_index])
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    counts = tables.respondents[wave_index]
    weights = rake_cells(counts[:n_wards, :n_ages], population, trim=trim)
    answers = tables.answers[:, wave_index]  # [measure, ward+1, age+1, class]
    n_measures, n_groups = len(tables.measures), 1 + n_wards + n_ages
    masks = _group_masks(n_wards, n_ages)
    inner = masks[:n_wards, :n_ages].reshape(n_wards * n_ages, n_groups)  # (C, G)

    positive = answers[..., AnswerClass.POSITIVE]
    base = positive + answers[..., AnswerClass.NEGATIVE]
    dont_know = answers[..., AnswerClass.DONT_KNOW]
    answered = base + dont_know + answers[..., AnswerClass.REFUSED]

    def cells(table: IntArray) -> FloatArray:
        """(measure, ward+1, age+1) → (C, measure) of the weightable cells."""
        return table[:, :n_wards, :n_ages].reshape(n_measures, -1).T.astype(np.float64)

    def by_domain(per_cell: FloatArray) -> FloatArray:
        """(C, measure) → (C, measure × group): cell sums restricted to each group."""
        return (per_cell[:, :, None] * inner[:, None, :]).reshape(len(inner), -1)

    sum_y = by_domain(cells(positive))
    means = domain_means_from_cells(
        counts[:n_wards, :n_ages].ravel(),
        np.nan_to_num(weights.weights).ravel(),
        additive_cell_model(n_wards, n_ages),
        by_domain(cells(base)),
        sum_y,
        sum_y,
    )
    shape = (n_measures, n_groups)
    n = np.einsum("mka,kag->mg", base[:, :n_wards, :n_ages], masks[:n_wards, :n_ages])
    n_positive = np.einsum("mka,kag->mg", positive[:, :n_wards, :n_ages], masks[:n_wards, :n_ages])
    unweightable = np.einsum("mka,kag->mg", base, masks) - n
    estimate = means.estimate.reshape(shape)
    # p exactly 0 or 1 decides whether the interval is null: take it from the counts.
    estimate = np.where(n_positive == n, 1.0, np.where(n_positive == 0, 0.0, estimate))
    estimate[n == 0] = np.nan
    variance = means.variance.reshape(shape)
    variance[n < 2] = np.nan
    se = np.sqrt(variance)
    ci_low, ci_high = logit_ci(estimate, se, n)

    w = np.nan_to_num(weights.weights)
    dk_num = np.einsum(
        "ka,mka,kag->mg", w, dont_know[:, :n_wards, :n_ages], masks[:n_wards, :n_ages]
    )
    dk_den = np.einsum(
        "ka,mka,kag->mg", w, answered[:, :n_wards, :n_ages], masks[:n_wards, :n_ages]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        dk_share = np.where(dk_den > 0, dk_num / dk_den, np.nan)
        # R svymean(deff="replace") on the domain: var / (p(1-p) / (n-1)).
        deff = variance * (n - 1) / (estimate * (1 - estimate))
    deff = np.where((estimate > 0) & (estimate < 1) & (deff > 0), deff, np.nan)
    return WaveEstimates(
        wave=tables.waves[wave_index],
        measures=tuple(m.code for m in tables.measures),
        groups=group_labels(population),
        n=n.astype(np.int64),
        unweightable=unweightable.astype(np.int64),
        estimate=estimate,
        se=se,
        ci_low=ci_low,
        ci_high=ci_high,
        dont_know=dk_share,
        design_effect=deff,
        effective_n=n / deff,
        cell_weights=weights,
    )
