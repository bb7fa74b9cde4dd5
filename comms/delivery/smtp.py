"""Email through Django's default mailer (SMTP in production, locmem in tests)."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from .base import DeliveryBackend, EmailContent, PermanentFailure, TemporaryFailure
from .mime import to_bytes


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
        if self.connection is None:
            try:
                self.open()
            except OSError as error:
                self.connection = None
                raise TemporaryFailure(type(error).__name__) from error
        smtp = getattr(self.connection, "connection", None)
        if smtp is not None:  # Django's SMTP backend, open: the fast path (see mime.py)
            return self._send_raw(smtp, message, headers)
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            to=[message.to],
            headers=headers,
        )
        email.attach_alternative(message.html, "text/html")
        try:
            self.connection.send_messages([email])
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

    def _send_raw(self, smtp, message: EmailContent, headers: dict[str, str]) -> str:
        raw = to_bytes(message, settings.DEFAULT_FROM_EMAIL, headers)
        try:
            smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [message.to], raw)
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
