"""The public grid and reference codes (no database)."""

from surveys.models.unsafe_places import new_reference, normalise_reference, round_coordinate
from surveys.unsafe_places.aggregates import grid_cell, grid_steps
from surveys.unsafe_places.moderation import distance_metres


def test_grid_squares_are_about_500_metres_on_each_side_in_the_borough():
    dlat, dlng = grid_steps()
    north_south = distance_metres(51.56, 0.2, 51.56 + dlat, 0.2)
    east_west = distance_metres(51.56, 0.2, 51.56, 0.2 + dlng)
    assert 490 < north_south < 510
    assert 490 < east_west < 510


def test_points_a_few_metres_apart_share_a_square_and_far_points_do_not():
    assert grid_cell(51.57681, 0.18371) == grid_cell(51.57683, 0.18372)
    assert grid_cell(51.5768, 0.1837) != grid_cell(51.5868, 0.1837)


def test_pins_are_rounded_to_four_decimal_places():
    assert str(round_coordinate(51.576849)) == "51.5768"
    assert str(round_coordinate(-0.000051)) == "-0.0001"


def test_a_reference_survives_how_residents_type_it():
    reference = new_reference()
    typed = " " + reference.lower().replace("-", " ").replace("0", "o") + " "
    assert normalise_reference(typed) == reference
    assert normalise_reference("UP-123") == ""
