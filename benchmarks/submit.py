"""Survey submit throughput under gunicorn, against two baselines in the same run.

(a) a Django hello-world view, (b) a Wagtail contrib.forms FormPage with 12 fields
storing a FormSubmission (surveys.BenchmarkFormPage, the peer a Wagtail site would
use), (c) our final survey step (POST /survey/<slug>/check/) completing a stored
response. gunicorn: 2 sync workers, DEBUG off, --no-control-socket; load: wrk,
16 connections, 10 s each. Prints req/s, p50, p99, errors, and checks that stored
rows equal successful submits. Runs on SQLite and on PostgreSQL (own database).

Run: `.venv/bin/python benchmarks/submit.py [--db sqlite|postgres|both]`
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = 9100  # engineer k=1: 9000 + 100k
SQLITE = "sqlite:////tmp/k1_bench_submit.sqlite3"
POSTGRES = "postgres://postgres@127.0.0.1:5432/wt_survey_bench"
CSRF = "benchcsrfsecretbenchcsrfsecret12"  # 32 chars: an unmasked CSRF secret
SESSIONS = 12000
SLUG = "bench-survey"
SCALE = "Strongly agree\nTend to agree\nNeither\nTend to disagree\nStrongly disagree"

LUA = """
local keys = {}
for line in io.lines("%(keys)s") do keys[#keys + 1] = line end
local n = 0
request = function()
  n = n + 1
  local key = keys[n] or keys[#keys]
  return wrk.format("POST", "%(path)s", {
    ["Cookie"] = "sessionid=" .. key .. "; csrftoken=%(csrf)s",
    ["X-CSRFToken"] = "%(csrf)s",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "%(body)s")
end
"""


def env_for(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "PYTHONPATH": str(ROOT),
    }


def prepare(database_url: str, workdir: Path) -> None:
    """Runs in a subprocess with Django set up: site, survey, peer form page, sessions."""
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from wagtail.contrib.forms.models import FormSubmission

    from communitysafety.home.models import HomePage
    from surveys.bank import build_standard_bank
    from surveys.models import Answer, BenchmarkFormField, BenchmarkFormPage, Survey, SurveyResponse
    from tests.communitysafety.factories import build_site, load_real_wards
    from tests.surveys.factories import SECTION_ANSWERS

    wards = load_real_wards()
    build_site()
    Survey.objects.filter(slug=SLUG).delete()
    FormSubmission.objects.all().delete()
    Session.objects.all().delete()
    survey = Survey.objects.create(slug=SLUG, title="Benchmark survey")
    today = timezone.localdate()
    wave = survey.waves.create(
        year=today.year,
        opens_on=today.replace(month=1, day=1),
        closes_on=today.replace(month=12, day=31),
    )
    build_standard_bank(wave)
    home = HomePage.objects.first()
    if not BenchmarkFormPage.objects.exists():
        page = BenchmarkFormPage(title="Benchmark form", slug="bench-form")
        kinds = [
            "radio",
            "radio",
            "radio",
            "radio",
            "radio",
            "radio",
            "radio",
            "radio",
            "radio",
            "dropdown",
            "singleline",
            "multiline",
        ]
        for i, kind in enumerate(kinds):
            page.form_fields.add(
                BenchmarkFormField(
                    label=f"Question {i + 1}",
                    field_type=kind,
                    required=kind != "multiline",
                    choices=SCALE if kind in ("radio", "dropdown") else "",
                )
            )
        home.add_child(instance=page)
    answers = {}
    for title, values in SECTION_ANSWERS.items():
        if title != "About the crime":
            answers.update({k: v for k, v in values.items() if v})
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(
            wave=wave,
            respondent_id=f"bench-{i}",
            ward=wards[i % len(wards)],
            age_band="35-49",
            furthest_step=99,
            saved_on=today,
        )
        for i in range(SESSIONS)
    )
    Answer.objects.bulk_create(
        (
            Answer(response=r, question_code=q, answer_code=a)
            for r in responses
            for q, a in answers.items()
        ),
        batch_size=5000,
    )
    store = SessionStore()
    expiry = timezone.now() + timezone.timedelta(days=1)
    keys = [secrets.token_hex(16) for _ in responses]
    Session.objects.bulk_create(
        (
            Session(
                session_key=k,
                session_data=store.encode({f"survey:{SLUG}": r.pk}),
                expire_date=expiry,
            )
            for k, r in zip(keys, responses, strict=True)
        ),
        batch_size=5000,
    )
    (workdir / "keys.txt").write_text("\n".join(keys) + "\n")
    hello_keys = [secrets.token_hex(16)]
    Session.objects.create(
        session_key=hello_keys[0], session_data=store.encode({}), expire_date=expiry
    )
    (workdir / "form_keys.txt").write_text(hello_keys[0] + "\n")
    form_body = "&".join(
        f"question_{i + 1}=" + ("Tend+to+agree" if i < 10 else "Some+text") for i in range(12)
    )
    (workdir / "form_body.txt").write_text(form_body)


def counts(database_url: str) -> dict[str, int]:
    code = (
        "import django,json;django.setup();"
        "from surveys.models import SurveyResponse;"
        "from wagtail.contrib.forms.models import FormSubmission;"
        f"print(json.dumps({{'survey': SurveyResponse.objects.filter(wave__survey__slug='{SLUG}',"
        "completed_on__isnull=False).count(), 'form': FormSubmission.objects.count()}))"
    )
    out = subprocess.run(
        [PY, "-c", code],
        env=env_for(database_url),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def wrk(url: str, script: Path | None, duration: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(x) for x in match.groups())

    def ms(label: str) -> float:
        value = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        number, unit = float(value.group(1)), value.group(2)
        return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": errors,
        "total": total,
    }


def run_database(label: str, database_url: str, duration: int, connections: int) -> None:
    env = env_for(database_url)
    if database_url.startswith("postgres"):
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS wt_survey_bench")
            c.execute("CREATE DATABASE wt_survey_bench")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(SQLITE.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="k1bench"))
    subprocess.run(
        [PY, __file__, "--prepare", database_url, str(workdir)], env=env, check=True, cwd=ROOT
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "communitysafety.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/hello/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        before = counts(database_url)
        scripts = {}
        for name, path, keys, body in (
            (
                "form",
                "/bench-form/",
                workdir / "form_keys.txt",
                (workdir / "form_body.txt").read_text(),
            ),
            ("survey", f"/survey/{SLUG}/check/", workdir / "keys.txt", ""),
        ):
            script = workdir / f"{name}.lua"
            script.write_text(LUA % {"keys": keys, "path": path, "csrf": CSRF, "body": body})
            scripts[name] = script
        results = {
            "(a) hello-world view": wrk(base + "/bench/hello/", None, duration, connections),
            "(b) Wagtail FormPage POST": wrk(
                base + "/bench-form/", scripts["form"], duration, connections
            ),
            "(c) survey final submit": wrk(
                base + f"/survey/{SLUG}/check/", scripts["survey"], duration, connections
            ),
        }
        after = counts(database_url)
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"\n{label}: gunicorn 2 sync workers, wrk -t1 -c{connections} -d{duration}s")
    print(f"{'scenario':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(f"{name:28} {r['rps']:8.1f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7d}")
    a, b, c = (r["rps"] for r in results.values())
    print(
        f"survey / FormPage = {c / b:.2f}x (goal >= 1.0); "
        f"survey / hello = {c / a:.2f}x (goal >= 0.5)"
    )
    for name, key in (("(b) Wagtail FormPage POST", "form"), ("(c) survey final submit", "survey")):
        ok = results[name]["total"] - results[name]["errors"]
        stored = after[key] - before[key]
        # wrk stops counting at the deadline while up to one request per connection is
        # still in flight (the server completes and stores it): allow exactly that.
        verdict = "OK" if ok <= stored <= ok + connections else "MISMATCH (lost or extra rows)"
        print(f"{name}: {ok} successful (+<= {connections} in flight), {stored} stored: {verdict}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--prepare":
        sys.path.insert(0, str(ROOT))
        prepare(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if args.db in ("sqlite", "both"):
        run_database("SQLite", SQLITE, args.duration, args.connections)
    if args.db in ("postgres", "both"):
        run_database("PostgreSQL", POSTGRES, args.duration, args.connections)


if __name__ == "__main__":
    main()
