"""A recording fake of `notifications_python_client`'s NotificationsAPIClient (the edge only)."""

import itertools


class RecordingNotifyClient:
    calls: list[tuple[str, dict]] = []
    _ids = itertools.count(1)
    fail_with: int | None = None  # an HTTP status to raise, e.g. 429 or 400

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key

    @classmethod
    def reset(cls) -> None:
        cls.calls = []
        cls.fail_with = None

    def _respond(self, method: str, kwargs: dict) -> dict:
        if self.fail_with is not None:
            from notifications_python_client.errors import HTTPError
            from requests import Response

            response = Response()
            response.status_code = self.fail_with
            response._content = b'{"errors": [{"error": "Fake", "message": "fake failure"}]}'
            raise HTTPError(response)
        self.calls.append((method, kwargs))
        return {"id": f"notify-{next(self._ids)}", "reference": kwargs.get("reference")}

    def send_email_notification(self, **kwargs) -> dict:
        return self._respond("email", kwargs)

    def send_sms_notification(self, **kwargs) -> dict:
        return self._respond("sms", kwargs)
