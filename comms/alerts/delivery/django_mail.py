"""Email through Django's mailers (`MAILERS`: SMTP in production, locmem in tests).

One connection is opened per batch (`open()`/`close()` around the sending loop)
and every message is a standard `EmailMultiAlternatives` (text and HTML), so
addresses, headers and encodings are the standard library's: a display-name
sender (`Havering Community Safety <alerts@…>`) is sent as its bare address in
`MAIL FROM` and intact in the `From` header.

A failure is permanent only when the relay says so about the recipient (a 5xx
reply to RCPT) or the address cannot be written at all; everything else (4xx,
a refused sender, a 5xx at DATA, timeouts, dropped connections) is retried with
back-off, so a misconfigured relay delays alerts instead of losing them.
"""

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from comms.alerts import conf
from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)


def _domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    return address.rpartition("@")[2] or "localhost"


def build_message(message: EmailContent) -> EmailMultiAlternatives:
    """The Django email for one alert or sign-up message, with its unsubscribe headers.

    The Message-ID is derived from the delivery id so that, in the rare case a
    worker dies between the server accepting a message and us recording it,
    the one resend carries the same id and mail clients show it once.
    """
    headers = dict(message.headers)
    if message.one_click_url:
        headers["List-Unsubscribe"] = f"<{message.one_click_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if message.reference:
        headers["Message-ID"] = f"<{message.reference}@{_domain()}>"
    email = EmailMultiAlternatives(
        subject=message.subject, body=message.text, to=[message.to], headers=headers
    )
    email.attach_alternative(message.html, "text/html")
    return email


def _recipient_failure(error: smtplib.SMTPRecipientsRefused) -> Exception:
    codes = [code for code, _reply in error.recipients.values()]
    summary = "; ".join(f"{code} {reply!r}" for code, reply in error.recipients.values())
    if codes and all(500 <= code < 600 for code in codes):
        return PermanentFailure(f"recipient refused: {summary}"[:200])
    return TemporaryFailure(f"recipient deferred: {summary}"[:200])


class DjangoMailBackend(DeliveryBackend):
    """Sends through the mailer named by `COMMS_MAILER` (Django's `MAILERS`, default "default")."""

    def __init__(self) -> None:
        self.connection = None

    def open(self) -> None:
        # A failure to connect is left to the first send, which reports it as temporary.
        try:
            self._connect()
        except (OSError, smtplib.SMTPException):
            self.connection = None

    def _connect(self) -> None:
        connection = mailers[conf.get("COMMS_MAILER")]
        connection.open()
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):  # already gone
                self.connection.close()
            self.connection = None

    def send_email(self, message: EmailContent) -> str:
        try:
            email = build_message(message)
            email.message()  # refuses a line break in any header before anything is sent
        except ValueError as error:
            raise PermanentFailure(f"cannot be written: {error}"[:200]) from error
        try:
            if self.connection is None:
                self._connect()
            self.connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as error:
            raise _recipient_failure(error) from error
        except smtplib.SMTPResponseException as error:
            # A refused sender or a refused DATA is about us or the relay, not the
            # recipient: retry (sendmail has reset the session, the connection stays).
            raise TemporaryFailure(f"{error.smtp_code} {error.smtp_error!r}"[:200]) from error
        except ValueError as error:  # an address the backend cannot put on the envelope
            if message.to in str(error):  # the recipient's: it will never go
                raise PermanentFailure(f"cannot be sent: {error}"[:200]) from error
            # DEFAULT_FROM_EMAIL is wrong: every message fails alike until it is fixed.
            raise TemporaryFailure(f"sender: {error}"[:200]) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()  # reconnect for the next message
            raise TemporaryFailure(type(error).__name__) from error
        return message.reference
