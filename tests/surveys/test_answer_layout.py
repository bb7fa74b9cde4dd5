"""A wave's answer layout: where each question's answer sits in a packed response, and
what its numbers mean, for good (surveys.answer_layout)."""

import pytest

from surveys.answer_layout import MAX_COMBINABLE, Layout, layout_with
from surveys.models import Wave
from tests.surveys.factories import WaveFactory


def test_answers_pack_to_one_number_per_question_and_read_back_by_code():
    layout = Layout([]).extended(
        [("good_job", "good"), ("good_job", "poor"), ("victim_types", "online")]
    )
    layout = layout.extended([("victim_types", "burglary"), ("trust_mps", "neither")])

    packed = layout.encode({"trust_mps": ["neither"], "victim_types": ["burglary", "online"]})

    assert packed == [None, -0b11, 1]  # good_job unanswered; a bitmask, negated; trust_mps
    assert dict(layout.decode(packed)) == {
        "victim_types": ["online", "burglary"],  # in the order the codes were numbered
        "trust_mps": ["neither"],
    }
    assert dict(layout.decode(layout.encode({"good_job": ["poor"]}))) == {"good_job": ["poor"]}
    assert list(layout.decode([])) == [] and list(layout.decode(None)) == []


def test_extending_a_layout_never_moves_what_is_already_numbered():
    layout = Layout([]).extended([("a", "x"), ("b", "y")])
    stored = layout.encode({"a": ["x"], "b": ["y"]})

    later = layout.extended([("c", "z"), ("a", "w"), ("b", "y")])

    assert later.entries == [["a", ["x", "w"]], ["b", ["y"]], ["c", ["z"]]]
    assert dict(later.decode(stored)) == {"a": ["x"], "b": ["y"]}
    assert later.missing([("a", "w"), ("d", "v"), ("d", "v")]) == [("d", "v")]


def test_a_single_answer_may_have_any_number_but_only_the_first_thirty_combine():
    codes = [f"option_{n}" for n in range(1, MAX_COMBINABLE + 3)]
    layout = Layout([["q", codes]])

    assert layout.element("q", [codes[-1]]) == MAX_COMBINABLE + 2
    assert dict(layout.decode([layout.element("q", codes[:MAX_COMBINABLE])])) == {
        "q": codes[:MAX_COMBINABLE]
    }
    with pytest.raises(ValueError, match="cannot be combined"):
        layout.element("q", [codes[0], codes[MAX_COMBINABLE]])
    with pytest.raises(KeyError):
        layout.element("q", ["not_numbered"])


@pytest.mark.django_db
def test_the_wave_keeps_its_layout_as_writers_extend_it():
    wave = WaveFactory(bank=False)
    stale = Wave.objects.get(pk=wave.pk)

    first = layout_with(wave, [("good_job", "good")])
    second = layout_with(stale, [("trust_mps", "neither")])  # read before the first write

    assert first.entries == [["good_job", ["good"]]]
    assert second.entries == [["good_job", ["good"]], ["trust_mps", ["neither"]]]
    assert Wave.objects.get(pk=wave.pk).answer_layout == second.entries
    assert layout_with(stale, [("good_job", "good")]).entries == second.entries
