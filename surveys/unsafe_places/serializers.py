"""Serializers for the unsafe-places API, with explicit fields (no resident text leaks)."""

import math

from django.conf import settings
from rest_framework import serializers

from communitysafety.common.sanitise import plain_text
from communitysafety.wards.serializers import WardRefSerializer
from surveys.geocoding import GeocoderUnavailable, get_geocoder
from surveys.models.unsafe_places import DESCRIPTION_MAX_LENGTH, UnsafePlaceReport
from surveys.unsafe_places.choices import (
    AGE_BANDS,
    IDENTITY_RELATED,
    REASONS,
    REPORT_STATUSES,
    SEXES,
    TIMES_OF_DAY,
)
from surveys.unsafe_places.enums import LocationSource, Reason
from surveys.unsafe_places.submission import NewReport, ward_at, ward_by_code, ward_for_text


class StrictFloatField(serializers.FloatField):
    """A JSON number only: strings, booleans, NaN and infinities are refused."""

    default_error_messages = {"invalid": "Must be a number."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        if not math.isfinite(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class PointSerializer(serializers.Serializer):
    lat = StrictFloatField(min_value=-90, max_value=90)
    lng = StrictFloatField(min_value=-180, max_value=180)


class ReportSubmitSerializer(serializers.Serializer):
    """A report: `location` (a pin) or `ward` + `place` (in words), reasons and time of day."""

    location = PointSerializer(required=False)
    ward = serializers.CharField(
        required=False, allow_blank=True, max_length=9, help_text="GSS ward code, E05…"
    )
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postcode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Instead of `ward`: a postcode or street, looked up to find the ward when "
        "the site has a geocoder (it is not stored).",
    )
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=REASONS),
        min_length=1,
        max_length=len(Reason.values),
        allow_empty=False,
    )
    time_of_day = serializers.ChoiceField(choices=TIMES_OF_DAY)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    age_band = serializers.ChoiceField(choices=AGE_BANDS, required=False, allow_blank=True)
    sex = serializers.ChoiceField(choices=SEXES, required=False, allow_blank=True)
    identity_related = serializers.ChoiceField(
        choices=IDENTITY_RELATED, required=False, allow_blank=True
    )

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        if unknown:
            raise serializers.ValidationError(
                {name[:40]: ["Unknown field."] for name in unknown[:10]}
            )
        return super().to_internal_value(data)

    def validate_description(self, value: str) -> str:
        text = plain_text(value)
        if len(text) > DESCRIPTION_MAX_LENGTH:
            raise serializers.ValidationError("Keep the description to 500 characters or fewer.")
        return text

    def validate_place(self, value: str) -> str:
        return plain_text(value)

    def validate_reasons(self, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise serializers.ValidationError("Give each reason once.")
        return value

    def validate(self, attrs):
        location = attrs.get("location")
        ward_code = attrs.get("ward")
        postcode = attrs.pop("postcode", "").strip()  # looked up only, never stored
        if location and ward_code:
            raise serializers.ValidationError(
                {"ward": ["Give either a location or a ward and place, not both."]}
            )
        if location and postcode:
            raise serializers.ValidationError(
                {"postcode": ["Give either a location or a postcode or street, not both."]}
            )
        if location:
            ward = ward_at(location["lat"], location["lng"])
            if ward is None:
                raise serializers.ValidationError(
                    {"location": [f"This point is outside {settings.BOROUGH_NAME}."]}
                )
            attrs["ward_obj"] = ward
            attrs["source"] = LocationSource.MAP
            return attrs
        if not ward_code and postcode:
            ward, source = self._ward_from_geocoder(postcode), LocationSource.GEOCODER
        elif not ward_code:
            raise serializers.ValidationError(
                {"location": ["Give a location, or a ward and the place in words."]}
            )
        else:
            ward, source = ward_by_code(ward_code.strip().upper()), LocationSource.WORDS
            if ward is None:
                raise serializers.ValidationError({"ward": ["Unknown ward code."]})
        if not attrs.get("place"):
            raise serializers.ValidationError({"place": ["Name the place in words."]})
        attrs["ward_obj"] = ward
        attrs["source"] = source
        return attrs

    @staticmethod
    def _ward_from_geocoder(text: str):
        """The ward for a postcode or street (the same optional geocoder as the form)."""
        geocoder = get_geocoder()
        if geocoder is None:
            raise serializers.ValidationError(
                {"postcode": ["Postcode and street look-up is not available: give a ward code."]}
            )
        try:
            ward = ward_for_text(geocoder, text)
        except GeocoderUnavailable:
            raise serializers.ValidationError(
                {"postcode": ["Postcode and street look-up is not working: give a ward code."]}
            ) from None
        if ward is None:
            raise serializers.ValidationError(
                {"postcode": [f"No ward in {settings.BOROUGH_NAME} for that postcode or street."]}
            )
        return ward

    def to_new_report(self) -> NewReport:
        data = self.validated_data
        location = data.get("location") or {}
        return NewReport(
            ward=data["ward_obj"],
            location_source=data["source"],
            reasons=data["reasons"],
            time_of_day=data["time_of_day"],
            place=data.get("place", ""),
            latitude=location.get("lat"),
            longitude=location.get("lng"),
            description=data.get("description", ""),
            age_band=data.get("age_band", ""),
            sex=data.get("sex", ""),
            identity_related=data.get("identity_related", ""),
        )


# The reply to a stored report. A plain Serializer, not a ModelSerializer, which builds
# its fields from the model for every reply; the schema is the same (`reference` read-only,
# `status` not required, as the model's default). No docstring: it would enter the schema.
class ReportCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField(read_only=True)
    ward = WardRefSerializer()
    status = serializers.ChoiceField(choices=REPORT_STATUSES, required=False)


class StaffReportSerializer(serializers.ModelSerializer):
    """Raw reports for moderators only."""

    ward = WardRefSerializer()
    reasons = serializers.SerializerMethodField()
    referred_to = serializers.StringRelatedField(allow_null=True)  # None: not referred
    public_note = serializers.CharField(source="outcome_note")

    class Meta:
        model = UnsafePlaceReport
        fields = [
            "reference",
            "submitted_on",
            "ward",
            "place",
            "latitude",
            "longitude",
            "location_source",
            "reasons",
            "time_of_day",
            "description",
            "description_redacted",
            "age_band",
            "sex",
            "identity_related",
            "status",
            "status_reason",
            "referred_to",
            "public_note",
            "duplicate_group",
            "safeguarding",
        ]

    def get_reasons(self, report: UnsafePlaceReport) -> list[str]:
        return report.reason_codes
