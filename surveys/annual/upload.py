"""Survey responses uploaded in the admin (CSV or XLSX in the contract's format).

Declared to the shared uploads app by `SurveysConfig.upload_kinds()`. The import is
`surveys.annual.importing.import_responses`, the function `manage.py import_responses`
calls: same checks, same `line N, column NAME: message` errors, all or nothing.
An XLSX workbook's first sheet is written out as the CSV the contract describes, row
for row, so line N of an error is row N of the sheet.
"""

import csv
import datetime
import zipfile
from pathlib import Path
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communitysafety.common.imports import ImportRejected, LineError
from communitysafety.common.uploads.forms import UploadForm, file_errors
from communitysafety.common.uploads.registry import UploadKind, UploadOutcome, UploadRun
from surveys.annual.importing import import_responses
from surveys.models import Survey

UPLOAD_PERMISSION = "surveys.add_surveyresponse"


class SurveyResponsesUploadForm(UploadForm):
    extensions = (".csv", ".xlsx")

    file = forms.FileField(
        label=_("Responses file (CSV or XLSX)"),
        help_text=_(
            "One row per respondent, with the columns of the survey data contract; "
            "in a workbook, the first sheet is read."
        ),
        error_messages=file_errors(_("Select a file to upload")),
    )
    survey = forms.ModelChoiceField(
        label=_("Survey"),
        queryset=Survey.objects.order_by("title"),
        to_field_name="slug",
        error_messages={"required": _("Select the survey the responses belong to")},
    )
    year = forms.IntegerField(
        label=_("Wave (year)"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Enter the year of the wave")},
    )
    create_wave = forms.BooleanField(
        label=_("Create the wave if the survey has none that year"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        survey, year = cleaned.get("survey"), cleaned.get("year")
        if (
            survey is not None
            and year is not None
            and not cleaned.get("create_wave")
            and not survey.waves.filter(year=year).exists()
        ):
            self.add_error(
                "year",
                _("%(survey)s has no %(year)s wave: tick “Create the wave” to make it")
                % {"survey": survey, "year": year},
            )
        return cleaned

    def options(self) -> dict[str, Any]:
        return {
            "survey": self.cleaned_data["survey"].slug,
            "year": self.cleaned_data["year"],
            "create": bool(self.cleaned_data.get("create_wave")),
        }


def _cell(value: Any) -> str:
    """A workbook cell as the contract's text: ISO dates, whole numbers without ``.0``,
    and line breaks folded (a break would make the CSV line numbers drift from the rows)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).splitlines())


def workbook_to_csv(path: Path) -> Path:
    """Write the first sheet of an XLSX workbook as a UTF-8 CSV beside it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportRejected([LineError(1, "-", f"not an XLSX workbook: {exc}")]) from None
    target = path.with_suffix(".csv")
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            width = None
            for values in sheet.iter_rows(values_only=True):
                cells = [_cell(value) for value in values]
                if width is None:  # the header sets the width; trailing empty headers go
                    while cells and not cells[-1]:
                        cells.pop()
                    width = len(cells)
                elif len(cells) > width and not any(cells[width:]):
                    cells = cells[:width]
                writer.writerow(cells)
    finally:
        workbook.close()
    return target


def run_survey_upload(run: UploadRun) -> UploadOutcome:
    path = run.files["file"]
    if path.suffix.lower() == ".xlsx":
        path = workbook_to_csv(path)
    slug, year = run.options["survey"], int(run.options["year"])
    result = import_responses(str(path), slug, year, create=bool(run.options.get("create")))
    return UploadOutcome(
        summary=result.summary(),
        # The results pages are the perceptions app's public route; the link is a URL,
        # no code of that app is used.
        url=reverse("perceptions:staff_results") + f"?survey={slug}",
        link_label=_("See the survey results"),
    )


def survey_upload_kind() -> UploadKind:
    return UploadKind(
        code="survey-responses",
        label=_("Survey responses"),
        description=_(
            "Responses collected elsewhere (paper, street, telephone, a fieldwork "
            "agency), in the survey data contract's format. The results are recomputed "
            "once they are stored."
        ),
        permission=UPLOAD_PERMISSION,
        form_class=SurveyResponsesUploadForm,
        run=run_survey_upload,
        order=10,
    )
