"""Response files with uneven cells, as real waves have: for the tests that check the
per-cell counts, and the count-based report against the frame-based one."""

import random

COLUMNS = (
    "respondent_id,completed_at,ward_code,age_band,sex,mode,"
    "good_job,trust_mps,informed_local,victim_types,local_concerns"
)
GOOD_JOB = ("excellent", "good", "fair", "poor", "very_poor", "dont_know", "refused", "")
AGREE = ("strongly_agree", "tend_to_agree", "neither", "tend_to_disagree", "dont_know", "")
INFORMED = ("very_well", "fairly_well", "not_at_all", "dont_know", "refused", "")
VICTIM_TYPES = ("", "", "burglary", "burglary;online", "vehicle;violence;other")


def awkward_file(tmp_path, ward_codes, *, prefix="A", seed=1, name="wave.csv"):
    """A file whose cells are uneven: most wards well filled, two with one respondent,
    one age band empty in a ward, half of informed_local "don't know", some respondents
    without a ward or an age band, multiple-choice and free-text answers."""
    rng = random.Random(seed)
    lines = [COLUMNS]
    full, single = ward_codes[:5], ward_codes[5:7]
    cells = [(ward, age) for ward in full for age in ("16-24", "25-34", "35-49", "50-64", "65+")]
    cells = [cell for cell in cells if cell != (full[1], "65+")]  # an empty cell
    people = [cell for cell in cells for _ in range(rng.randint(1, 4))]
    people += [(single[0], "35-49"), (single[1], ""), ("", "50-64"), ("", "")]
    for i, (ward, age) in enumerate(people):
        informed = "dont_know" if i % 2 else rng.choice(INFORMED)
        text = rng.choice(("", "", "Too many \u201cboy racers\u201d", "Lights out\ton Main St"))
        lines.append(
            f"{prefix}{i},2026-03-0{1 + i % 9},{ward},{age},,,"
            f"{rng.choice(GOOD_JOB)},{rng.choice(AGREE)},{informed},"
            f'{rng.choice(VICTIM_TYPES)},"{text}"'
        )
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
