"""Forms for the resident's journey, built from the wave's question bank.

Radios and checkboxes only (no dropdown with a pre-selected first answer), each
question a fieldset whose legend is the wording; Don't know / Prefer not to say
after an "or" divider where the bank offers them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from communitysafety.common.sanitise import plain_text
from communitysafety.wards.enums import AgeBand
from communitysafety.wards.models import Ward
from surveys import contract
from surveys.annual.bank import LABELS
from surveys.enums import Mode, Sex
from surveys.geocoding import GeocoderUnavailable, ward_code_for
from surveys.models.questions import Question, QuestionKind

EXCLUSIVE = frozenset({contract.DONT_KNOW, contract.REFUSED})
HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every input give themselves away."""

    website = forms.CharField(required=False, label=_("Leave this empty"))

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


def _choices(question: Question) -> list[tuple[str, str]]:
    choices = [(o.code, o.label) for o in question.options.all()]
    if question.offers_dont_know:
        choices.append((contract.DONT_KNOW, str(LABELS[contract.DONT_KNOW])))
    if question.offers_refused:
        choices.append((contract.REFUSED, str(LABELS[contract.REFUSED])))
    return choices


class SectionForm(forms.Form):
    """One section's questions; field names are the question codes."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            required_message = _("Select an answer to “%(question)s”") % {
                "question": question.wording
            }
            invalid_message = _("Select one of the answers shown for “%(question)s”") % {
                "question": question.wording
            }
            messages = {"required": required_message, "invalid_choice": invalid_message}
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    required=question.required,
                    max_length=question.max_length,
                    error_messages={
                        "required": _("Enter your answer to “%(question)s”")
                        % {"question": question.wording},
                        "max_length": _("Your answer must be %(limit)d characters or fewer")
                        % {"limit": question.max_length},
                    },
                )
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=_choices(question), required=question.required, error_messages=messages
                )
            else:
                field = forms.ChoiceField(
                    choices=_choices(question), required=question.required, error_messages=messages
                )
            field.label = question.wording
            field.help_text = question.hint
            field.question = question
            self.fields[question.code] = field

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            value = cleaned.get(question.code)
            if question.kind == QuestionKind.TEXT and value:
                cleaned[question.code] = plain_text(value)
            exclusive_mixed = value and EXCLUSIVE.intersection(value) and len(value) > 1
            if question.kind == QuestionKind.MULTIPLE and exclusive_mixed:
                self.add_error(
                    question.code,
                    _("Select “Prefer not to say” on its own, or other answers"),
                )
        return cleaned


WARD_UNKNOWN = "dont_know"
WARD_REFUSED = "refused"


class AboutYouForm(forms.Form):
    """Ward, age band and sex: used to weight results, each can be declined."""

    ward = forms.ChoiceField(
        label=_("Which ward do you live in?"),
        help_text=_("Wards are the areas councillors are elected for."),
        error_messages={
            "required": _("Select your ward, or “I don't know” or “Prefer not to say”"),
            "invalid_choice": _("Select a ward from the list"),
        },
    )
    postcode = forms.CharField(
        label=_("Or enter your postcode to find your ward"), required=False, max_length=10
    )
    age_band = forms.ChoiceField(
        label=_("How old are you?"),
        choices=[*AgeBand.choices, (contract.REFUSED, LABELS[contract.REFUSED])],
        error_messages={
            "required": _("Select your age group, or “Prefer not to say”"),
            "invalid_choice": _("Select one of the age groups shown"),
        },
    )
    sex = forms.ChoiceField(
        label=_("What is your sex?"),
        help_text=_("Optional."),
        choices=Sex.choices,
        required=False,
        error_messages={"invalid_choice": _("Select one of the answers shown")},
    )

    def __init__(self, *args, geocoder=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.geocoder = geocoder
        self.wards = {w.code: w for w in Ward.objects.all()}
        self.fields["ward"].choices = [
            ("", _("Choose your ward")),
            *((w.code, w.name) for w in self.wards.values()),
            (WARD_UNKNOWN, _("I don't know")),
            (WARD_REFUSED, _("Prefer not to say")),
        ]
        if geocoder is None:
            del self.fields["postcode"]
        else:
            self.fields["ward"].required = False

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode", "")
        if self.geocoder is not None and not cleaned.get("ward") and "ward" not in self.errors:
            if not postcode:
                self.add_error("ward", _("Select your ward or enter your postcode"))
            else:
                try:
                    code = ward_code_for(self.geocoder, postcode)
                except GeocoderUnavailable:
                    self.add_error(
                        "postcode",
                        _("We cannot look up postcodes at the moment: select your ward instead"),
                    )
                else:
                    if code in self.wards:
                        cleaned["ward"] = code
                    else:
                        self.add_error(
                            "postcode",
                            _(
                                "We could not find a ward for that postcode: "
                                "select your ward instead"
                            ),
                        )
        return cleaned

    def ward_instance(self) -> Ward | None:
        return self.wards.get(self.cleaned_data.get("ward", ""))


class AssistedStartForm(HoneypotMixin):
    mode = forms.ChoiceField(
        label=_("How are the answers being collected?"),
        choices=[c for c in Mode.choices if c[0] != Mode.ONLINE],
        error_messages={"required": _("Select how the answers are being collected")},
    )


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Resume code"),
        help_text=_("12 letters and numbers, for example ABCD-EFGH-JKMN."),
        max_length=20,
        error_messages={"required": _("Enter your resume code")},
    )


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We use it only to send this link; it is not kept with your answers."),
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
