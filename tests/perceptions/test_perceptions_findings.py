"""Key findings are written from the results: real changes only when significant."""

from perceptions.results.findings import key_findings, q_text


def rows(measure, before, after):
    return [
        {"measure": measure, "wave": 2023, "group": "borough", "group_value": "all",
         "estimate": before},
        {"measure": measure, "wave": 2024, "group": "borough", "group_value": "all",
         "estimate": after},
    ]  # fmt: skip


def change(measure, difference, q, significant, p=None, se=0.02):
    return {
        "p_value": q if p is None else p,
        "se": se,
        "measure": measure,
        "group": "borough",
        "group_value": "all",
        "from_wave": 2023,
        "to_wave": 2024,
        "difference": difference,
        "q_value": q,
        "significant": significant,
    }


def test_real_rise_and_no_real_change_sentences():
    estimates = rows("informed_local", 0.28, 0.35) + rows("trust_mps", 0.62, 0.60)
    changes = [
        change("informed_local", 0.07, 0.012, True),
        change("trust_mps", -0.02, 0.4, False),
    ]
    texts = [f["text"] for f in key_findings(estimates, changes)]
    assert texts == [
        "Feeling well informed rose from 28% to 35% (a real change: q = 0.01)",
        "No real change in trust in the police (62% to 60%, a change of −2.0 points, 95% interval"
        " −5.9 to +1.9; within the margin of error)",
    ]


def test_a_real_fall_is_called_a_fall():
    findings = key_findings(rows("good_job", 0.5, 0.4), [change("good_job", -0.1, 0.0004, True)])
    assert findings[0]["text"].startswith("Police doing a good job locally fell from 50% to 40%")
    assert findings[0]["text"].endswith("(a real change: q < 0.001)")


def test_a_large_but_not_significant_difference_is_not_called_real():
    findings = key_findings(rows("good_job", 0.3, 0.5), [change("good_job", 0.2, 0.06, False)])
    assert findings[0]["text"].startswith("No real change")


def test_p_below_005_but_q_above_says_not_shown_after_comparisons_with_the_interval():
    big = change("good_job", 0.123, 0.567, False, p=0.033, se=0.0577)
    [finding] = key_findings(rows("good_job", 0.30, 0.423), [big])
    assert finding["verdict"] == "not_after_comparisons"
    assert "No real change" not in finding["text"]
    assert "margin of error" not in finding["text"]
    assert (
        "not shown to be a real change after allowing for the number of comparisons (q = 0.57)"
        in finding["text"]
    )
    assert "a change of +12.3 points, 95% interval +1.0 to +23.6:" in finding["text"]


def test_a_change_with_a_stored_interval_shows_that_interval():
    stored = change("good_job", -0.02, 0.4, False) | {"ci_low": -0.061, "ci_high": 0.021}
    [finding] = key_findings(rows("good_job", 0.5, 0.48), [stored])
    assert "95% interval −6.1 to +2.1;" in finding["text"]


def test_other_groups_and_suppressed_waves_give_no_finding():
    estimates = rows("good_job", None, 0.5)
    assert key_findings(estimates, [change("good_job", 0.1, 0.01, True)]) == []


def test_q_text():
    assert q_text(0.0123) == "q = 0.01"
    assert q_text(0.0042) == "q = 0.004"
    assert q_text(None) == "q not tested"


def test_small_real_change_shows_a_decimal_place():
    findings = key_findings(rows("good_job", 0.351, 0.354), [change("good_job", 0.003, 0.01, True)])
    assert "rose from 35.1% to 35.4%" in findings[0]["text"]
