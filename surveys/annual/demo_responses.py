"""Deterministic, realistic survey responses for the demo (seeded NumPy draws).

Each respondent has a latent view of the police; ward and age band shift it
and the night-time feeling of safety. Two designed facts give the analysis
something real to find: `informed_local` rises about 7 points between the last
two past waves (a clearly significant change) while `trust_mps` stays flat.
The sample over-represents older residents and some wards, as real surveys do,
so weighting matters; in two wards (the "quiet wards") young adults hardly answer
at all, the shortfall the representativeness page shows and the roadshow planner
targets. A few answers are Don't know / Prefer not to say and a few respondents
leave out their ward or age band.
"""

import csv
import datetime
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from surveys import contract

AGE_SAMPLING = {"16-24": 0.09, "25-34": 0.14, "35-49": 0.24, "50-64": 0.27, "65+": 0.26}
AGE_EFFECT = {"16-24": -0.45, "25-34": -0.25, "35-49": 0.0, "50-64": 0.15, "65+": 0.35}
NIGHT_AGE_EFFECT = {"16-24": 0.2, "25-34": 0.1, "35-49": 0.0, "50-64": -0.2, "65+": -0.55}

# question → (share positive at baseline, loading on the latent view, Don't know rate)
BASE = {
    "good_job": (0.50, 1.0, 0.06),
    "relied_on": (0.55, 1.0, 0.05),
    "treat_fairly": (0.66, 0.9, 0.09),
    "dealing_issues": (0.60, 1.0, 0.08),
    "listen_concerns": (0.62, 1.0, 0.07),
    "understand_issues": (0.68, 0.9, 0.07),
    "trust_mps": (0.71, 0.8, 0.03),
    "informed_local": (0.30, 0.5, 0.02),
    "contact_ward_officer": (0.13, 0.3, 0.03),
    "feel_safe_day": (0.91, 0.3, 0.0),
    "feel_safe_night": (0.62, 0.4, 0.0),
}
# Change on the logit scale by wave position (0 = oldest past wave).
WAVE_SHIFT = {
    "informed_local": (0.0, 0.02, 0.42, 0.44),  # ~32% → 33% → 40%: the significant rise
    "good_job": (0.05, -0.03, 0.0, 0.02),
    "feel_safe_night": (0.0, -0.05, -0.08, -0.06),
    "trust_mps": (0.0, 0.0, 0.0, 0.0),  # flat: the non-change
}
NEGATIVE_SPLIT = {
    "agree": (("neither", 0.4), ("tend_to_disagree", 0.35), ("strongly_disagree", 0.25)),
    "good_job": (("fair", 0.55), ("poor", 0.3), ("very_poor", 0.15)),
    "informed": (("not_at_all", 1.0),),
    "yes_no": (("no", 1.0),),
    "safety": (("fairly_unsafe", 0.6), ("very_unsafe", 0.3), ("do_not_go_out", 0.1)),
}
POSITIVE_SPLIT = {
    "agree": (("strongly_agree", 0.3), ("tend_to_agree", 0.7)),
    "good_job": (("excellent", 0.15), ("good", 0.85)),
    "informed": (("very_well", 0.2), ("fairly_well", 0.8)),
    "yes_no": (("yes", 1.0),),
    "safety": (("very_safe", 0.45), ("fairly_safe", 0.55)),
}
SCALE = {
    "good_job": "good_job",
    "informed_local": "informed",
    "contact_ward_officer": "yes_no",
    "feel_safe_day": "safety",
    "feel_safe_night": "safety",
}
WORRY = ("very_worried", "fairly_worried", "not_very_worried", "not_at_all_worried")
CONCERNS = (
    "Speeding cars on the main road at night.",
    "Groups hanging around the station after dark.",
    "More officers on foot would help.",
    "Street lights are out near the park.",
    "Fly-tipping & litter behind the shops.",
)
# Young adults in two wards answer about a fifth as often as elsewhere (issue 20).
QUIET_WARD_POSITIONS = (8, 13)  # in code order: Heaton, Rush Green & Crowlands
QUIET_AGE_BANDS = {"16-24": 0.15, "25-34": 0.3}
MODES = (("online", 0.78), ("face_to_face", 0.12), ("paper", 0.07), ("telephone", 0.03))


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _pick(rng: np.random.Generator, split, size: int) -> np.ndarray:
    codes = [c for c, _ in split]
    weights = np.array([w for _, w in split])
    return rng.choice(codes, size=size, p=weights / weights.sum())


def _quiet_ward_ages(
    codes: Sequence[str], ward: np.ndarray, age: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Move most young respondents of the quiet wards to older bands (the shortfall).

    A separate generator keeps every other draw (and so the designed changes) as it was.
    """
    quiet = {codes[i] for i in QUIET_WARD_POSITIONS if i < len(codes)}
    older = [band for band in AGE_SAMPLING if band not in QUIET_AGE_BANDS]
    older_p = np.array([AGE_SAMPLING[band] for band in older])
    age = age.copy()
    roll = rng.random(len(age))
    replacement = rng.choice(older, size=len(age), p=older_p / older_p.sum())
    for band, keep in QUIET_AGE_BANDS.items():
        moved = np.isin(ward, list(quiet)) & (age == band) & (roll >= keep)
        age[moved] = replacement[moved]
    return age


def write_wave_csv(
    path: Path,
    *,
    wave_index: int,
    year: int,
    size: int,
    wards: Sequence[tuple[str, int]],
    question_codes: Sequence[str],
    fieldwork: tuple[datetime.date, datetime.date],
    seed: int = 2026,
) -> None:
    """Write `size` respondents for one wave in the contract's import format."""
    rng = np.random.default_rng(seed + 1000 * wave_index)
    ward_rng = np.random.default_rng(seed)  # ward effects stay the same every wave
    codes = [code for code, _ in wards]
    population = np.array([pop for _, pop in wards], dtype=float)
    ward_effect = dict(zip(codes, ward_rng.normal(0, 0.25, len(codes)), strict=True))
    response_rate = ward_rng.uniform(0.7, 1.3, len(codes))
    ward_share = population * response_rate / (population * response_rate).sum()

    ward = rng.choice(codes, size=size, p=ward_share)
    ages = list(AGE_SAMPLING)
    age = rng.choice(ages, size=size, p=np.array(list(AGE_SAMPLING.values())))
    age = _quiet_ward_ages(codes, ward, age, np.random.default_rng(seed + 7 + wave_index))
    latent = rng.normal(0, 1, size)
    base_shift = np.array([ward_effect[w] for w in ward]) + np.array([AGE_EFFECT[a] for a in age])
    night_shift = np.array([NIGHT_AGE_EFFECT[a] for a in age]) + np.array(
        [ward_effect[w] * 0.6 for w in ward]
    )
    columns: dict[str, np.ndarray] = {}
    for code in contract.QUESTIONS:
        p0, loading, dont_know = BASE[code]
        shift = WAVE_SHIFT.get(code, (0.0,) * 4)[wave_index]
        eta = _logit(p0) + shift + loading * latent * 0.9
        if code.startswith("feel_safe"):
            eta = eta + (night_shift if code == "feel_safe_night" else night_shift * 0.4)
        else:
            eta = eta + base_shift * (0.3 if code == "contact_ward_officer" else 1.0)
        positive = rng.random(size) < 1 / (1 + np.exp(-eta))
        scale = SCALE.get(code, "agree")
        answers = np.where(
            positive,
            _pick(rng, POSITIVE_SPLIT[scale], size),
            _pick(rng, NEGATIVE_SPLIT[scale], size),
        ).astype(object)
        special = rng.random(size)
        answers[special < dont_know] = contract.DONT_KNOW
        answers[(special >= dont_know) & (special < dont_know + 0.01)] = contract.REFUSED
        answers[(special >= dont_know + 0.01) & (special < dont_know + 0.02)] = ""
        columns[code] = answers
    worry_eta = -0.8 * latent - night_shift
    for code, offset in (("worry_crime", 0.0), ("worry_asb", 0.3)):
        level = np.clip(np.round(1.6 + worry_eta * 0.7 - offset + rng.normal(0, 0.8, size)), 0, 3)
        columns[code] = np.array([WORRY[int(i)] for i in level], dtype=object)
    victim = rng.random(size) < 0.12
    columns["victim_12m"] = np.where(victim, "yes", "no").astype(object)
    columns["victim_reported"] = np.where(
        victim, np.where(rng.random(size) < 0.55, "yes", "no"), ""
    ).astype(object)
    kinds = ("burglary", "vehicle", "violence", "online", "other")
    columns["victim_types"] = np.array(
        [
            ";".join(sorted(set(rng.choice(kinds, size=1 + int(rng.random() < 0.2))))) if v else ""
            for v in victim
        ],
        dtype=object,
    )
    columns["local_concerns"] = np.where(
        rng.random(size) < 0.06, rng.choice(CONCERNS, size=size), ""
    ).astype(object)

    ward_out = np.where(rng.random(size) < 0.03, "", ward)
    age_out = np.where(rng.random(size) < 0.02, "", age)
    sex = _pick(
        rng,
        (("female", 0.52), ("male", 0.46), ("other", 0.005), ("prefer_not_to_say", 0.015)),
        size,
    )
    mode = _pick(rng, MODES, size)
    start, end = fieldwork
    offsets = rng.integers(0, (end - start).days + 1, size)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([*contract.IMPORT_FIXED_COLUMNS, *question_codes])
        for i in range(size):
            writer.writerow(
                [
                    f"{year}-{i + 1:05d}",
                    (start + datetime.timedelta(days=int(offsets[i]))).isoformat(),
                    ward_out[i],
                    age_out[i],
                    sex[i],
                    mode[i],
                    *(columns[code][i] if code in columns else "" for code in question_codes),
                ]
            )
