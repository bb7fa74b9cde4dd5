"""Web processes move their long-lived objects out of the garbage collector's way."""

import gc

import pytest
from django.core.signals import request_finished

from communitysafety.gc_tuning import freeze_after_warm_up


@pytest.mark.django_db  # request_finished also closes stale database connections
def test_a_process_freezes_at_start_and_once_more_after_its_warm_up_requests():
    gc.unfreeze()
    try:
        freeze_after_warm_up(requests=3)
        at_start = gc.get_freeze_count()
        assert at_start > 1000  # Django and the URLconf's modules
        built_lazily = [[n] for n in range(5000)]  # as caches built by early requests
        request_finished.send(sender=None)
        request_finished.send(sender=None)
        # Frozen objects can still be freed by reference counting: compare with margins.
        assert gc.get_freeze_count() < at_start + len(built_lazily) // 2
        request_finished.send(sender=None)
        after_warm_up = gc.get_freeze_count()
        assert after_warm_up > at_start + len(built_lazily) // 2
        later = [[n] for n in range(5000)]
        request_finished.send(sender=None)  # only once: later objects stay collectable
        assert gc.get_freeze_count() < after_warm_up + len(later) // 2
    finally:
        gc.unfreeze()
