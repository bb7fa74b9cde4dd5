"""The kinds of file staff may upload, each declared by the app that imports it.

The hook: an app defines ``upload_kinds()`` on its AppConfig, returning a list of
:class:`UploadKind`. Each kind names the permission an uploader needs, the form that
collects the file and its options, and the function that imports it: the same import
function the app's management command calls, so the admin and the command accept and
reject exactly the same files with exactly the same messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from django.apps import apps
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from communitysafety.common.uploads.forms import UploadForm


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """What an accepted file changed: the summary the command prints and a link to it."""

    summary: str
    url: str = ""
    link_label: str = ""


@dataclass(frozen=True, slots=True)
class UploadRun:
    """What a kind's import receives: local copies of the uploaded files (fetched through
    the storage API, so S3 works) keyed by form field, and the form's other options."""

    files: Mapping[str, Path]
    options: Mapping[str, Any]
    user_id: int | None = None


@dataclass(frozen=True)
class UploadKind:
    """One kind of upload. ``run`` raises ``ImportRejected`` (nothing stored) or
    ``UsageError`` exactly as the command's import function does."""

    code: str
    label: str | Promise
    description: str | Promise
    permission: str
    form_class: type[UploadForm]
    run: Callable[[UploadRun], UploadOutcome]
    order: int = 100
    extra: Mapping[str, Any] = field(default_factory=dict)

    def allowed(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        return bool(user.is_active and user.has_perm(self.permission))


@runtime_checkable
class DeclaresUploadKinds(Protocol):
    """What an AppConfig declares to offer uploads in the admin."""

    def upload_kinds(self) -> list[UploadKind]: ...


def upload_kinds() -> dict[str, UploadKind]:
    """Every app's upload kinds by code, in menu order."""
    found: list[UploadKind] = []
    for config in apps.get_app_configs():
        if isinstance(config, DeclaresUploadKinds):
            found.extend(config.upload_kinds())
    codes = [kind.code for kind in found]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        raise ValueError(f"upload kinds declared twice: {', '.join(sorted(duplicates))}")
    return {kind.code: kind for kind in sorted(found, key=lambda k: (k.order, k.code))}


def kind_for(code: str) -> UploadKind | None:
    return upload_kinds().get(code)


def allowed_kinds(user: AbstractBaseUser | AnonymousUser) -> list[UploadKind]:
    return [kind for kind in upload_kinds().values() if kind.allowed(user)]
