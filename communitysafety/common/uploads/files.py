"""Getting an uploaded file from storage to the import, and removing it afterwards.

The import functions read a path twice (check, then store), and storage may be S3, so
the task copies each file through ``storage.open`` into a private temporary directory,
in chunks, and never asks the storage for a local path.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from django.db.models.fields.files import FieldFile

from communitysafety.common.uploads.models import UploadJob

CHUNK = 1024 * 1024


def stored_files(job: UploadJob) -> list[FieldFile]:
    return [f for f in (job.file, job.second_file) if f]


@contextmanager
def local_copies(job: UploadJob, names: tuple[str, ...]) -> Iterator[dict[str, Path]]:
    """``{form field: local path}`` for the job's files, deleted when the block ends.

    Each copy keeps the name it was uploaded with (storage may have renamed it), which
    the imports print in their messages.
    """
    uploaded_names = job.options.get("file_names", [])
    with tempfile.TemporaryDirectory(prefix="upload-") as directory:
        copies: dict[str, Path] = {}
        stored_pairs = zip(names, (job.file, job.second_file), strict=False)
        for index, (name, stored) in enumerate(stored_pairs):
            if not stored:
                continue
            folder = Path(directory) / str(index)
            folder.mkdir()
            original = uploaded_names[index] if index < len(uploaded_names) else stored.name
            target = folder / (PurePath(original).name or f"upload-{index}")
            with stored.storage.open(stored.name, "rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            copies[name] = target
        yield copies


def delete_files(job: UploadJob) -> None:
    """Remove the job's files from storage (processed: the database holds the result)."""
    changed = False
    for stored in stored_files(job):
        stored.storage.delete(stored.name)
        changed = True
    if changed:
        UploadJob.objects.filter(pk=job.pk).update(file="", second_file="")
        job.file.name = ""
        job.second_file.name = ""
