"""Pure rules that turn perceptions findings into draft communications-plan items.

No Django models here (measure names come from `perceptions.labels`, the one place
pages and the plan name a measure): the findings are small frozen dataclasses the
perceptions app (or a test) builds, and each rule returns draft items that carry the finding
that motivated them. `comms/plan/drafting.py` stores a draft; staff edit and
approve it — nothing is published automatically.

Every finding sentence is written from the figures and the test result it carries (a
change's q-value and interval, a ward's fear interval, PAS figures with their margins);
nothing is hard-coded, and a rule drafts nothing where its test does not hold.
"""

import math
from dataclasses import dataclass, field

from perceptions.labels import measure_label
from perceptions.results.findings import points, q_text

WARD_TARGETED_MEASURES = ("informed_local", "contact_ward_officer")
HIGH_FEAR_LOW_CRIME = "high_fear_low_crime"


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """A measure's change between two waves (borough-wide when ward_code is None)."""

    measure: str
    previous: float
    current: float
    significant: bool
    ward_code: str | None = None
    ward_name: str = ""
    from_wave: int | None = None
    to_wave: int | None = None
    p_value: float | None = None
    q_value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None

    @property
    def testable(self) -> bool:
        """A stored test stands behind the change (hand-built changes may have none)."""
        return self.q_value is not None or self.p_value is not None


@dataclass(frozen=True, slots=True)
class PasGap:
    """The borough's figure for a MOPAC PAS measure next to London's.

    ``borough_margin`` and ``london_margin`` are the half-widths of the 95% intervals, None
    where the series publishes none (the London Datastore PAS file publishes none).
    """

    measure: str
    borough: float
    london: float
    year: int | None = None
    borough_margin: float | None = None
    london_margin: float | None = None

    @property
    def beyond_margins(self) -> bool:
        """The gap is larger than both series' margins of error (False when one is unknown)."""
        if self.borough_margin is None or self.london_margin is None:
            return False
        gap = abs(self.london - self.borough)
        return gap > self.borough_margin and gap > self.london_margin


@dataclass(frozen=True, slots=True)
class WardFearGap:
    """A ward's place in the fear-gap chart: `quadrant` e.g. "high_fear_low_crime"."""

    ward_code: str
    ward_name: str
    quadrant: str
    unsafe_share: float | None = None
    unsafe_ci_low: float | None = None
    unsafe_ci_high: float | None = None
    fear_threshold: float | None = None
    crime_rate: float | None = None
    crime_threshold: float | None = None


@dataclass(frozen=True, slots=True)
class WardMeasure:
    """A ward's estimate of a measure; ``low_base`` when fewer than 50 answered."""

    ward_code: str
    ward_name: str
    measure: str
    value: float
    n: int | None = None
    low_base: bool = False


@dataclass(frozen=True, slots=True)
class WardUnsafeReasons:
    """Counts of reasons given in unsafe-place reports for a ward, most common first."""

    ward_code: str
    ward_name: str
    reasons: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Findings:
    """The released results one year's plan is drafted from."""

    year: int
    changes: tuple[MeasureChange, ...] = ()
    pas_gaps: tuple[PasGap, ...] = ()
    fear_gaps: tuple[WardFearGap, ...] = ()
    ward_measures: tuple[WardMeasure, ...] = ()
    unsafe_reasons: tuple[WardUnsafeReasons, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftItem:
    objective: str
    channel: str
    measure: str
    finding_kind: str
    finding: str
    key_message: str = ""
    ward_codes: tuple[str, ...] = field(default=())
    audience_groups: str = ""


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _change_finding(change: MeasureChange, where: str) -> str:
    """'…fell in the borough from 74% to 68% (2024 to 2025; a real change: q = 0.01; …)'."""
    label = measure_label(change.measure)
    text = f"'{label}' fell in {where} from {_pct(change.previous)} to {_pct(change.current)}"
    facts = []
    if change.from_wave is not None and change.to_wave is not None:
        facts.append(f"{change.to_wave} compared with {change.from_wave}")
    facts.append(f"a real change: {q_text(change.q_value)}" if change.testable else "a real change")
    if change.ci_low is not None and change.ci_high is not None:
        facts.append(
            f"{points(change.current - change.previous)} points, 95% interval "
            f"{points(change.ci_low)} to {points(change.ci_high)}"
        )
    return f"{text} ({'; '.join(facts)})."


def falling_measures(findings: Findings) -> list[DraftItem]:
    """Measures whose fall is a real change (q < 0.05): explain what is being done there."""
    items = []
    for change in findings.changes:
        if not (change.significant and change.current < change.previous):
            continue
        label = measure_label(change.measure)
        where = change.ward_name or "the borough"
        items.append(
            DraftItem(
                objective=f"Rebuild '{label}' in {where}",
                channel="newsletter",
                measure=change.measure,
                finding_kind="significant_fall",
                finding=_change_finding(change, where),
                key_message="What the partnership is doing about the concerns residents raised.",
                ward_codes=(change.ward_code,) if change.ward_code else (),
            )
        )
    return items


def below_london(findings: Findings) -> list[DraftItem]:
    """PAS measures where the borough is below London by more than both series' margins
    of error: press and social media. A gap inside a margin (or beside a series with no
    published margin) is not a gap to close, so it drafts nothing."""
    return [
        DraftItem(
            objective=f"Close the gap with London on '{measure_label(gap.measure)}'",
            channel="press",
            measure=gap.measure,
            finding_kind="below_london",
            finding=(
                f"'{measure_label(gap.measure)}' (PAS"
                + (f", 12 months to December {gap.year}" if gap.year else "")
                + f"): {_pct(gap.borough)} here (±{100 * gap.borough_margin:.1f} points) "
                f"against {_pct(gap.london)} across London (±{100 * gap.london_margin:.1f} "
                "points): a gap larger than both margins of error."
            ),
            key_message="Local policing results and how to get involved.",
        )
        for gap in findings.pas_gaps
        if gap.borough < gap.london and gap.beyond_margins
    ]


def _fear_finding(ward: WardFearGap) -> str:
    if ward.unsafe_share is None or ward.unsafe_ci_low is None or ward.unsafe_ci_high is None:
        return (
            f"In {ward.ward_name} residents feel less safe than the recorded crime "
            "there would suggest."
        )
    text = (
        f"In {ward.ward_name} {_pct(ward.unsafe_share)} feel unsafe after dark (95% interval "
        f"{_pct(ward.unsafe_ci_low)} to {_pct(ward.unsafe_ci_high)})"
    )
    if ward.fear_threshold is not None:
        text += f", above the median ward ({_pct(ward.fear_threshold)})"
    if ward.crime_rate is not None and ward.crime_threshold is not None:
        text += (
            f", while recorded crime ({ward.crime_rate:.1f} per 1,000 residents) is at or "
            f"below the median ward ({ward.crime_threshold:.1f})"
        )
    return text + "."


def reassurance(findings: Findings) -> list[DraftItem]:
    """Wards where fear is high but crime is low: reassurance roadshows."""
    return [
        DraftItem(
            objective=f"Reassurance roadshow in {ward.ward_name}",
            channel="roadshow",
            measure="feel_safe_night",
            finding_kind=HIGH_FEAR_LOW_CRIME,
            finding=_fear_finding(ward),
            key_message="Recorded crime here is low; this is what we do to keep it so.",
            ward_codes=(ward.ward_code,),
        )
        for ward in findings.fear_gaps
        if ward.quadrant == HIGH_FEAR_LOW_CRIME
    ]


def bottom_quarter(findings: Findings) -> list[DraftItem]:
    """Wards in the bottom quarter for being informed / knowing the ward officer.

    Only wards with at least 50 answers are ranked (a low-base ward's place in a ranking is
    mostly noise). Each measure gives a targeted alert and a roadshow in those wards.
    """
    items = []
    for measure in WARD_TARGETED_MEASURES:
        values = sorted(
            (m for m in findings.ward_measures if m.measure == measure and not m.low_base),
            key=lambda m: (m.value, m.ward_code),
        )
        if not values:
            continue
        bottom = values[: max(1, math.floor(len(values) / 4))]
        names = ", ".join(m.ward_name for m in bottom)
        codes = tuple(m.ward_code for m in bottom)
        label = measure_label(measure)
        figures = ", ".join(f"{m.ward_name} {_pct(m.value)}" for m in bottom)
        finding = (
            f"Bottom quarter of the {len(values)} wards with at least 50 answers for "
            f"'{label}': {figures}."
        )
        for channel, objective in (
            ("alert", f"Targeted alerts on '{label}' in {names}"),
            ("roadshow", f"Roadshows on '{label}' in {names}"),
        ):
            items.append(
                DraftItem(
                    objective=objective,
                    channel=channel,
                    measure=measure,
                    finding_kind="bottom_quarter",
                    finding=finding,
                    key_message="Who your ward officers are and how to reach them.",
                    ward_codes=codes,
                )
            )
    return items


def unsafe_places(findings: Findings, top: int = 3) -> list[DraftItem]:
    """The most common unsafe-place reasons in each ward: a partner action each."""
    items = []
    for ward in findings.unsafe_reasons:
        reasons = [reason for reason, count in ward.reasons[:top] if count > 0]
        if not reasons:
            continue
        items.append(
            DraftItem(
                objective=f"Partner action on {', '.join(reasons)} in {ward.ward_name}",
                channel="partner",
                measure="feel_safe_day",
                finding_kind="unsafe_places",
                finding=f"Residents' reports in {ward.ward_name} most often cite: "
                + ", ".join(f"{reason} ({count})" for reason, count in ward.reasons[:top])
                + ".",
                ward_codes=(ward.ward_code,),
            )
        )
    return items


RULES = (falling_measures, below_london, reassurance, bottom_quarter, unsafe_places)


def draft_items(findings: Findings) -> list[DraftItem]:
    """Every rule's items, in rule order."""
    return [item for rule in RULES for item in rule(findings)]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Next wave's change in an item's target measure, in each of its wards (or borough-wide).

    ``evaluable`` is False when no tested change exists for the target (not measured,
    suppressed, or no test): then the table says so instead of "Significant: No".
    """

    measure: str
    ward_code: str | None
    ward_name: str
    previous: float | None
    current: float | None
    significant: bool
    evaluable: bool = True
    q_value: float | None = None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def evaluate(measure: str, ward_codes: tuple[str, ...], next_wave: Findings) -> list[Evaluation]:
    """Match an item's measure and wards to the next wave's changes (None where not measured)."""
    changes = {(c.measure, c.ward_code): c for c in next_wave.changes}
    results = []
    for code in ward_codes or (None,):
        change = changes.get((measure, code))
        results.append(
            Evaluation(
                measure=measure,
                ward_code=code,
                ward_name=change.ward_name if change else "",
                previous=change.previous if change else None,
                current=change.current if change else None,
                significant=bool(change and change.significant),
                evaluable=bool(change and (change.testable or change.significant)),
                q_value=change.q_value if change else None,
            )
        )
    return results
