"""GOV.UK Notify: email and text messages through `notifications-python-client`.

Notify sends from templates: ours has ((subject)) and ((body)) placeholders
(body in Notify's markdown-like plain text). Delivery status comes back later
through the callback endpoint (comms/views/notify_callbacks.py).
"""

from django.utils.module_loading import import_string

from comms.alerts import conf
from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)


class NotifyBackend(DeliveryBackend):
    supports_sms = True

    def __init__(self) -> None:
        client_class = import_string(conf.get("COMMS_NOTIFY_CLIENT"))
        self.client = client_class(conf.get("COMMS_NOTIFY_API_KEY"))

    def _call(self, method, **kwargs) -> str:
        from notifications_python_client.errors import APIError

        try:
            response = method(**kwargs)
        except APIError as error:
            status = getattr(error, "status_code", 500)
            if status in (400, 403):
                raise PermanentFailure(f"notify {status}") from error
            raise TemporaryFailure(f"notify {status}") from error
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
