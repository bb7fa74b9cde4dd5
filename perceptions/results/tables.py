"""The report's rows as tables: the same columns for the command, downloads and exports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from perceptions.analysis.report import CHANGE_KEYS, ESTIMATE_KEYS

ESTIMATE_COLUMNS: tuple[str, ...] = (*ESTIMATE_KEYS, "design_effect", "effective_n")
CHANGE_COLUMNS: tuple[str, ...] = CHANGE_KEYS


def table_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> list[list[Any]]:
    """Rows of dicts as lists in ``columns`` order (missing keys as None)."""
    return [[row.get(column) for column in columns] for row in rows]


def estimates_table(document: dict[str, Any]) -> tuple[tuple[str, ...], list[list[Any]]]:
    return ESTIMATE_COLUMNS, table_rows(document["estimates"], ESTIMATE_COLUMNS)


def changes_table(document: dict[str, Any]) -> tuple[tuple[str, ...], list[list[Any]]]:
    return CHANGE_COLUMNS, table_rows(document["changes"], CHANGE_COLUMNS)
