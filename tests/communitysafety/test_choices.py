"""FrozenChoices: fixed choices that every form and serializer instance shares, uncopied."""

import copy

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communitysafety.common.choices import FrozenChoices

COLOURS = [("red", _("Red")), ("green", _("Green")), ("blue", "Blue")]


class ColourForm(forms.Form):
    colour = forms.ChoiceField(choices=FrozenChoices(COLOURS), widget=forms.RadioSelect)
    colours = forms.MultipleChoiceField(
        choices=FrozenChoices(COLOURS), widget=forms.CheckboxSelectMultiple, required=False
    )


class ListColourForm(forms.Form):
    colour = forms.ChoiceField(choices=COLOURS, widget=forms.RadioSelect)
    colours = forms.MultipleChoiceField(
        choices=COLOURS, widget=forms.CheckboxSelectMultiple, required=False
    )


def test_copy_and_deepcopy_return_the_same_object():
    choices = FrozenChoices(COLOURS)

    assert copy.copy(choices) is choices
    assert copy.deepcopy(choices) is choices
    assert copy.deepcopy({"choices": choices})["choices"] is choices


def test_iterating_gives_the_choices_in_order():
    choices = FrozenChoices(COLOURS)

    assert list(choices) == COLOURS
    assert list(choices) == COLOURS  # again: not a one-shot iterator
    assert len(choices) == 3
    assert choices[1] == ("green", "Green")


def test_each_form_instance_shares_the_choices_of_its_class():
    first, second = ColourForm(), ColourForm()

    assert first.fields["colour"].choices is second.fields["colour"].choices
    assert first.fields["colour"].widget.choices is second.fields["colour"].widget.choices
    assert first.fields["colour"] is not second.fields["colour"]  # fields are still copied


def test_a_form_with_frozen_choices_renders_as_one_with_a_list():
    assert ColourForm().as_div() == ListColourForm().as_div()
    bound = {"colour": "green", "colours": ["red", "blue"]}
    assert ColourForm(bound).as_div() == ListColourForm(bound).as_div()
    assert ColourForm(bound).is_valid()
    assert not ColourForm({"colour": "purple"}).is_valid()


def test_labels_stay_lazy_so_each_request_renders_its_own_language():
    assert isinstance(FrozenChoices(COLOURS)[0][1], Promise)
