"""Reading partner CSV files the same way everywhere.

Every importer in this package accepts a path, a binary stream (a Django
``UploadedFile``) or an iterable of text lines (a test's ``io.StringIO``), reads
it as UTF-8 with an optional byte-order mark, and reports problems as
``line N, column NAME: message`` so that the management command can print them
verbatim and the user can find the cell in a spreadsheet. Line 1 is the header.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

type CsvSource = str | Path | IO[bytes] | Iterable[str]

#: Column name used in an error that concerns the whole row or file rather than one cell.
WHOLE_ROW = "(row)"


def format_error(line: int, column: str, message: str) -> str:
    """Return an error in the one form the command prints: ``line N, column NAME: message``."""
    return f"line {line}, column {column}: {message}"


@dataclass(slots=True)
class ErrorLog:
    """Errors collected while streaming a file.

    Mutable on purpose: parsers are generators that append as they go, and the
    caller reads the log once the generator is exhausted. ``max_errors`` stops a
    file that is wrong on every row from producing thousands of lines; the last
    entry then says where reading stopped.
    """

    max_errors: int | None = 200
    errors: list[str] = field(default_factory=list)

    def add(self, line: int, column: str, message: str) -> None:
        """Record one problem."""
        self.errors.append(format_error(line, column, message))

    @property
    def full(self) -> bool:
        """True once ``max_errors`` problems have been recorded."""
        return self.max_errors is not None and len(self.errors) >= self.max_errors

    def stop(self, line: int) -> None:
        """Record that reading stopped early because the log is full."""
        self.add(line, WHOLE_ROW, f"stopped after {self.max_errors} errors")


def _strip_bom(lines: Iterable[str]) -> Iterator[str]:
    """Drop a UTF-8 byte-order mark from the first line (Excel writes one)."""
    first = True
    for line in lines:
        if first:
            first = False
            if line.startswith("\ufeff"):
                line = line[1:]
        yield line


def _decode_lines(raw_lines: Iterable[bytes]) -> Iterator[str]:
    """Decode line by line, so a bad byte is reported on the line that holds it."""
    first = True
    for raw in raw_lines:
        if first:
            first = False
            raw = raw.removeprefix(codecs.BOM_UTF8)
        yield raw.decode("utf-8")


def _binary_lines(stream: IO[bytes]) -> Iterator[str]:
    """Read a binary stream (BytesIO, an open file, Django's UploadedFile)."""
    yield from _decode_lines(stream)


def _path_lines(path: Path) -> Iterator[str]:
    """Stream a file from disk; the file is closed when the generator finishes."""
    with path.open("rb") as handle:
        yield from _decode_lines(handle)


def text_lines(source: CsvSource) -> Iterator[str]:
    """Return the source's lines as text, whatever form it came in.

    A ``str`` is taken to be a path, never CSV content, so that a file name can
    not be mistaken for a one-line file.
    """
    if isinstance(source, str | Path):
        return _path_lines(Path(source))
    if isinstance(source, io.TextIOBase) or not hasattr(source, "read"):
        return _strip_bom(source)  # type: ignore[arg-type]
    # Anything else with ``read`` (an open binary file, BytesIO, Django's UploadedFile).
    return _binary_lines(source)  # type: ignore[arg-type]


@dataclass(slots=True)
class CsvRows:
    """A ``csv.reader`` over a source that turns a decoding failure into an error.

    Iterating yields ``(line_number, fields)``; ``line_number`` is the physical
    line on which the record ends, so a quoted field with a newline in it does
    not shift later line numbers.
    """

    source: CsvSource
    log: ErrorLog
    last_line: int = 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(text_lines(self.source), strict=True)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                self.log.add(self.last_line + 1, WHOLE_ROW, "the file is not UTF-8 text")
                return
            except csv.Error as exc:
                self.log.add(reader.line_num, WHOLE_ROW, f"not valid CSV ({exc})")
                return
            self.last_line = reader.line_num
            yield reader.line_num, fields
