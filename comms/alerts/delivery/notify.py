"""GOV.UK Notify: email and text messages through `notifications-python-client`.

Notify sends from templates: ours has ((subject)) and ((body)) placeholders
(body in Notify's markdown-like plain text). Delivery status comes back later
through the callback endpoint (comms/alerts/notify_callbacks.py).

`COMMS_NOTIFY_BASE_URL` points the client elsewhere (tests use a local fake
Notify). A failure is permanent only when Notify refuses the recipient (a 400
naming the address or number); rate limits (429), refused keys (403, a
configuration fault fixed without losing the alert), other 4xx, 5xx, timeouts
and connection errors are retried with back-off.
"""

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from comms.alerts import conf
from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)

# Words in a Notify 400 that mean this recipient can never be sent to.
_RECIPIENT_WORDS = ("email_address", "phone_number", "recipient", "not a valid", "mobile number")


def classify(error: APIError) -> Exception:
    """Our failure for a Notify error: permanent only for a refused recipient."""
    status = error.status_code
    detail = str(error.message)
    if status == 400 and any(word in detail.lower() for word in _RECIPIENT_WORDS):
        return PermanentFailure(f"notify {status}: {detail}"[:200])
    return TemporaryFailure(f"notify {status}: {detail}"[:200])


class NotifyBackend(DeliveryBackend):
    supports_sms = True

    def __init__(self) -> None:
        self.client = NotificationsAPIClient(
            conf.get("COMMS_NOTIFY_API_KEY"),
            base_url=conf.get("COMMS_NOTIFY_BASE_URL"),
            timeout=conf.get("COMMS_NOTIFY_TIMEOUT_SECONDS"),
        )

    def _call(self, method, **kwargs) -> str:
        try:
            response = method(**kwargs)
        except APIError as error:  # HTTP errors, and connection errors and timeouts (503)
            raise classify(error) from error
        except OSError as error:
            raise TemporaryFailure(type(error).__name__) from error
        return str(response.get("id", ""))

    def send_email(self, message: EmailContent) -> str:
        kwargs = {
            "email_address": message.to,
            "template_id": conf.get("COMMS_NOTIFY_EMAIL_TEMPLATE_ID"),
            "personalisation": {"subject": message.subject, "body": message.text},
            "reference": message.reference or None,
        }
        if message.one_click_url:
            kwargs["one_click_unsubscribe_url"] = message.one_click_url
        return self._call(self.client.send_email_notification, **kwargs)

    def send_sms(self, number: str, text: str, reference: str = "") -> str:
        return self._call(
            self.client.send_sms_notification,
            phone_number=number,
            template_id=conf.get("COMMS_NOTIFY_SMS_TEMPLATE_ID"),
            personalisation={"body": text},
            reference=reference or None,
        )
