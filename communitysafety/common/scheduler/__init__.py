"""The scheduler: periodic jobs declared once by each app, run by one `scheduler` process.

Each app's AppConfig declares ``periodic_jobs()`` (see :mod:`.jobs`); `manage.py
run_scheduler` enqueues each job once per slot on the default task backend, claiming the
slot with a conditional UPDATE so two schedulers never double-run; `/healthz` reports the
last success of each job (:mod:`.health`). Knows no feature.
"""
