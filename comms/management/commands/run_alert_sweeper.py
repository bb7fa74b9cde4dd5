"""Run the alert sweeper: once, or every N seconds (a cron job or a small service).

It re-queues deliveries a killed worker left "sending", restarts stalled fan-outs,
marks finished alerts sent and starts scheduled alerts whose time has come.
"""

import time

from django.core.management.base import BaseCommand

from comms.alerts.tasks import purge_unconfirmed, sweep


class Command(BaseCommand):
    help = "Re-queue alert deliveries left behind and start due alerts (once or --every N s)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: float = 0, **options):
        while True:
            result = sweep.call()
            result["purged"] = purge_unconfirmed.call()
            self.stdout.write(" ".join(f"{key}={value}" for key, value in result.items()))
            if not every:
                return
            time.sleep(every)
