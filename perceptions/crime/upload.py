"""MPS crime files and partner datasets uploaded in the admin.

Declared by `PerceptionsConfig.upload_kinds()`; only an administrator role may use it
(``perceptions.add_crimecount``: the Administrators group and superusers), because a
file replaces the published figures of its months. The import is
`perceptions.crime.imports.import_crime_file`, as `manage.py import_crime` runs it.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communitysafety.common.imports import progress
from communitysafety.common.uploads.forms import UploadForm, file_errors
from communitysafety.common.uploads.registry import UploadKind, UploadOutcome, UploadRun
from perceptions.crime.imports import import_crime_file
from perceptions.models import AreaKind

UPLOAD_PERMISSION = "perceptions.add_crimecount"


class CrimeUploadForm(UploadForm):
    file = forms.FileField(
        label=_("Crime file (CSV)"),
        help_text=_(
            "The MPS borough or ward file (London Datastore “Recorded Crime: Geographic "
            "Breakdown”), or a partner dataset: area_code, month, category, count."
        ),
        error_messages=file_errors(_("Select a crime file to upload")),
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[("", _("Recognise from the header")), *AreaKind.choices],
        required=False,
    )


def run_crime_upload(run: UploadRun) -> UploadOutcome:
    summary = import_crime_file(
        run.files["file"],
        run.options.get("layout") or None,
        batches=lambda chunks: progress(chunks, total=len(chunks), desc="storing"),
    )
    table = (
        "perceptions:crime_ward_table"
        if summary.kind == AreaKind.WARD
        else ("perceptions:crime_borough_table")
    )
    return UploadOutcome(
        summary=str(summary), url=reverse(table), link_label=_("See the crime table")
    )


def crime_upload_kind() -> UploadKind:
    return UploadKind(
        code="crime",
        label=_("Recorded crime and partner data"),
        description=_(
            "The months in the file replace the figures stored for those months; a "
            "partner file replaces only its own categories."
        ),
        permission=UPLOAD_PERMISSION,
        form_class=CrimeUploadForm,
        run=run_crime_upload,
        order=30,
    )
