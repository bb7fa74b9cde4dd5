"""Survey response files in the contract's CSV shape, generated for the benchmarks.

One generator for `import.py` and `report_from_db.py`, so both measure the same rows:
every contract question, a few missing age bands and sexes, don't-know and refused
answers at realistic rates, seeded so a run is repeatable.
"""

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CENSUS = ROOT / "communitysafety/wards/data/census2021_age6_ward22_havering_bestfit.csv"

AGREE = ("strongly_agree", "tend_to_agree", "neither", "tend_to_disagree", "strongly_disagree")
EXTRA = ("dont_know", "refused")
QUESTIONS = {
    "good_job": ("excellent", "good", "fair", "poor", "very_poor", *EXTRA),
    **dict.fromkeys(
        (
            "relied_on",
            "treat_fairly",
            "dealing_issues",
            "listen_concerns",
            "understand_issues",
            "trust_mps",
        ),
        (*AGREE, *EXTRA),
    ),
    "informed_local": ("very_well", "fairly_well", "not_at_all", *EXTRA),
    "contact_ward_officer": ("yes", "no", *EXTRA),
    "feel_safe_day": ("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", *EXTRA),
    "feel_safe_night": ("very_safe", "fairly_safe", "fairly_unsafe", "do_not_go_out", *EXTRA),
    "worry_crime": ("very_worried", "fairly_worried", "not_very_worried", "not_at_all_worried"),
    "worry_asb": ("very_worried", "fairly_worried", "not_very_worried", "not_at_all_worried"),
    "victim_12m": ("yes", "no"),
}
AGE_BANDS = ("16-24", "25-34", "35-49", "50-64", "65+", "")


def ward_codes() -> list[str]:
    """The shipped Census file's ward codes (the wards `load_real_wards` creates)."""
    with CENSUS.open() as stream:
        return sorted({row["ward22cd"] for row in csv.DictReader(stream)})


def write_responses(path: Path, rows: int, wards: list[str], *, year: int = 2025, seed: int = 1):
    """Write ``rows`` completed responses of wave ``year`` to ``path``."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["respondent_id", "completed_at", "ward_code", "age_band", "sex", "mode", *QUESTIONS]
        )
        for i in range(rows):
            writer.writerow(
                [
                    f"R{i:07d}",
                    f"{year}-{rng.randint(10, 11)}-{rng.randint(1, 28):02d}",
                    rng.choice(wards),
                    rng.choice(AGE_BANDS),
                    rng.choice(("female", "male", "")),
                    "online",
                    *(rng.choice(options) for options in QUESTIONS.values()),
                ]
            )
