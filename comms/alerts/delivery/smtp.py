"""Email through Django's default mailer (SMTP in production, locmem in tests)."""

import re
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers

from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)
from comms.alerts.delivery.mime import to_bytes

_LEADING_DOT = re.compile(rb"(?m)^\.")


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"


def _failure(code: int, reason: str) -> Exception:
    if 500 <= code < 600:
        return PermanentFailure(f"{code} {reason}"[:200])
    return TemporaryFailure(f"{code} {reason}"[:200])


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

    def _send_raw(self, smtp: smtplib.SMTP, message: EmailContent, headers: dict[str, str]) -> str:
        raw = to_bytes(message, settings.DEFAULT_FROM_EMAIL, headers)
        try:
            smtp.ehlo_or_helo_if_needed()
            if smtp.has_extn("pipelining") and message.to.isascii():
                self._send_pipelined(smtp, message.to, raw)
            else:
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

    def _send_pipelined(self, smtp: smtplib.SMTP, to: str, raw: bytes) -> None:
        """MAIL, RCPT and DATA in one write (RFC 2920), then the content: two round trips
        a message instead of smtplib's four. The server accepts the message only at the
        final ".", which is sent only once all three commands were accepted."""
        size = f" SIZE={len(raw)}" if smtp.has_extn("size") else ""
        smtp.send(f"MAIL FROM:<{settings.DEFAULT_FROM_EMAIL}>{size}\r\nRCPT TO:<{to}>\r\nDATA\r\n")
        replies = [smtp.getreply() for _ in range(3)]
        (mail_code, mail_reply), (rcpt_code, rcpt_reply), (data_code, data_reply) = replies
        if mail_code == 250 and rcpt_code in (250, 251) and data_code == 354:
            content = _LEADING_DOT.sub(b"..", raw)
            if not content.endswith(b"\r\n"):
                content += b"\r\n"
            smtp.send(content + b".\r\n")
            code, reply = smtp.getreply()
            if code != 250:
                raise _failure(code, reply.decode("utf-8", "replace"))
            return
        if data_code == 354:
            # The server waits for content we will not send: drop the socket (no QUIT,
            # which it would read as content) so the unfinished message is discarded.
            smtp.close()
            self.connection.connection = None
            self.close()
        else:
            smtp.rset()
        code, reply = next(
            ((c, r) for c, r in replies if c not in (250, 251, 354)), (data_code, data_reply)
        )
        raise _failure(code, reply.decode("utf-8", "replace"))
