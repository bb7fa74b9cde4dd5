"""Production's gunicorn.conf.py for the benchmarks, without the access log.

gunicorn reads ./gunicorn.conf.py by default, so benchmark servers always ran with its
settings (threads, worker recycling, an access line per request). They still do, from
this file, so a figure is production's; only the access log goes, because a line per
request written to the terminal measures the terminal. Workers, worker class and
threads are set on the command line by `benchmarks.harness.gunicorn`.
"""

import runpy
from pathlib import Path

_production = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({k: v for k, v in _production.items() if not k.startswith("_")})
accesslog = None
