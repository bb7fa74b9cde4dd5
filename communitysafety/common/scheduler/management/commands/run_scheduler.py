"""`manage.py run_scheduler [--once] [--tick S]`: the `scheduler` process.

Enqueues each declared periodic job once per slot on the default task backend; run
one (or, safely, more: slots are claimed in the database).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.scheduler.runs import enqueue_due


class Command(BaseCommand):
    help = "Enqueue due periodic jobs, every --tick seconds (or --once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--tick", type=float, default=15, help="Seconds between passes.")

    def handle(self, *args: Any, once: bool = False, tick: float = 15, **options: Any) -> None:
        while True:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(tick)
