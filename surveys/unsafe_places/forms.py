"""The resident's report form: a pin from the map, or the place in words and a ward.

Without JavaScript the hidden point fields stay empty and the resident names the
place and picks the ward; with the map, the pin fills them. Both paths end in
`surveys.unsafe_places.submission.NewReport`, exactly like the API.
"""

import math

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communitysafety.common.choices import FrozenChoices
from communitysafety.wards.models import Ward
from surveys.geocoding import GeocoderUnavailable
from surveys.models.unsafe_places import DESCRIPTION_MAX_LENGTH
from surveys.unsafe_places.choices import (
    AGE_BANDS,
    BEHAVIOURAL,
    ENVIRONMENTAL,
    IDENTITY_RELATED,
    SEXES,
    TIMES_OF_DAY,
)
from surveys.unsafe_places.enums import LocationSource
from surveys.unsafe_places.submission import (
    NewReport,
    ward_at,
    ward_by_code,
    ward_for_text,
    wards_by_code,
)

ERROR_POINT = _("The pin must be a point on the map. Drop it again or name the place instead.")

_ward_choices: dict[str, object] = {"wards": None, "choices": None}


def ward_choices() -> FrozenChoices:
    """The ward select's choices, built once per `wards_by_code()` result: that dict is
    replaced when the wards change (after `load_wards`), so a ward added since shows."""
    wards = wards_by_code()
    if _ward_choices["wards"] is not wards:
        # Choices first: another thread that sees the new wards must see their choices.
        _ward_choices["choices"] = FrozenChoices(
            [("", _("Choose a ward")), *((code, ward.name) for code, ward in wards.items())]
        )
        _ward_choices["wards"] = wards
    return _ward_choices["choices"]  # type: ignore[return-value]


class UnsafePlaceForm(forms.Form):
    latitude = forms.CharField(required=False, widget=forms.HiddenInput, max_length=30)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput, max_length=30)
    place = forms.CharField(
        label=_("Name the place"),
        help_text=_(
            "For example, the street, park, station or bus stop. Do not give a home address."
        ),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Name the place in 200 characters or fewer.")},
    )
    ward = forms.ChoiceField(
        label=_("Ward"), help_text=_("Not needed if you dropped a pin on the map."), required=False
    )
    # Only when a geocoder is configured (see surveys.geocoding); looked up, never stored.
    postcode = forms.CharField(
        label=_("Or enter a postcode or street to find the ward"),
        help_text=_(
            "Instead of choosing the ward. We use it only to find the ward. We do not keep it."
        ),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Enter a postcode or street in 100 characters or fewer.")},
    )
    environmental = forms.MultipleChoiceField(
        label=_("Something about the place"),
        choices=ENVIRONMENTAL,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    behavioural = forms.MultipleChoiceField(
        label=_("Someone's behaviour"),
        choices=BEHAVIOURAL,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_of_day = forms.ChoiceField(
        label=_("When did it feel unsafe?"),
        choices=TIMES_OF_DAY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when the place felt unsafe.")},
    )
    description = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_(
            "Up to 500 characters. Do not include names, phone numbers, car registrations or "
            "anything else that identifies you or anyone else."
        ),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH * 4,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    age_band = forms.ChoiceField(
        label=_("Your age"), choices=AGE_BANDS, required=False, widget=forms.RadioSelect
    )
    sex = forms.ChoiceField(
        label=_("Your sex"), choices=SEXES, required=False, widget=forms.RadioSelect
    )
    identity_related = forms.ChoiceField(
        label=_("Did the place feel unsafe because of who you are?"),
        help_text=_("For example, your sex, race, religion, disability or sexuality."),
        choices=IDENTITY_RELATED,
        required=False,
        widget=forms.RadioSelect,
    )
    # Honeypot: hidden from people by CSS and from assistive technology; bots fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, geocoder=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.geocoder = geocoder
        if geocoder is None:
            del self.fields["postcode"]
        # The per-process ward list (refreshed after `load_wards`): no query per request.
        self.fields["ward"].choices = ward_choices()
        self.ward_obj: Ward | None = None
        self.source = LocationSource.WORDS

    def _coordinate(self, name: str, low: float, high: float) -> float | None:
        raw = (self.cleaned_data.get(name) or "").strip()
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            return math.nan
        return value if math.isfinite(value) and low <= value <= high else math.nan

    def clean_description(self) -> str:
        from communitysafety.common.sanitise import plain_text

        text = plain_text(self.cleaned_data.get("description"))
        if len(text) > DESCRIPTION_MAX_LENGTH:
            raise forms.ValidationError(
                _("Keep the description to 500 characters or fewer (it has %(n)s).")
                % {"n": len(text)}
            )
        return text

    def clean_place(self) -> str:
        from communitysafety.common.sanitise import plain_text

        return plain_text(self.cleaned_data.get("place"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Your report was not sent. Leave the last field empty and try again."),
                code="honeypot",
            )
        if not (cleaned.get("environmental") or cleaned.get("behavioural")):
            self.add_error("environmental", _("Choose at least one reason the place felt unsafe."))
        lat = self._coordinate("latitude", -90, 90)
        lng = self._coordinate("longitude", -180, 180)
        if lat is not None or lng is not None:
            if lat is None or lng is None or math.isnan(lat) or math.isnan(lng):
                self.add_error("place", ERROR_POINT)
                return cleaned
            ward = ward_at(lat, lng)
            if ward is None:
                self.add_error(
                    "place",
                    _("The pin is outside %(borough)s. Move it, or name the place instead.")
                    % {"borough": settings.BOROUGH_NAME},
                )
                return cleaned
            self.ward_obj, self.source = ward, LocationSource.MAP
            cleaned["lat"], cleaned["lng"] = lat, lng
            return cleaned
        if not cleaned.get("place"):
            self.add_error("place", _("Drop a pin on the map, or name the place."))
        postcode = cleaned.get("postcode", "").strip()
        if cleaned.get("ward"):
            self.ward_obj = ward_by_code(cleaned["ward"])
        elif self.geocoder is None:
            self.add_error("ward", _("Choose the ward the place is in."))
        elif postcode:
            self._ward_from_geocoder(postcode)
        elif "postcode" not in self.errors:
            self.add_error(
                "ward", _("Choose the ward the place is in, or enter a postcode or street.")
            )
        return cleaned

    def _ward_from_geocoder(self, text: str) -> None:
        """The ward for a postcode or street; the text itself is not kept (privacy),
        and no point is stored: reports without a pin are counted by ward."""
        try:
            ward = ward_for_text(self.geocoder, text)
        except GeocoderUnavailable:
            self.add_error(
                "postcode",
                _("We cannot look up postcodes or streets at the moment. Choose the ward instead."),
            )
            return
        if ward is None:
            self.add_error(
                "postcode",
                _(
                    "We could not find a ward in %(borough)s for that postcode or street. "
                    "Check it, or choose the ward instead."
                )
                % {"borough": settings.BOROUGH_NAME},
            )
            return
        self.ward_obj, self.source = ward, LocationSource.GEOCODER

    def to_new_report(self) -> NewReport:
        data = self.cleaned_data
        return NewReport(
            ward=self.ward_obj,
            location_source=self.source,
            reasons=[*data["environmental"], *data["behavioural"]],
            time_of_day=data["time_of_day"],
            place=data.get("place", ""),
            latitude=data.get("lat"),
            longitude=data.get("lng"),
            description=data.get("description", ""),
            age_band=data.get("age_band", ""),
            sex=data.get("sex", ""),
            identity_related=data.get("identity_related", ""),
        )


class ReferenceLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_("For example, UP-7K3M-Q9TD-2XWA."),
        max_length=40,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": _("Enter the reference you were given.")},
    )
