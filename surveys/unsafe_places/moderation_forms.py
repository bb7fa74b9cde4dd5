"""Forms moderators use on one unsafe-place report in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communitysafety.vocabularies.models import PartnerOrganisation
from surveys.models.unsafe_places import DESCRIPTION_MAX_LENGTH, UnsafePlaceReport
from surveys.unsafe_places.enums import ReportStatus


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("Needed to close without a fix or to reject."),
    )
    partner = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.order_by("kind", "name"),
        required=False,
        label=_("Refer to"),
        help_text=_("Needed to refer the report."),
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReportStatus.choices)
        self.fields["status"].choices = [(code, labels[code]) for code in allowed]


class RedactForm(forms.Form):
    description = forms.CharField(
        label=_("Description with personal details removed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("The original is overwritten and kept nowhere, not even in the history."),
    )


class PublicNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Public outcome note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_(
            "Residents read this with the reference and on the public map, "
            "e.g. “Street lights repaired on 3 March”. On a grouped report it is the group's note."
        ),
    )


class SafeguardingForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the safeguarding lead (not public)"),
        required=False,
        max_length=300,
    )


class GroupForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(
        queryset=UnsafePlaceReport.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Near-duplicates to group with this report"),
    )
    label = forms.CharField(label=_("Group label"), required=False, max_length=200)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = UnsafePlaceReport.objects.filter(
            pk__in=[c.pk for c in candidates]
        )
