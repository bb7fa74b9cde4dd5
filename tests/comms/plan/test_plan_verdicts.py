"""The verdict sentences (no database)."""

from comms.plan.verdicts import points, verdict


def test_an_interval_above_zero_says_moved_by_with_the_interval():
    text = verdict(
        "Feeling well informed",
        is_trial=True,
        evaluated=True,
        estimate=0.0625,
        ci_low=0.011,
        ci_high=0.114,
    )
    assert text == "Feeling well informed moved by 6.2 points (95% interval 1.1 to 11.4)."


def test_a_fall_is_a_negative_move():
    text = verdict(
        "Trust in the police",
        is_trial=True,
        evaluated=True,
        estimate=-0.04,
        ci_low=-0.079,
        ci_high=-0.001,
    )
    assert text == "Trust in the police moved by -4.0 points (95% interval -7.9 to -0.1)."


def test_an_interval_including_zero_is_not_shown_to_have_moved():
    text = verdict(
        "Feeling well informed",
        is_trial=True,
        evaluated=True,
        estimate=0.03,
        ci_low=-0.02,
        ci_high=0.08,
    )
    assert text.startswith("Feeling well informed was not shown to have moved")
    assert "-2.0 to 8.0" in text


def test_no_estimate_and_not_yet_evaluated_and_not_a_trial():
    assert "too few answers" in verdict("X", is_trial=True, evaluated=True)
    assert "not been evaluated yet" in verdict("X", is_trial=True)
    assert "cannot separate the action from the general trend" in verdict("X", is_trial=False)


def test_points_never_show_minus_zero():
    assert points(-0.0001) == "0.0"
