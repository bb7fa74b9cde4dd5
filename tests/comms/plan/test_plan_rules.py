"""Each drafting rule produces its item from constructed findings (no database)."""

from comms.plan.rules import (
    Findings,
    MeasureChange,
    PasGap,
    WardFearGap,
    WardMeasure,
    WardUnsafeReasons,
    below_london,
    bottom_quarter,
    draft_items,
    falling_measures,
    reassurance,
    unsafe_places,
)


def test_a_significant_fall_gives_an_item_naming_the_fall():
    findings = Findings(
        2026,
        changes=(
            MeasureChange("trust_mps", 0.72, 0.65, significant=True),
            MeasureChange("good_job", 0.60, 0.55, significant=False),  # not significant
            MeasureChange("relied_on", 0.50, 0.58, significant=True),  # a rise
        ),
    )
    [item] = falling_measures(findings)
    assert item.measure == "trust_mps" and item.finding_kind == "significant_fall"
    assert "72%" in item.finding and "65%" in item.finding
    assert item.ward_codes == ()


def test_a_ward_level_fall_targets_that_ward():
    change = MeasureChange("good_job", 0.6, 0.4, True, ward_code="E05000001", ward_name="North")
    [item] = falling_measures(Findings(2026, changes=(change,)))
    assert item.ward_codes == ("E05000001",) and "North" in item.objective


def test_pas_measures_below_london_give_press_items():
    findings = Findings(
        2026, pas_gaps=(PasGap("trust_mps", 0.70, 0.75), PasGap("good_job", 0.50, 0.45))
    )
    [item] = below_london(findings)
    assert item.measure == "trust_mps" and item.channel == "press"
    assert "70%" in item.finding and "75%" in item.finding


def test_high_fear_low_crime_wards_get_reassurance_roadshows():
    findings = Findings(
        2026,
        fear_gaps=(
            WardFearGap("E1", "Hylands", "high_fear_low_crime"),
            WardFearGap("E2", "Romford Town", "high_fear_high_crime"),
        ),
    )
    [item] = reassurance(findings)
    assert item.channel == "roadshow" and item.ward_codes == ("E1",)


def test_bottom_quarter_wards_get_targeted_alerts_and_roadshows():
    values = [0.30, 0.35, 0.60, 0.62, 0.65, 0.70, 0.72, 0.80]
    findings = Findings(
        2026,
        ward_measures=tuple(
            WardMeasure(f"E{n}", f"Ward {n}", "informed_local", v) for n, v in enumerate(values)
        ),
    )
    items = bottom_quarter(findings)
    assert [i.channel for i in items] == ["alert", "roadshow"]
    assert all(i.ward_codes == ("E0", "E1") for i in items)
    assert all(i.measure == "informed_local" for i in items)


def test_top_unsafe_place_reasons_become_partner_actions():
    findings = Findings(
        2026,
        unsafe_reasons=(
            WardUnsafeReasons(
                "E1",
                "Hylands",
                (("poor lighting", 9), ("drug dealing", 4), ("litter", 2), ("x", 1)),
            ),
            WardUnsafeReasons("E2", "Empty", ()),
        ),
    )
    [item] = unsafe_places(findings)
    assert item.channel == "partner" and item.ward_codes == ("E1",)
    assert "poor lighting (9)" in item.finding and "x (1)" not in item.finding


def test_no_findings_no_items():
    assert draft_items(Findings(2026)) == []


def test_evaluation_matches_next_waves_change_by_measure_and_ward():
    from comms.plan.rules import evaluate

    next_wave = Findings(
        2028,
        changes=(
            MeasureChange("contact_ward_officer", 0.20, 0.31, True, "E1", "Hylands"),
            MeasureChange("contact_ward_officer", 0.25, 0.26, False),
        ),
    )
    [hylands, other] = evaluate("contact_ward_officer", ("E1", "E9"), next_wave)
    assert round(hylands.change, 2) == 0.11 and hylands.significant
    assert other.change is None
    [borough] = evaluate("contact_ward_officer", (), next_wave)
    assert round(borough.change, 2) == 0.01 and not borough.significant
