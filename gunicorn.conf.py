"""gunicorn settings for the production profile (Procfile `web`, `make serve`).

Every value can be overridden from the environment; the defaults suit a small
container or VM with two cores behind a TLS-terminating proxy."""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
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
