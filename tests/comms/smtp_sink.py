"""A local SMTP sink (aiosmtpd) that counts messages per recipient, for tests and benchmarks."""

import logging
import threading
import time
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP verb otherwise


class CountingHandler:
    def __init__(self, delay: float = 0.0, parse: bool = True) -> None:
        self.delay = delay
        self.parse = parse
        self.lock = threading.Lock()
        self.per_recipient: Counter[str] = Counter()
        self.message_ids: dict[str, set[str]] = {}
        self.total = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.delay:
            time.sleep(self.delay)  # a slow relay: makes "mid fan-out" a wide window
        message_id = ""
        if self.parse:
            message_id = message_from_bytes(envelope.content).get("Message-ID", "")
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.per_recipient[recipient] += 1
                self.message_ids.setdefault(recipient, set()).add(message_id)
            self.total += 1
        return "250 OK"


class SmtpSink:
    def __init__(self, port: int, delay: float = 0.0, parse: bool = True) -> None:
        self.handler = CountingHandler(delay, parse)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
