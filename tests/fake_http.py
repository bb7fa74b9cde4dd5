"""The plumbing the fake edge services of the tests share (GOV.UK Notify, postcodes.io).

A threaded `http.server` on 127.0.0.1 that serves while a `with` block runs; a subclass
answers each request in `answer(method, path, headers, body)` with a status and a JSON
body, so every fake speaks HTTP the same way and only says what its service would.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeJsonService(ABC):
    """Serves `answer()`'s (status, JSON body or bytes) at `base_url` inside `with`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeJsonService:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    @abstractmethod
    def answer(self, method: str, path: str, headers: Message, body: bytes) -> tuple[int, Any]:
        """(status, body): a dict or list is sent as JSON, bytes as they are."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length) if length else b""
                status, answer = fake.answer(self.command, self.path, self.headers, body)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

        return Handler
