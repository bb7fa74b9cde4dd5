"""docs/operations.md lists every environment variable the code reads, and only those.

The table is what an operator configures a deployment from, so a variable added to the
settings without a row (or a row left after the code stopped reading it) fails here.
The names are read from the source with ``ast``: nothing is imported or executed.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_url", "env_rate"}
# Set by the entry points themselves, not by an operator.
NOT_OPERATOR_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def _first_string_argument(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def names_read(tree: ast.AST) -> set[str]:
    """Variable names passed to the env_* helpers, ``os.environ.get``/``[...]`` or ``os.getenv``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            is_helper = isinstance(func, ast.Name) and func.id in ENV_HELPERS
            is_environ_get = (
                isinstance(func, ast.Attribute)
                and func.attr in {"get", "setdefault"}
                and _is_os_environ(func.value)
            )
            is_getenv = isinstance(func, ast.Attribute) and func.attr == "getenv"
            name = _first_string_argument(node)
            if name and (is_helper or is_environ_get or is_getenv):
                names.add(name)
        elif (
            isinstance(node, ast.Subscript)
            and _is_os_environ(node.value)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            names.add(node.slice.value)
    return names


def source_files() -> list[Path]:
    files = [ROOT / "gunicorn.conf.py"]
    for package in ("communitysafety", "surveys", "perceptions", "comms"):
        files += [
            path
            for path in (ROOT / package).rglob("*.py")
            if "migrations" not in path.parts and path.name != "environment.py"
        ]
    return files


def variables_in_code() -> set[str]:
    names: set[str] = set()
    for path in source_files():
        names |= names_read(ast.parse(path.read_text(), filename=str(path)))
    return names - NOT_OPERATOR_SETTINGS


def variables_in_docs() -> set[str]:
    text = (ROOT / "docs" / "operations.md").read_text()
    section = text.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", section, flags=re.MULTILINE))


def test_the_reader_finds_helper_calls_environ_reads_and_getenv():
    tree = ast.parse(
        "A = env_int('ONE', 1)\nB = os.environ.get('TWO', 'x')\nC = os.environ['THREE']\n"
        "D = os.getenv('FOUR')\nE = other('FIVE')\n"
    )
    assert names_read(tree) == {"ONE", "TWO", "THREE", "FOUR"}


def test_every_environment_variable_the_code_reads_has_a_row_in_the_operations_table():
    missing = variables_in_code() - variables_in_docs()
    assert not missing, f"add rows to docs/operations.md for: {sorted(missing)}"


def test_the_operations_table_lists_no_variable_the_code_does_not_read():
    stale = variables_in_docs() - variables_in_code()
    assert not stale, f"docs/operations.md lists variables nothing reads: {sorted(stale)}"
