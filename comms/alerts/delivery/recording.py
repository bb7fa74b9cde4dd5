"""A recording backend for tests and demos: keeps what would have been sent.

Set `RecordingBackend.failures` to {address: "temporary" | "permanent"} to
make sends to an address fail, to exercise retries.
"""

import threading

from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)


class RecordingBackend(DeliveryBackend):
    supports_sms = True
    sent: list[tuple[str, object]] = []
    failures: dict[str, str] = {}
    _lock = threading.Lock()

    @classmethod
    def reset(cls) -> None:
        with cls._lock:
            cls.sent = []
            cls.failures = {}

    def _record(self, address: str, item: object) -> str:
        failure = self.failures.get(address)
        if failure == "temporary":
            raise TemporaryFailure("recorded temporary failure")
        if failure == "permanent":
            raise PermanentFailure("recorded permanent failure")
        with self._lock:
            self.sent.append((address, item))
            return f"rec-{len(self.sent)}"

    def send_email(self, message: EmailContent) -> str:
        return self._record(message.to, message)

    def send_sms(self, number: str, text: str, reference: str = "") -> str:
        return self._record(number, text)
