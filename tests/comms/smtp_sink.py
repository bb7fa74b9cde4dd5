"""A local SMTP sink that counts messages per recipient, for tests and benchmarks.

A real SMTP server over TCP (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
RSET, NOOP, QUIT, and RFC 2920 PIPELINING), written on a bare asyncio protocol
rather than aiosmtpd: aiosmtpd spent about 0.5 ms of CPU a message here, which
on a 2-core machine took a large share from the workers being measured. This
one replies to a whole pipelined group in one write and parses nothing unless
asked (`parse=True` reads each message's Message-ID and keeps the message).
Like Postfix, it answers 501 to a `MAIL FROM` that is not a bare `<address>` (a
display name there is a syntax error), so a client that puts `Name <a@b>` on the
envelope fails here as it would at a real relay.
"""

import asyncio
import re
import threading
import time
from collections import Counter
from email import message_from_bytes

MAX_LINE = 1000  # RFC 5321 4.5.3.1.6, including CRLF
# A path is "<>" or "<local@domain>" with no spaces or angle brackets inside (RFC 5321 4.1.2).
_MAIL_FROM = re.compile(rb"(?i)^FROM:\s*<([^<>\s]+@[^<>\s]+)?>(\s+[A-Za-z0-9=.\-]+)*\s*$")
EHLO_REPLY = b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n"


class CountingHandler:
    """What arrived: per recipient, the Message-IDs seen (when parsing), and the total.

    `refuse` maps an address to the reply code its RCPT gets (e.g. 550, 451);
    `lax_data` answers DATA with 354 even with no accepted recipient (RFC 2920 says
    not to, but a client must not hang or deliver when a server does).
    """

    def __init__(self, delay: float = 0.0, parse: bool = True) -> None:
        self.delay = delay
        self.parse = parse
        self.refuse: dict[str, int] = {}
        self.lax_data = False
        self.lock = threading.Lock()
        self.per_recipient: Counter[str] = Counter()
        self.message_ids: dict[str, set[str]] = {}
        self.messages: list = []  # email.message.Message, when parsing
        self.senders: list[str] = []
        self.total = 0

    def accept(self, recipients: list[str], content: bytes) -> str:
        if self.delay:
            time.sleep(self.delay)  # a slow relay: makes "mid fan-out" a wide window
        message_id = ""
        parsed = None
        if self.parse:
            parsed = message_from_bytes(content)
            message_id = parsed.get("Message-ID", "")
        with self.lock:
            if parsed is not None:
                self.messages.append(parsed)
            for recipient in recipients:
                self.per_recipient[recipient] += 1
                if self.parse:
                    self.message_ids.setdefault(recipient, set()).add(message_id)
            self.total += 1
        return "250 OK"


def _address(argument: bytes) -> str:
    """The address in `FROM:<a@b> SIZE=…` or `TO:<a@b>`."""
    start, end = argument.find(b"<"), argument.find(b">")
    if start == -1 or end < start:
        return argument.partition(b":")[2].strip().split(b" ")[0].decode("utf-8", "replace")
    return argument[start + 1 : end].decode("utf-8", "replace")


class SmtpProtocol(asyncio.Protocol):
    def __init__(self, handler: CountingHandler) -> None:
        self.handler = handler
        self.buffer = b""
        self.in_data = False
        self.sender: str | None = None
        self.recipients: list[str] = []
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        replies: list[bytes] = []
        closing = False
        while not closing:
            if self.in_data:
                content = self._take_data()
                if content is None:
                    break
                replies.append(self._deliver(content))
                continue
            end = self.buffer.find(b"\r\n")
            if end == -1:
                if len(self.buffer) > MAX_LINE:
                    self.buffer = b""
                    replies.append(b"500 Line too long\r\n")
                break
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            reply, closing = self._command(line)
            replies.append(reply)
        if replies:
            self.transport.write(b"".join(replies))
        if closing:
            self.transport.close()

    def _take_data(self) -> bytes | None:
        """The message up to the lone "." line, dot-unstuffed; None until it has all come."""
        if self.buffer.startswith(b".\r\n"):
            content, self.buffer = b"", self.buffer[3:]
        else:
            end = self.buffer.find(b"\r\n.\r\n")
            if end == -1:
                return None
            content, self.buffer = self.buffer[: end + 2], self.buffer[end + 5 :]
        self.in_data = False
        if b"\n.." in content or content.startswith(b".."):
            content = b"\r\n".join(
                line[1:] if line.startswith(b"..") else line for line in content.split(b"\r\n")
            )
        return content

    def _deliver(self, content: bytes) -> bytes:
        reply = self.handler.accept(self.recipients, content)
        self.sender, self.recipients = None, []
        return reply.encode() + b"\r\n"

    def _mail(self, argument: bytes) -> bytes:
        if self.sender is not None:
            return b"503 Error: nested MAIL command\r\n"
        if not _MAIL_FROM.match(argument):
            return b"501 5.1.7 Bad sender address syntax\r\n"
        self.sender = _address(argument)
        if self.handler.parse:
            with self.handler.lock:
                self.handler.senders.append(self.sender)
        return b"250 OK\r\n"

    def _rcpt(self, argument: bytes) -> bytes:
        if self.sender is None:
            return b"503 Error: need MAIL command\r\n"
        address = _address(argument)
        if address in self.handler.refuse:
            return f"{self.handler.refuse[address]} Refused\r\n".encode()
        self.recipients.append(address)
        return b"250 OK\r\n"

    def _data(self) -> bytes:
        if not self.recipients and not self.handler.lax_data:
            return b"503 Error: need RCPT command\r\n"
        self.in_data = True
        return b"354 End data with <CR><LF>.<CR><LF>\r\n"

    def _command(self, line: bytes) -> tuple[bytes, bool]:
        verb, _, argument = line.partition(b" ")
        verb = verb.upper()
        if verb == b"EHLO":
            self.sender, self.recipients = None, []
            return EHLO_REPLY, False
        if verb == b"HELO":
            self.sender, self.recipients = None, []
            return b"250 sink\r\n", False
        if verb == b"MAIL":
            return self._mail(argument), False
        if verb == b"RCPT":
            return self._rcpt(argument), False
        if verb == b"DATA":
            return self._data(), False
        if verb == b"RSET":
            self.sender, self.recipients = None, []
            return b"250 OK\r\n", False
        if verb == b"NOOP":
            return b"250 OK\r\n", False
        if verb == b"QUIT":
            return b"221 Bye\r\n", True
        return b"502 Command not implemented\r\n", False


class SmtpSink:
    """Serves on 127.0.0.1:`port` from a background thread while the `with` block runs."""

    def __init__(self, port: int, delay: float = 0.0, parse: bool = True) -> None:
        self.port = port
        self.handler = CountingHandler(delay, parse)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: asyncio.Server | None = None

    def __enter__(self) -> "SmtpSink":
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(
            self.loop.create_server(
                lambda: SmtpProtocol(self.handler), "127.0.0.1", self.port, reuse_address=True
            ),
            self.loop,
        ).result(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        async def stop() -> None:
            self.server.close()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()
