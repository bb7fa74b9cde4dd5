"""The MOPAC PAS series uploaded in the admin (declared by `PerceptionsConfig.upload_kinds()`).

The import is `perceptions.results.pas.import_pas`, as `manage.py import_pas` runs it:
both series are checked, then replaced in one transaction; a London file left out is
the repository's copy, as the command's default. Stored results are then recomputed
(their benchmarks change).
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communitysafety.common.uploads.forms import UploadForm, file_errors
from communitysafety.common.uploads.registry import UploadKind, UploadOutcome, UploadRun
from perceptions.results.generation import schedule_all
from perceptions.results.pas import DEFAULT_LONDON_FILE, import_pas

UPLOAD_PERMISSION = "perceptions.add_pasboroughfigure"


class PasUploadForm(UploadForm):
    file_fields = ("file", "london_file")

    file = forms.FileField(
        label=_("Borough series (CSV)"),
        help_text=_(
            "The London Datastore PAS borough file: date, survey, borough, measure, "
            "proportion, mps_proportion."
        ),
        error_messages=file_errors(_("Select the PAS borough file to upload")),
    )
    london_file = forms.FileField(
        label=_("London (MPS) series (CSV, optional)"),
        help_text=_(
            "date, survey, area, measure, proportion. Leave empty to keep the copy "
            "that comes with the service."
        ),
        required=False,
    )


def run_pas_upload(run: UploadRun) -> UploadOutcome:
    counts = import_pas(run.files["file"], run.files.get("london_file", DEFAULT_LONDON_FILE))
    schedule_all()
    return UploadOutcome(
        summary=counts.summary(),
        url=reverse("perceptions:staff_results") + "#benchmark-heading",
        link_label=_("See the PAS comparison"),
    )


def pas_upload_kind() -> UploadKind:
    return UploadKind(
        code="pas",
        label=_("MOPAC PAS figures"),
        description=_(
            "The Public Attitude Survey series the results are compared with. The stored "
            "series is replaced and the results recomputed."
        ),
        permission=UPLOAD_PERMISSION,
        form_class=PasUploadForm,
        run=run_pas_upload,
        order=20,
    )
