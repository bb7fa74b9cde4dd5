"""Resident submissions under gunicorn, against the durable-write floor and the Wagtail peer.

(a) a Django hello-world view, (f) the floor: a bare view (benchmark-only URLconf,
`benchmarks.bench_urls`) that inserts one row and commits, under the same server,
middleware and database, (b) a Wagtail contrib.forms FormPage with 12 fields
storing a FormSubmission (benchmarks.peer_form's BenchmarkFormPage, the peer a Wagtail site would
use), (c) our final survey step (POST /survey/<slug>/check/) completing a stored
response, (d) the unsafe-place report HTML form (place in words and a ward; the
confirmation page is rendered in the POST response) and (e) the report JSON API
(a pin on the map). gunicorn: production's gunicorn.conf.py without the access log,
DEBUG off, run twice side by side: 2 sync workers and 2 gthread workers with
GUNICORN_THREADS threads (`--servers`); load: wrk, 16 connections, 10 s each. Prints
req/s, p50, p99, errors, ratios to (f) and (b), the load average, and checks that stored
rows equal successful submits. Runs on SQLite and on PostgreSQL (own database).

Goals (issue 19.4), for (c), (d) and (e): >= 0.5x the floor (f) and >= 1.0x the peer
(b), p99 < 100 ms at 16 connections, 0 errors, stored = acknowledged. Exits 1 when one
is missed under any server model measured.

Run: `.venv/bin/python benchmarks/submit.py [--db sqlite|postgres|both] [--rounds 3
--duration 5] [--servers sync,gthread] [--threads 2] [--port-base 9600]
[--db-name submitperf_bench]` (rounds interleave the scenarios, for a machine other work
shares; `--only c,d` keeps (a), (b), (f) and the named ones; the server listens on
--port-base, or SUBMIT_PORT_BASE, and --db-name names the SQLite file and the PostgreSQL
database, so two runs on one machine keep apart).
"""

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import ROOT, gunicorn, load_average, median, wrk

PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("SUBMIT_PORT_BASE", "9600"))  # --port-base
DB_NAME = "submitperf_bench"  # --db-name


def sqlite_url(name: str) -> str:
    return f"sqlite:///{tempfile.gettempdir()}/{name}.sqlite3"


def postgres_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


CSRF = "benchcsrfsecretbenchcsrfsecret12"  # 32 chars: an unmasked CSRF secret
SESSIONS = 12000
SLUG = "bench-survey"
SCALE = "Strongly agree\nTend to agree\nNeither\nTend to disagree\nStrongly disagree"
REPORT_FORM = (
    "place=South+Street&ward=E05013983&environmental=badly_lit"
    "&environmental=empty_or_isolated&time_of_day=after_dark&description=The+lights+are+out"
)
REPORT_API = json.dumps(
    {
        "location": {"lat": 51.5768, "lng": 0.1837},
        "reasons": ["badly_lit", "followed"],
        "time_of_day": "after_dark",
        "description": "The lights are out",
    }
)
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

    from benchmarks.peer_form.models import BenchmarkFormField, BenchmarkFormPage
    from communitysafety.home.models import HomePage
    from surveys import answer_store
    from surveys.annual.bank import build_standard_bank
    from surveys.models import Survey, SurveyResponse
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
    answer_store.add_answers(
        ((r.pk, q, a, "") for r in responses for q, a in answers.items()), batch_size=5000
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


STATIC_LUA = """
wrk.method = "POST"
wrk.body = %(body)s
wrk.headers["Content-Type"] = "%(content_type)s"
%(extra)s
"""


def counts(database_url: str) -> dict[str, int]:
    """Stored rows per scenario (reports told apart by how the place was given)."""
    code = (
        "import django,json;django.setup();"
        "from surveys.models import SurveyResponse, UnsafePlaceReport;"
        "from wagtail.contrib.forms.models import FormSubmission;"
        "from benchmarks.peer_form.models import FloorRow;"
        "r=UnsafePlaceReport.objects;"
        f"print(json.dumps({{'survey': SurveyResponse.objects.filter(wave__survey__slug='{SLUG}',"
        "completed_on__isnull=False).count(), 'form': FormSubmission.objects.count(),"
        "'floor': FloorRow.objects.count(),"
        "'report_form': r.filter(location_source='words').count(),"
        "'report_api': r.filter(location_source='map').count()}))"
    )
    out = subprocess.run(
        [PY, "-c", code],
        env=env_for(database_url),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_scripts(workdir: Path) -> dict[str, Path]:
    scripts = {}
    for name, path, keys, body in (
        (
            "form",
            "/bench-form/",
            workdir / "form_keys.txt",
            (workdir / "form_body.txt").read_text(),
        ),
        ("survey", f"/survey/{SLUG}/check/", workdir / "round_keys.txt", ""),
    ):
        scripts[name] = workdir / f"{name}.lua"
        scripts[name].write_text(LUA % {"keys": keys, "path": path, "csrf": CSRF, "body": body})
    form_headers = (
        f'wrk.headers["Cookie"] = "csrftoken={CSRF}"\nwrk.headers["X-CSRFToken"] = "{CSRF}"'
    )
    for name, body, content_type, extra in (
        ("report_form", REPORT_FORM, "application/x-www-form-urlencoded", form_headers),
        ("report_api", REPORT_API, "application/json", ""),
        ("floor", "place=South+Street", "application/x-www-form-urlencoded", ""),
    ):
        scripts[name] = workdir / f"{name}.lua"
        scripts[name].write_text(
            STATIC_LUA % {"body": json.dumps(body), "content_type": content_type, "extra": extra}
        )
    return scripts


SCENARIOS = (  # label, path, script, stored-count key
    ("(a) hello-world view", "/bench/hello/", None, None),
    ("(f) floor: 1 row + commit", "/bench/floor/", "floor", "floor"),
    ("(b) Wagtail FormPage POST", "/bench-form/", "form", "form"),
    ("(c) survey final submit", f"/survey/{SLUG}/check/", "survey", "survey"),
    ("(d) report HTML form POST", "/unsafe-places/report/", "report_form", "report_form"),
    ("(e) report API POST", "/api/v1/unsafe-places/", "report_api", "report_api"),
)
WARM_UP = (
    "/bench/hello/",
    "/bench-form/",
    "/unsafe-places/report/",
    "/api/v1/unsafe-places/summary/",
)


def reset_database(database_url: str) -> None:
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(database_url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)


def measure_server(
    database_url: str,
    workdir: Path,
    scripts: dict[str, Path],
    keys: list[str],
    used: int,
    threads: int,
    duration: int,
    connections: int,
    rounds: int,
) -> tuple[dict[str, list[dict]], dict[str, int], int]:
    """Every scenario under one server model; returns runs, stored rows and sessions used."""
    env = env_for(database_url)
    runs: dict[str, list[dict]] = {name: [] for name, *_ in SCENARIOS}
    stored = dict.fromkeys(runs, 0)
    with gunicorn("communitysafety.wsgi:application", PORT, env=env, threads=threads) as base:
        # Both workers load the ward index, templates and URLconf before timing starts.
        for path in WARM_UP * 8:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + path, timeout=10).read()
        # Rounds interleave the scenarios, so a burst of load from elsewhere on the
        # machine does not fall on one scenario only.
        for _ in range(rounds):
            if used > len(keys) * 3 // 4:
                print(f"only {len(keys) - used} fresh survey sessions left: stopping rounds")
                break
            (workdir / "round_keys.txt").write_text("\n".join(keys[used:]) + "\n")
            for name, path, script, key in SCENARIOS:
                before = counts(database_url) if key else {}
                load = load_average()
                result = wrk(
                    base + path, scripts[script] if script else None, duration, connections
                )
                result["load"] = load
                runs[name].append(result)
                if key:
                    stored[name] += counts(database_url)[key] - before[key]
                if key == "survey":
                    used += result["total"] + connections
    return runs, stored, used


GOAL_FLOOR, GOAL_PEER, GOAL_P99_MS = 0.5, 1.0, 100.0
JUDGED = ("(c)", "(d)", "(e)")


def report(
    label: str,
    server: str,
    runs: dict[str, list[dict]],
    stored: dict[str, int],
    connections: int,
) -> tuple[dict[str, dict], list[str]]:
    """Print one server model's table; return its summary and the goals it missed."""
    summary = {
        name: {
            "rps": median([r["rps"] for r in rs]),
            "p50": median([r["p50"] for r in rs]),
            "p99": max(r["p99"] for r in rs),
            "errors": sum(r["errors"] for r in rs),
            "ok": sum(r["total"] - r["errors"] for r in rs),
            "rounds": len(rs),
            "load": " | ".join(r["load"].removeprefix("load average ") for r in rs),
        }
        for name, rs in runs.items()
        if rs
    }
    print(f"\n{label}, {server}: req/s and p50 are medians over rounds, p99 the worst round")
    print(
        f"{'scenario':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'/floor':>7} {'/peer':>6}  stored/ok (+in flight)   load before each round"
    )
    floor = summary[SCENARIOS[1][0]]["rps"]
    peer = summary[SCENARIOS[2][0]]["rps"]
    missed = []
    for name, r in summary.items():
        check = ""
        if SCENARIOS[[n for n, *_ in SCENARIOS].index(name)][3]:
            # wrk stops counting at the deadline while up to one request per connection
            # is still in flight (the server completes and stores it): allow exactly that.
            slack = connections * r["rounds"]
            good = r["ok"] <= stored[name] <= r["ok"] + slack
            check = f"{stored[name]}/{r['ok']} {'OK' if good else 'MISMATCH'}"
            if not good:
                missed.append(f"{server} {name}: stored {stored[name]} of {r['ok']} acknowledged")
        print(
            f"{name:28} {r['rps']:8.1f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7d} "
            f"{r['rps'] / floor:6.2f}x {r['rps'] / peer:5.2f}x  {check:24} {r['load']}"
        )
        if name.startswith(JUDGED):
            if r["rps"] < GOAL_FLOOR * floor:
                missed.append(f"{server} {name}: {r['rps'] / floor:.2f}x floor")
            if r["rps"] < GOAL_PEER * peer:
                missed.append(f"{server} {name}: {r['rps'] / peer:.2f}x peer")
            if r["p99"] >= GOAL_P99_MS:
                missed.append(f"{server} {name}: p99 {r['p99']:.0f} ms")
            if r["errors"]:
                missed.append(f"{server} {name}: {r['errors']} errors")
    return summary, missed


def run_database(
    label: str,
    database_url: str,
    duration: int,
    connections: int,
    rounds: int,
    servers: list[str],
    threads: int,
) -> list[str]:
    """Prepare one database, measure each server model on it; return the goals missed."""
    env = env_for(database_url)
    reset_database(database_url)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="submitperf"))
    subprocess.run(
        [PY, __file__, "--prepare", database_url, str(workdir)], env=env, check=True, cwd=ROOT
    )
    scripts = write_scripts(workdir)
    keys = (workdir / "keys.txt").read_text().split()
    used = 0  # survey sessions already submitted (each round starts on fresh ones)
    missed: list[str] = []
    summaries = {}
    for server in servers:
        n = threads if server == "gthread" else 1
        name = f"2 gthread workers x {n} threads" if n > 1 else "2 sync workers"
        runs, stored, used = measure_server(
            database_url, workdir, scripts, keys, used, n, duration, connections, rounds
        )
        summaries[name], server_missed = report(label, name, runs, stored, connections)
        missed += server_missed
    if len(summaries) > 1:
        print(f"\n{label}, side by side (req/s, p99 ms):")
        names = list(summaries)
        print(f"{'scenario':28} " + "  ".join(f"{n:>34}" for n in names))
        for scenario, *_ in SCENARIOS:
            cells = [
                f"{r['rps']:>22.1f} req/s {r['p99']:>6.1f}"
                for n in names
                if (r := summaries[n].get(scenario))
            ]
            print(f"{scenario:28} " + "  ".join(cells))
    print(
        f"goals: (c), (d), (e) >= {GOAL_FLOOR}x floor and >= {GOAL_PEER}x peer; "
        f"p99 < {GOAL_P99_MS:.0f} ms; 0 errors; stored = ok"
    )
    return missed


def main() -> None:
    global PORT, SCENARIOS
    if len(sys.argv) > 1 and sys.argv[1] == "--prepare":
        prepare(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds per scenario")
    parser.add_argument("--only", default="", help="comma-separated scenario letters, e.g. a,c")
    parser.add_argument("--servers", default="sync,gthread", help="sync, gthread or both")
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("GUNICORN_THREADS", "2")),
        help="threads per gthread worker (gunicorn.conf.py: GUNICORN_THREADS, 2)",
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=PORT,
        help="the port the server listens on (SUBMIT_PORT_BASE, 9600)",
    )
    parser.add_argument(
        "--db-name",
        default=DB_NAME,
        help="the SQLite file (in the temporary directory) and PostgreSQL database to use",
    )
    args = parser.parse_args()
    PORT = args.port_base
    if args.only:
        wanted = {f"({letter.strip()})" for letter in args.only.split(",")} | {"(a)", "(b)", "(f)"}
        SCENARIOS = tuple(s for s in SCENARIOS if s[0].split()[0] in wanted)
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    missed = []
    options = (args.duration, args.connections, args.rounds, servers, args.threads)
    if args.db in ("sqlite", "both"):
        missed += run_database("SQLite", sqlite_url(args.db_name), *options)
    if args.db in ("postgres", "both"):
        missed += run_database("PostgreSQL", postgres_url(args.db_name), *options)
    if missed:
        print("MISSED: " + "; ".join(missed))
        sys.exit(1)
    print("all goals met")


if __name__ == "__main__":
    main()
