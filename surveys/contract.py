"""The survey data contract (docs/survey-data-contract.md) as plain Python.

No Django imports: the pure analysis code (perceptions.analysis) reads the same
codes as the forms, the importer and the exports, so a code is defined once.
"""

AGE_BANDS = ("16-24", "25-34", "35-49", "50-64", "65+")
SEXES = ("female", "male", "other", "prefer_not_to_say")
MODES = ("online", "face_to_face", "telephone", "paper")

DONT_KNOW = "dont_know"
REFUSED = "refused"
NON_SUBSTANTIVE = frozenset({DONT_KNOW, REFUSED})

AGREE_SCALE = (
    "strongly_agree",
    "tend_to_agree",
    "neither",
    "tend_to_disagree",
    "strongly_disagree",
)
GOOD_JOB_SCALE = ("excellent", "good", "fair", "poor", "very_poor")
INFORMED_SCALE = ("very_well", "fairly_well", "not_at_all")
YES_NO = ("yes", "no")
SAFETY_SCALE = ("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "do_not_go_out")

AGREE_POSITIVE = frozenset({"strongly_agree", "tend_to_agree"})


# question code → (answer codes in order, positive codes, MOPAC PAS measure name or None)
QUESTIONS: dict[str, tuple[tuple[str, ...], frozenset[str], str | None]] = {
    "good_job": (GOOD_JOB_SCALE, frozenset({"excellent", "good"}), '"Good Job" local'),
    "relied_on": (AGREE_SCALE, AGREE_POSITIVE, "Relied on to be there"),
    "treat_fairly": (AGREE_SCALE, AGREE_POSITIVE, "Treat everyone fairly"),
    "dealing_issues": (AGREE_SCALE, AGREE_POSITIVE, None),
    "listen_concerns": (AGREE_SCALE, AGREE_POSITIVE, "Listen to concerns"),
    "understand_issues": (AGREE_SCALE, AGREE_POSITIVE, "Understand issues"),
    "trust_mps": (AGREE_SCALE, AGREE_POSITIVE, "Trust MPS"),
    "informed_local": (INFORMED_SCALE, frozenset({"very_well", "fairly_well"}), "Informed local"),
    "contact_ward_officer": (YES_NO, frozenset({"yes"}), "Contact ward officer"),
    "feel_safe_day": (SAFETY_SCALE, frozenset({"very_safe", "fairly_safe"}), None),
    "feel_safe_night": (SAFETY_SCALE, frozenset({"very_safe", "fairly_safe"}), None),
}

# question code → the MOPAC PAS item the contract maps it to (section 1). Every measure has
# one; the third element of QUESTIONS is None where the London Datastore file we ship has no
# figures for that item (e.g. Q62F), which is not the same as the PAS not asking it.
PAS_ITEMS: dict[str, str] = {
    "good_job": 'Q60 "Good Job" local',
    "relied_on": "Q62A Relied on to be there",
    "treat_fairly": "Q62C Treat everyone fairly",
    "dealing_issues": "Q62F Dealing with things that matter",
    "listen_concerns": "Q62TG Listen to concerns",
    "understand_issues": "Q62E Understand issues",
    "trust_mps": "NQ135BD Trust MPS",
    "informed_local": "Q131 Informed local",
    "contact_ward_officer": "NQ133A Contact ward officer",
    "feel_safe_day": "Q20 safe walking alone, day",
    "feel_safe_night": "Q21 safe walking alone, after dark",
}

# Every question also accepts these, after its own answers.
EXTRA_ANSWERS = (DONT_KNOW, REFUSED)

IMPORT_FIXED_COLUMNS = ("respondent_id", "completed_at", "ward_code", "age_band", "sex", "mode")


def answer_codes(question_code: str) -> tuple[str, ...]:
    """Every answer code a contract question accepts, in the order residents see them."""
    return QUESTIONS[question_code][0] + EXTRA_ANSWERS


# The pulse survey (surveys/pulse): three contract questions, the same codes and answers.
PULSE_QUESTIONS = ("informed_local", "feel_safe_night", "trust_mps")
