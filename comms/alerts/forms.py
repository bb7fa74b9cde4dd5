"""Sign-up, preferences and new-link forms for local alerts.

Addresses and numbers are validated strictly: one address, no line breaks
(so nothing can be injected into a mail header), UK mobile numbers only, kept
in international format.
"""

import re

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from comms.models import Subscriber
from communitysafety.vocabularies.models import Topic
from communitysafety.wards.models import Ward

_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")
_BREAKS = re.compile(r"[\r\n\x00-\x1f\x7f]")


def clean_email_address(value: str) -> str:
    value = (value or "").strip()
    if _BREAKS.search(value) or "," in value or ";" in value or " " in value:
        raise forms.ValidationError(
            _("Enter one email address, like name@example.org"), code="invalid"
        )
    message = _("Enter an email address in the correct format, like name@example.org")
    EmailValidator(message=message)(value)
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_mobile_number(value: str) -> str:
    """A UK mobile number as +447…; '' when left empty."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if _BREAKS.search(raw):
        raise forms.ValidationError(_("Enter a UK mobile number, like 07700 900 982"))
    compact = re.sub(r"[\s\-()]", "", raw)
    if not _MOBILE.match(compact):
        raise forms.ValidationError(_("Enter a UK mobile number, like 07700 900 982"))
    return "+44" + compact[-10:]


class ChoicesForm(forms.Form):
    """What a resident wants to hear about and where."""

    wards = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Wards"),
        help_text=_("Leave all unticked to hear about the whole borough."),
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
    )
    wants_events = forms.BooleanField(required=False, label=_("Events near me"))
    wants_survey_results = forms.BooleanField(required=False, label=_("Survey results"))

    def clean(self):
        data = super().clean()
        if not (data.get("topics") or data.get("wants_events") or data.get("wants_survey_results")):
            raise forms.ValidationError(
                _("Choose at least one topic, events or survey results"), code="nothing_chosen"
            )
        return data

    def save_choices(self, subscriber: Subscriber) -> None:
        subscriber.wants_events = self.cleaned_data["wants_events"]
        subscriber.wants_survey_results = self.cleaned_data["wants_survey_results"]
        subscriber.save(update_fields=["wants_events", "wants_survey_results"])
        subscriber.wards.set(self.cleaned_data["wards"])
        subscriber.topics.set(self.cleaned_data["topics"])


class MobileMixin(forms.Form):
    """The optional mobile number and its own consent, present only when SMS is offered.

    A number is kept only with the text-message box ticked; without SMS on offer the
    fields are removed and `cleaned_data["mobile"]` is always empty.
    """

    mobile = forms.CharField(
        label=_("Mobile number (optional)"),
        help_text=_("For text messages as well as emails. UK mobiles only."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    sms_consent = forms.BooleanField(
        required=False, label=_("I agree to receive local alerts by text message to this number.")
    )

    def __init__(self, *args, offer_sms: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_sms = offer_sms
        if not offer_sms:
            del self.fields["mobile"], self.fields["sms_consent"]

    def clean_mobile(self) -> str:
        return clean_mobile_number(self.cleaned_data["mobile"])

    def clean(self):
        data = super().clean()
        if not self.offer_sms:
            data["mobile"] = ""
        elif data.get("mobile") and not data.get("sms_consent"):
            self.add_error(
                "sms_consent", _("Tick the box to get text messages, or leave the number out")
            )
        return data


class SubscribeForm(MobileMixin, ChoicesForm):
    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to receive local alerts by email."),
        help_text=_(
            "We keep only your contact details, your choices and when you agreed. You can "
            "change them or leave at any time from any message."
        ),
        error_messages={"required": _("Tick the box to agree to receive alerts")},
    )
    field_order = [
        "email",
        "mobile",
        "sms_consent",
        "wards",
        "topics",
        "wants_events",
        "wants_survey_results",
    ]

    def clean_email(self) -> str:
        return clean_email_address(self.cleaned_data["email"])


class PreferencesForm(MobileMixin, ChoicesForm):
    # Off by default; unticking withdraws consent and unlinks past answers (linking.py).
    pulse_link = forms.BooleanField(
        required=False,
        label=_(
            "Link my answers to the three-question pulse survey to my alerts, so the "
            "partnership can see whether alerts help residents feel informed."
        ),
        help_text=_(
            "We link them with a random code, never your email address. Untick to stop; "
            "leaving alerts removes the link too."
        ),
    )
    field_order = [
        "mobile",
        "sms_consent",
        "wards",
        "topics",
        "wants_events",
        "wants_survey_results",
    ]


class NewLinkForm(forms.Form):
    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self) -> str:
        return clean_email_address(self.cleaned_data["email"])
