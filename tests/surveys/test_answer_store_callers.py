"""Only surveys.answer_store reads and writes answer rows (issue 19.3): a module that
names the Answer model, or calls a response's `answers` manager, would keep reading the
old storage after the store changes. The tests and benchmarks too: they check and
measure answers through the store, so they stay true, unchanged, once it changes. Reads
the source, no database."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ITSELF = Path(__file__).resolve().relative_to(ROOT).as_posix()
APPS = ("communitysafety", "surveys", "perceptions", "comms", "benchmarks", "tests")
# The related manager's calls (`response.answers.filter(...)`), not AnswerCount's column.
RELATED_MANAGER = re.compile(
    r"\.answers\.(?:filter|exclude|values|values_list|all|create|count|get|delete|update"
    r"|exists|order_by|iterator|aggregate|annotate|bulk_create)\("
)


def _names_answer(node: ast.AST) -> bool:
    """`from surveys.models… import Answer`, or `….Answer` on a module."""
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").startswith("surveys.models") and any(
            alias.name == "Answer" for alias in node.names
        )
    return isinstance(node, ast.Attribute) and node.attr == "Answer"


def _modules_naming_answer_rows() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative.startswith("surveys/models/"):
                continue
            if relative in ("surveys/answer_store.py", ITSELF):  # the store; its examples
                continue
            source = path.read_text(encoding="utf-8")
            names_answer = any(_names_answer(node) for node in ast.walk(ast.parse(source)))
            if names_answer or RELATED_MANAGER.search(source):
                found.append(relative)
    return found


def test_no_module_but_the_store_reads_or_writes_answer_rows():
    assert _modules_naming_answer_rows() == []


def test_the_check_sees_the_ways_a_module_names_answer_rows():
    def names(source: str) -> bool:
        return any(_names_answer(node) for node in ast.walk(ast.parse(source)))

    assert names("from surveys.models import Answer, Wave")
    assert names("def f():\n    from surveys.models.responses import Answer")
    assert names("import surveys.models\nsurveys.models.Answer.objects.count()")
    assert not names("from surveys.models import AnswerCount\nAnswerCount.objects.count()")
    assert RELATED_MANAGER.search("stored.answers.filter(question_code='x').exists()")
    assert not RELATED_MANAGER.search("self.answers.add(pk, tokens)")  # the import's rows
