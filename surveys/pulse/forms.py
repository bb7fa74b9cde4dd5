"""The pulse survey form: three contract questions, the ward and the age band."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from communitysafety.wards.models import Ward
from surveys import contract
from surveys.annual.bank import LABELS

QUESTION_WORDING = {
    "informed_local": _(
        "How well informed do you feel about what the police have been doing in your area?"
    ),
    "feel_safe_night": _("How safe do you feel walking alone in your area after dark?"),
    "trust_mps": _("How far do you agree: I trust the Metropolitan Police Service."),
}
QUESTION_ERRORS = {
    "informed_local": _("Select how well informed you feel"),
    "feel_safe_night": _("Select how safe you feel after dark"),
    "trust_mps": _("Select how far you agree"),
}


class PulseForm(forms.Form):
    """Every question is required (with "Don't know" and "Prefer not to say" offered), so
    an error summary names what is missing; the age band may be withheld."""

    ward = forms.ModelChoiceField(
        queryset=Ward.objects.order_by("name"),
        label=_("Which ward do you live in?"),
        empty_label=_("Choose your ward"),
        error_messages={"required": _("Select the ward you live in")},
    )
    age_band = forms.ChoiceField(
        label=_("How old are you?"),
        choices=[*AgeBand.choices, ("", _("Prefer not to say"))],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code in contract.PULSE_QUESTIONS:
            self.fields[code] = forms.ChoiceField(
                label=QUESTION_WORDING[code],
                choices=[(a, LABELS[a]) for a in contract.answer_codes(code)],
                widget=forms.RadioSelect,
                error_messages={
                    "required": QUESTION_ERRORS[code],
                    "invalid_choice": QUESTION_ERRORS[code],
                },
            )
        # Questions first, then who you are (as residents read it).
        order = [*contract.PULSE_QUESTIONS, "ward", "age_band"]
        self.order_fields(order)

    def clean_age_band(self) -> str:
        value = self.cleaned_data.get("age_band", "")
        if value and value not in AgeBand.values:
            raise forms.ValidationError(_("Select your age band or Prefer not to say"))
        return value
