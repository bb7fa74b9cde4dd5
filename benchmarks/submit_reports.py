"""Unsafe-place report submits (HTML form and JSON API) against peers, in one run.

Peers, measured in the same run under the same gunicorn (2 sync workers, DEBUG off,
`--no-control-socket`) with `wrk -t1 -c16 -d10s --latency`:
  - a Django hello-world view (the ceiling of the stack on this machine),
  - a Wagtail contrib.forms FormPage POST with 12 single-line fields (the peer to beat).
It prints req/s, p99, errors, and the stored count beside wrk's successes (requests in
flight when wrk stops are stored but not counted, so stored − ok is at most the connections).

Run: `.venv/bin/python benchmarks/submit_reports.py` (SQLite in a temporary directory;
`DURATION=10 CONNECTIONS=16 PORT=9200` to change). Stops every server it starts.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = int(os.environ.get("PORT", "9200"))
DURATION = int(os.environ.get("DURATION", "10"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "16"))
FORM_FIELDS = 12

SETTINGS = """
from communitysafety.settings.base import *  # noqa
SECRET_KEY = "benchmark-only-secret-key-not-for-anything-else-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [*INSTALLED_APPS, "formpeer"]
ROOT_URLCONF = "bench_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], r"{tmp}/templates"]
STORAGES["staticfiles"] = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
RATELIMIT_ENABLED = False
LOGGING = {{"version": 1, "disable_existing_loggers": True, "root": {{"level": "ERROR"}}}}
DEMO_DATA_ALLOWED = True
"""
URLS = """
from django.http import HttpResponse
from django.urls import path
from communitysafety.urls import urlpatterns as site

def hello(request):
    return HttpResponse("Hello, world")

urlpatterns = [path("hello/", hello), *site]
"""
MODELS = """
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField

class FormField(AbstractFormField):
    page = ParentalKey("FormPage", related_name="form_fields", on_delete=models.CASCADE)

class FormPage(AbstractForm):
    template = "form_page.html"
    landing_page_template = "form_page_landing.html"
"""
SETUP = f"""
from django.conf import settings
from wagtail.models import Page, Site
from communitysafety.wards.loading import DEFAULT_BOUNDARIES, DEFAULT_CENSUS, load_wards
from formpeer.models import FormField, FormPage
load_wards(DEFAULT_BOUNDARIES, DEFAULT_CENSUS, borough_code=settings.BOROUGH_CODE,
           borough_name=settings.BOROUGH_NAME)
root = Page.get_first_root_node()
page = root.add_child(instance=FormPage(title="Peer form", slug="peer-form"))
for n in range({FORM_FIELDS}):
    FormField.objects.create(page=page, label=f"Field {{n}}", field_type="singleline",
                             required=True, sort_order=n)
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port={PORT}, root_page=page, is_default_site=True)
"""


def write_project(tmp: Path) -> None:
    (tmp / "bench_settings.py").write_text(SETTINGS.format(tmp=tmp))
    (tmp / "bench_urls.py").write_text(URLS)
    (tmp / "formpeer").mkdir()
    (tmp / "formpeer" / "__init__.py").write_text("")
    (tmp / "formpeer" / "models.py").write_text(MODELS)
    (tmp / "formpeer" / "migrations").mkdir()
    (tmp / "formpeer" / "migrations" / "__init__.py").write_text("")
    (tmp / "templates").mkdir()
    # The peer renders in the site shell too, as a FormPage on this site would.
    (tmp / "templates" / "form_page.html").write_text(
        '{% extends "base.html" %}{% block content %}<form method="post">{% csrf_token %}'
        "{{ form.as_p }}<button>Send</button></form>{% endblock %}"
    )
    (tmp / "templates" / "form_page_landing.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Thank you</p>{% endblock %}'
    )


def env_for(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        PYTHONPATH=f"{tmp}:{ROOT}",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PY, str(ROOT / "manage.py"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def count(env: dict[str, str], model: str) -> int:
    code = f"from django.apps import apps; print(apps.get_model('{model}').objects.count())"
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def csrf(url: str) -> str:
    with urllib.request.urlopen(url) as response:  # noqa: S310 - our own local server
        cookie = response.headers.get("Set-Cookie", "")
        body = response.read().decode()
    secret = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return secret, token


def lua(tmp: Path, name: str, body: str, content_type: str, cookie: str = "") -> Path:
    path = tmp / f"{name}.lua"
    headers = f'wrk.headers["Content-Type"] = "{content_type}"\n'
    if cookie:
        headers += f'wrk.headers["Cookie"] = "{cookie}"\n'
    path.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n{headers}')
    return path


def wrk(url: str, script: Path | None = None) -> dict[str, float]:
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "--timeout", "5s"]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": float(p99.group(1)) * scale,
        "errors": (int(bad.group(1)) if bad else 0)
        + (sum(int(g) for g in socket.groups()) if socket else 0),
    }


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-unsafe-"))
    server = None
    try:
        write_project(tmp)
        env = env_for(tmp)
        manage(env, "makemigrations", "formpeer")
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "-c", SETUP)
        server = subprocess.Popen(
            [
                GUNICORN,
                "communitysafety.wsgi:application",
                "-w",
                "2",
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{PORT}",
                "--no-control-socket",
                "--log-level",
                "error",
            ],
            env=env,
            cwd=tmp,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/hello/")  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        secret, token = csrf(base + "/unsafe-places/report/")
        cookie = f"csrftoken={secret}"
        form_body = (
            f"csrfmiddlewaretoken={token}&place=South+Street&ward=E05013983"
            "&environmental=badly_lit&environmental=empty_or_isolated&time_of_day=after_dark"
            "&description=The+lights+are+out"
        )
        api_body = json.dumps(
            {
                "location": {"lat": 51.5768, "lng": 0.1837},
                "reasons": ["badly_lit", "followed"],
                "time_of_day": "after_dark",
                "description": "The lights are out",
            }
        )
        peer_secret, peer_token = csrf(base + "/")
        peer_body = f"csrfmiddlewaretoken={peer_token}&" + "&".join(
            f"field_{n}=value+{n}" for n in range(FORM_FIELDS)
        )
        form_type = "application/x-www-form-urlencoded"
        results = {}
        results["hello-world GET"] = wrk(base + "/hello/")
        before = (
            count(env, "formpeer.FormSubmission")
            if False
            else count(env, "wagtailforms.FormSubmission")
        )
        results["Wagtail FormPage POST (12 fields)"] = wrk(
            base + "/", lua(tmp, "peer", peer_body, form_type, f"csrftoken={peer_secret}")
        )
        peer_stored = count(env, "wagtailforms.FormSubmission") - before
        results["report HTML form POST"] = wrk(
            base + "/unsafe-places/report/", lua(tmp, "form", form_body, form_type, cookie)
        )
        form_stored = count(env, "surveys.UnsafePlaceReport")
        results["report API POST"] = wrk(
            base + "/api/v1/unsafe-places/", lua(tmp, "api", api_body, "application/json")
        )
        api_stored = count(env, "surveys.UnsafePlaceReport") - form_stored
        stored = {
            "Wagtail FormPage POST (12 fields)": peer_stored,
            "report HTML form POST": form_stored,
            "report API POST": api_stored,
        }
        peer = results["Wagtail FormPage POST (12 fields)"]["rps"]
        print(f"wrk -t1 -c{CONNECTIONS} -d{DURATION}s, gunicorn 2 sync workers, SQLite, DEBUG off")
        print(f"{'scenario':36} {'req/s':>8} {'p99 ms':>8} {'errors':>7} {'vs peer':>8} stored/ok")
        print("(stored may exceed ok by up to the connection count: requests in flight when")
        print(" wrk stops are still served and stored, but wrk does not count them)")
        for name, r in results.items():
            ok = r["requests"] - r["errors"]
            check = f"{stored[name]}/{ok}" if name in stored else "-"
            print(
                f"{name:36} {r['rps']:8.0f} {r['p99_ms']:8.1f} {r['errors']:7d} "
                f"{r['rps'] / peer:7.2f}x {check}"
            )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
