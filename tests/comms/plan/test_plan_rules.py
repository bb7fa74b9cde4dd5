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


def test_pas_measures_below_london_beyond_both_margins_give_press_items():
    findings = Findings(
        2026,
        pas_gaps=(
            PasGap("trust_mps", 0.70, 0.75, 2025, borough_margin=0.03, london_margin=0.01),
            PasGap("good_job", 0.50, 0.45, 2025, borough_margin=0.03, london_margin=0.01),
            # Inside the borough's margin of error: not a gap to close.
            PasGap("relied_on", 0.50, 0.52, 2025, borough_margin=0.03, london_margin=0.01),
        ),
    )
    [item] = below_london(findings)
    assert item.measure == "trust_mps" and item.channel == "press"
    assert "70% here (±3.0 points)" in item.finding and "75% across London" in item.finding


def test_a_gap_beside_a_series_without_margins_of_error_drafts_nothing():
    # The London Datastore PAS file publishes no margins of error.
    assert below_london(Findings(2026, pas_gaps=(PasGap("trust_mps", 0.40, 0.75),))) == []


def test_a_fall_finding_names_the_waves_the_q_value_and_the_interval():
    change = MeasureChange("trust_mps", 0.74, 0.68, True, from_wave=2024, to_wave=2025,
                           p_value=0.001, q_value=0.004, ci_low=-0.09, ci_high=-0.03)  # fmt: skip
    [item] = falling_measures(Findings(2026, changes=(change,)))
    assert item.finding == (
        "'Trust in the police' fell in the borough from 74% to 68% (2025 compared with 2024; "
        "a real change: q = 0.004; −6.0 points, 95% interval −9.0 to −3.0)."
    )


def test_low_base_wards_are_left_out_of_the_bottom_quarter():
    values = [0.10, 0.30, 0.35, 0.60, 0.62, 0.65, 0.70, 0.72, 0.80]
    findings = Findings(
        2026,
        ward_measures=tuple(
            WardMeasure(
                f"E{n}", f"Ward {n}", "informed_local", v, n=30 if n == 0 else 80, low_base=n == 0
            )  # fmt: skip
            for n, v in enumerate(values)
        ),
    )
    items = bottom_quarter(findings)
    assert all(i.ward_codes == ("E1", "E2") for i in items)
    assert "Ward 0" not in items[0].finding and "of the 8 wards" in items[0].finding


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
            MeasureChange("contact_ward_officer", 0.20, 0.31, True, "E1", "Hylands",
                          p_value=0.001, q_value=0.01),
            MeasureChange("contact_ward_officer", 0.25, 0.26, False, p_value=0.7, q_value=0.8),
        ),
    )  # fmt: skip
    [hylands, other] = evaluate("contact_ward_officer", ("E1", "E9"), next_wave)
    assert round(hylands.change, 2) == 0.11 and hylands.significant and hylands.evaluable
    assert other.change is None and not other.evaluable
    [borough] = evaluate("contact_ward_officer", (), next_wave)
    assert round(borough.change, 2) == 0.01 and not borough.significant and borough.evaluable
