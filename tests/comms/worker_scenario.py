"""Run inside a subprocess (`python -m tests.comms.worker_scenario setup N`): builds the
fault-test data in the worker settings' database and enqueues the fan-out.

`setup N hold` builds the same but leaves the fan-out for `enqueue ALERT_ID`, which
prints the wall-clock time it was enqueued (the benchmark's start, once workers are up).
"""

import json
import os
import sys
import time


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.comms.worker_settings")
    import django

    django.setup()
    from django.utils import timezone

    from comms.alerts.tasks import fan_out
    from comms.models import Alert, AlertStatus, Delivery, Subscriber
    from communitysafety.vocabularies.models import Topic

    if argv[0] == "setup":
        count = int(argv[1])
        topic, _ = Topic.objects.get_or_create(slug="fault-test", defaults={"name": "Fault test"})
        now = timezone.now()
        Subscriber.objects.bulk_create(
            [
                Subscriber(email=f"r{n}@example.org", consent_wording="t", confirmed_at=now)
                for n in range(count)
            ],
            batch_size=2000,
        )
        Subscriber.topics.through.objects.bulk_create(
            [
                Subscriber.topics.through(subscriber_id=pk, topic_id=topic.pk)
                for pk in Subscriber.objects.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
        alert = Alert.objects.create(
            title="Fault test",
            body="<p>Hello</p>",
            whole_borough=True,
            status=AlertStatus.SENDING,
            sending_started_at=now,
        )
        alert.topics.add(topic)
        if argv[2:] != ["hold"]:
            fan_out.enqueue(alert.pk)
        sys.stdout.write(f"{alert.pk}\n")
    elif argv[0] == "enqueue":
        Alert.objects.filter(pk=int(argv[1])).update(sending_started_at=timezone.now())
        fan_out.enqueue(int(argv[1]))
        sys.stdout.write(f"{time.time()}\n")
    elif argv[0] == "report":
        sys.stdout.write(
            json.dumps(
                {
                    status: Delivery.objects.filter(status=status).count()
                    for status in ("queued", "sending", "sent", "failed")
                }
                | {"alert": Alert.objects.values_list("status", flat=True).first()}
            )
            + "\n"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
