"""The base of every upload form: a file of an accepted type, under the size limit."""

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def check_upload(upload: UploadedFile | None, extensions: tuple[str, ...]) -> None:
    """Refuse a file of another type or over ``UPLOADS_MAX_BYTES`` before it is stored."""
    if upload is None:
        return
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in extensions:
        raise ValidationError(
            _("The selected file must be a %(types)s file")
            % {"types": " or ".join(ext.lstrip(".").upper() for ext in extensions)},
            code="extension",
        )
    limit = settings.UPLOADS_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The selected file must be smaller than %(limit)s")
            % {"limit": filesizeformat(limit)},
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")


def file_errors(required: str) -> dict[str, str]:
    """Error messages for an upload field, worded as the GOV.UK file upload pattern."""
    return {
        "required": required,
        "empty": _("The selected file is empty"),
        "invalid": _("The selected file could not be uploaded - try again"),
    }


class UploadForm(forms.Form):
    """Subclasses add their options; ``file_fields`` names the file fields in the order
    they are stored on the job (at most two)."""

    file_fields: tuple[str, ...] = ("file",)
    extensions: tuple[str, ...] = (".csv",)

    file = forms.FileField(
        label=_("File"),
        error_messages=file_errors(_("Select a file to upload")),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in self.file_fields:
            if name in cleaned:
                try:
                    check_upload(cleaned[name], self.extensions)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def uploads(self) -> list[UploadedFile | None]:
        """The uploaded files in ``file_fields`` order (None where an optional one is empty)."""
        return [self.cleaned_data.get(name) or None for name in self.file_fields]

    def options(self) -> dict[str, Any]:
        """The non-file answers, as the job stores them (JSON: codes, numbers, booleans)."""
        options = {}
        for name, value in self.cleaned_data.items():
            if name in self.file_fields:
                continue
            options[name] = getattr(value, "pk", value)
        return options

    def describe(self) -> dict[str, Any]:
        """The options for the audit log (the same as ``options`` unless a kind says)."""
        return self.options()
