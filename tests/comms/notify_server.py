"""A local fake of the GOV.UK Notify API, for tests (`tests.fake_http` serves it).

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
from email.message import Message

import jwt

from tests.fake_http import FakeJsonService

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


class FakeNotify(FakeJsonService):
    """Serves while the `with` block runs; `requests` holds (kind, json body) accepted."""

    def __init__(self, port: int) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.refused_auth = 0
        self.fail_with: int | None = None
        self.fail_message = "fake failure"
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        super().__init__(port)

    def _authorised(self, header: str) -> bool:
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token:
            return False
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iat"]})
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == SERVICE_ID

    @staticmethod
    def _error(status: int, message: str) -> tuple[int, dict]:
        errors = [{"error": ERROR_NAMES.get(status, "Exception"), "message": message}]
        return status, {"status_code": status, "errors": errors}

    def answer(self, method: str, path: str, headers: Message, body: bytes) -> tuple[int, dict]:
        kind = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(path)
        if method != "POST" or kind is None:
            return self._error(404, "Not found")
        payload = json.loads(body or b"{}")
        if not self._authorised(headers.get("Authorization", "")):
            with self._lock:
                self.refused_auth += 1
            return self._error(403, "Invalid token: signature, api token not found")
        if self.fail_with is not None:
            return self._error(self.fail_with, self.fail_message)
        with self._lock:
            self.requests.append((kind, payload))
            number = next(self._ids)
        return 201, {
            "id": str(uuid.UUID(int=number)),
            "reference": payload.get("reference"),
            "content": {"body": payload.get("personalisation", {}).get("body", "")},
            "template": {"id": payload.get("template_id"), "version": 1, "uri": ""},
            "uri": f"{self.base_url}/v2/notifications/{number}",
        }
