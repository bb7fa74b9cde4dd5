"""Keep Python's garbage collector off the objects a web process keeps for its lifetime.

Once Django, Wagtail, the URLconf, compiled templates and the ward index are loaded,
a worker holds about 300,000 long-lived Python objects. Every so often Python's
full (oldest-generation) collection walks all of them: measured in process, one
such pass took 154 ms, and under gunicorn's sync workers it falls on the request
being served and on every request queued behind it, which is what set the p99 of
the submit benchmarks. `gc.freeze()` moves the objects that exist at that moment
into a permanent generation the collector no longer visits, so later full passes
walk only what came after. It is called twice: when the WSGI module is imported,
and again after the first requests have built the lazy caches (template loader,
ward geometries, translations). The rare garbage cycle frozen with them is never
freed, a bounded one-off cost against a pause on every full collection.
"""

import gc
from importlib import import_module

from django.conf import settings
from django.core.signals import request_finished

WARM_UP_REQUESTS = 200


def freeze_after_warm_up(requests: int = WARM_UP_REQUESTS) -> None:
    """Freeze now, then once more when this process has finished `requests` requests."""
    import_module(settings.ROOT_URLCONF)  # every view module, before the first freeze
    gc.freeze()
    remaining = requests

    def count(**kwargs) -> None:
        nonlocal remaining
        remaining -= 1
        if remaining <= 0:
            request_finished.disconnect(count, dispatch_uid=__name__)
            gc.freeze()

    request_finished.connect(count, weak=False, dispatch_uid=__name__)
