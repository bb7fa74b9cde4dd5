"""gunicorn settings for the production profile (Procfile `web`, `make serve`).

Every value can be overridden from the environment; the defaults suit a small
container or VM with two cores behind a TLS-terminating proxy."""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers, chosen from benchmarks/submit.py (issue 19.4; docs/operations.md, "Web
# server model"): on a quiet machine 2 sync workers served the survey submit and the report
# form 1.3-1.9x faster than 2 gthread workers x 2 threads, on SQLite and PostgreSQL (the
# work is Python, and a second thread only waits for the GIL). GUNICORN_THREADS=2 or more
# gives gthread workers.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# A worker restarts after this many requests (a guard against slow leaks). At 1,000 a busy
# worker restarted every few seconds and re-imported the whole site each time: under load
# that cost more than half the throughput of benchmarks/pages.py. 0 turns recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# No client address (%(h)s) nor user agent in a log line, like LOGGING in settings.
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# gunicorn 27 opens a control socket at one shared default path: none is needed here,
# and two instances on one machine would fight over it.
control_socket_disable = True
# The proxy in front sets X-Forwarded-Proto (honoured via SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
