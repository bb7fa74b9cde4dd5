"""A local fake of the GOV.UK Notify API, for tests: a threaded http.server on 127.0.0.1.

It answers POST /v2/notifications/email and /v2/notifications/sms the way Notify does
(201 with an id, or Notify's error body), checks the `Authorization: Bearer <JWT>`
header is a token signed with the API key's secret and issued by its service id, and
records every request it accepted. `fail_with` makes it answer a status instead
(400/403/429/500), with `fail_message` as Notify's error message.
"""

import itertools
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"

ERROR_NAMES = {
    400: "BadRequestError",
    403: "AuthError",
    429: "RateLimitError",
    500: "Exception",
}


def use_notify(settings, base_url: str = "http://127.0.0.1:9") -> None:
    """Configure alerts to go through Notify at `base_url` (so text messages are offered)."""
    settings.COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.notify.NotifyBackend"
    settings.COMMS_NOTIFY_BASE_URL = base_url
    settings.COMMS_NOTIFY_API_KEY = API_KEY
    settings.COMMS_NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.COMMS_NOTIFY_SMS_TEMPLATE_ID = "sms-template"


class FakeNotify:
    """Serves while the `with` block runs; `requests` holds (kind, json body) accepted."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[tuple[str, dict]] = []
        self.refused_auth = 0
        self.fail_with: int | None = None
        self.fail_message = "fake failure"
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "FakeNotify":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def _authorised(self, header: str) -> bool:
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token:
            return False
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iat"]})
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == SERVICE_ID

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                return

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, message: str) -> None:
                error = ERROR_NAMES.get(status, "Exception")
                errors = [{"error": error, "message": message}]
                self._answer(status, {"status_code": status, "errors": errors})

            def do_POST(self) -> None:
                kind = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(
                    self.path
                )
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if kind is None:
                    self._error(404, "Not found")
                    return
                if not fake._authorised(self.headers.get("Authorization", "")):
                    with fake._lock:
                        fake.refused_auth += 1
                    self._error(403, "Invalid token: signature, api token not found")
                    return
                if fake.fail_with is not None:
                    self._error(fake.fail_with, fake.fail_message)
                    return
                with fake._lock:
                    fake.requests.append((kind, body))
                    number = next(fake._ids)
                self._answer(
                    201,
                    {
                        "id": str(uuid.UUID(int=number)),
                        "reference": body.get("reference"),
                        "content": {"body": body.get("personalisation", {}).get("body", "")},
                        "template": {"id": body.get("template_id"), "version": 1, "uri": ""},
                        "uri": f"{fake.base_url}/v2/notifications/{number}",
                    },
                )

        return Handler
