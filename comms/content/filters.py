"""The filter forms residents use on the advice and events listings (plain GET forms,
rendered by the GOV.UK field component, `{% govuk_field %}`)."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communitysafety.vocabularies.models import StrategicPriority, Topic
from communitysafety.wards.models import Ward


class ListingFilterForm(forms.Form):
    """A filter form that never errors: an unknown value simply shows everything."""

    def full_clean(self) -> None:
        """Clean as usual, then forget the errors: a bad value is dropped, not reported."""
        super().full_clean()
        self._errors = ErrorDict()

    def cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}

    def query_string(self) -> str:
        """The current filters, to keep them on pagination links."""
        if not self.is_bound:
            return ""
        pairs = [(k, v) for k, v in self.data.items() if k in self.fields and v]
        return urlencode(pairs)


class AdviceFilterForm(ListingFilterForm):
    topic = forms.ModelChoiceField(
        Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        label=_("Topic"),
        widget=forms.Select,
    )
    priority = forms.ModelChoiceField(
        StrategicPriority.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All priorities"),
        label=_("Partnership priority"),
        widget=forms.Select,
    )
    ward = forms.ModelChoiceField(
        Ward.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All wards"),
        label=_("Your ward"),
        widget=forms.Select,
    )

    def filter(self, pages):
        from django.db.models import Q

        data = self.cleaned()
        if "topic" in data:
            pages = pages.filter(topics=data["topic"])
        if "priority" in data:
            pages = pages.filter(priorities=data["priority"])
        if "ward" in data:
            # Borough-wide advice (no wards chosen) is relevant to every ward.
            pages = pages.filter(Q(wards=data["ward"]) | Q(wards__isnull=True))
        return pages.distinct()


def _month_choices() -> list[tuple[str, str]]:
    """The previous 12 months and the next 12, as YYYY-MM."""
    today = timezone.localdate().replace(day=1)
    choices = [("", _("Any month"))]
    for offset in range(-12, 13):
        year, month = divmod(today.month - 1 + offset, 12)
        first = datetime.date(today.year + year, month + 1, 1)
        choices.append((first.strftime("%Y-%m"), first.strftime("%B %Y")))
    return choices


class EventFilterForm(ListingFilterForm):
    when = forms.ChoiceField(
        choices=[("upcoming", _("Upcoming events")), ("past", _("Past events"))],
        required=False,
        label=_("Show"),
        widget=forms.Select,
    )
    ward = AdviceFilterForm.base_fields["ward"]
    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        label=_("Month"),
        widget=forms.Select,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].widget.choices = _month_choices()

    def showing_past(self) -> bool:
        return self.cleaned().get("when") == "past"

    def filter(self, events):
        data = self.cleaned()
        if "ward" in data:
            events = events.filter(ward=data["ward"])
        if "month" in data:
            year, month = (int(part) for part in data["month"].split("-"))
            # A chosen month shows everything in it, past or upcoming.
            return events.filter(start__year=year, start__month=month).order_by("start")
        return events.past() if data.get("when") == "past" else events.upcoming()


class SearchForm(forms.Form):
    """The site search box: drawn by the GOV.UK field component like every other field."""

    q = forms.CharField(
        label=_("Search advice, events and news"),
        max_length=200,
        required=False,
        widget=forms.SearchInput,
    )
