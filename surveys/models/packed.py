"""A response's coded answers packed into its own row: one integer per question.

Issue 19.3: one row per answer cannot be imported at half the speed of PostgreSQL's own
`COPY` floor, whatever its keys; one row per response can (`benchmarks/answer_storage.py`,
docs/annual-survey.md). The element at a question's position (its wave's `answer_layout`,
`surveys.answer_layout`) is the answer's number, or the negated bitmask of several
answers' numbers; NULL (or no element) is unanswered. Free text lives beside it in
`SurveyResponse.text_answers`.

PostgreSQL stores an `integer[]`; SQLite, which has no arrays, a JSON array in text.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models

PackedAnswers = list[int | None]


class PackedAnswersField(models.Field):
    """`integer[]` on PostgreSQL, a JSON array (text) elsewhere; a list of int or None."""

    description = "Packed coded answers (a list of integers or None)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection: Any) -> str:
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> PackedAnswers:
        if value is None:
            return []
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def to_python(self, value: Any) -> PackedAnswers:
        if isinstance(value, str):
            return json.loads(value)
        return [] if value is None else list(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = [] if value is None else list(value)
        if connection.vendor == "postgresql":
            return value
        return json.dumps(value, separators=(",", ":"))
