"""What every import command shares: the error format, exit statuses and progress.

Contract (docs/survey-data-contract.md §1): each bad line is reported as
`line N, column NAME: message` (line 1 is the header); exit status 0 stored,
1 rejected with nothing stored, 2 usage error.
"""

import gc
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

EXIT_REJECTED = 1
EXIT_USAGE = 2


@dataclass(frozen=True, slots=True)
class LineError:
    """One problem in one cell (or row, with column "-") of an imported file."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class ImportRejected(Exception):
    """Raised with the list of errors when a file must not be stored."""

    def __init__(self, errors: list[LineError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class UsageError(CommandError):
    """A usage problem (missing file, unknown survey): exit status 2."""

    def __init__(self, message: str):
        super().__init__(message, returncode=EXIT_USAGE)


def open_csv_text(path: str) -> TextIO:
    """Open a UTF-8 CSV file, accepting a byte-order mark; a missing file is a usage error."""
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot open {path}: {exc.strerror}") from exc


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: str) -> str:
    """A value for PostgreSQL's COPY text format."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (then as it was before).

    A bulk import allocates millions of small tuples, lists and strings, none in a
    cycle, and keeps many alive (the ids seen, a batch): each allocation-triggered
    collection walks them all again. Pausing it took a fifth off a 200,000-row import."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Background:
    """Runs `write(item)` for each `put(item)` in a second thread, in order, at most `depth`
    items behind; leaving the block waits for the last write and re-raises its error."""

    def __init__(self, write: Callable[[Any], None], depth: int = 2):
        self.write = write
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="import-writer", daemon=True)

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.write(item)
                except BaseException as exc:  # handed to the caller's thread
                    self.error = exc

    def put(self, item: Any) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def __enter__(self) -> "Background":
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and exc_info[0] is None:
            raise self.error


# Called with (phase, items done, total or None) while an import runs; see reporting_progress.
ProgressListener = Callable[[str, int, int | None], None]
_listener: ContextVar[ProgressListener | None] = ContextVar("import_progress", default=None)
PROGRESS_EVERY = 1000


@contextmanager
def reporting_progress(listener: ProgressListener) -> Iterator[None]:
    """Send every `progress()` of the imports run inside this block to ``listener``.

    The admin's upload task uses it to show rows done on the status page while calling the
    very same import functions as the commands, which keep their terminal progress bar.
    """
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def _reported(
    iterable: Iterable[Any], listener: ProgressListener, total: int | None, desc: str
) -> Iterator[Any]:
    done = 0
    listener(desc, 0, total)
    for item in iterable:
        yield item
        done += 1
        if done % PROGRESS_EVERY == 0:
            listener(desc, done, total)
    listener(desc, done, total)


def progress(
    iterable: Iterable[Any], *, total: int | None, desc: str, stream: TextIO | None = None
) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal; silent otherwise (tests, CI logs).

    Inside `reporting_progress` the counts go to its listener instead.
    """
    listener = _listener.get()
    if listener is not None:
        yield from _reported(iterable, listener, total, desc)
        return
    stream = stream or sys.stderr
    if not stream.isatty():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, total=total, desc=desc, file=stream, unit="row")


class ImportCommand(BaseCommand):
    """Base for `import_*` commands: subclasses implement `run_import` and may raise
    `ImportRejected`; this class prints the errors in the contract's format and exits 1."""

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = self.run_import(**options)
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"Rejected: {len(rejected.errors)} error(s); nothing was stored.")
            raise CommandError("import rejected", returncode=EXIT_REJECTED) from None
        if summary:
            self.stdout.write(summary)

    def run_import(self, **options: Any) -> str:
        """Validate and store the file; return a one-line summary or raise ImportRejected."""
        raise CommandError(f"{type(self).__name__} must implement run_import()")
