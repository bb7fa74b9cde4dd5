"""Running `import_responses` as an analyst's automation does, on files written for a test."""

import io

from django.core.management import CommandError, call_command

WARD = "E05013967"


def write(tmp_path, *lines, bom=False, name="responses.csv"):
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(path, *extra, survey="annual-survey", wave="2026"):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_responses",
            path,
            "--survey",
            survey,
            "--wave",
            wave,
            *extra,
            stdout=out,
            stderr=err,
        )
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()
