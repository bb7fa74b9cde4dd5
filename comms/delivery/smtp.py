"""Email through Django's default mailer (SMTP in production, locmem in tests)."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from .base import DeliveryBackend, EmailContent, PermanentFailure, TemporaryFailure


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"


class SmtpBackend(DeliveryBackend):
    """Django mail with List-Unsubscribe headers and a stable Message-ID per delivery.

    The Message-ID is derived from the delivery id so that, in the rare case a
    worker dies between the server accepting a message and us recording it,
    the one resend carries the same id and mail clients show it once.
    """

    def __init__(self) -> None:
        self.connection = None

    def open(self) -> None:
        self.connection = mailers.default
        self.connection.open()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send_email(self, message: EmailContent) -> str:
        headers = dict(message.headers)
        if message.one_click_url:
            headers["List-Unsubscribe"] = f"<{message.one_click_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        if message.reference:
            headers["Message-ID"] = f"<{message.reference}@{_domain()}>"
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            to=[message.to],
            headers=headers,
        )
        email.attach_alternative(message.html, "text/html")
        connection = self.connection or mailers.default
        try:
            connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure(str(error)[:200]) from error
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600:
                raise PermanentFailure(f"{error.smtp_code}") from error
            raise TemporaryFailure(f"{error.smtp_code}") from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise TemporaryFailure(type(error).__name__) from error
        return message.reference
