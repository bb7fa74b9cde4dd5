"""The SMTP fast path's hand-written MIME parses as a proper two-part email (no database)."""

from email import message_from_bytes, policy

import pytest

from comms.alerts.delivery.base import EmailContent, PermanentFailure
from comms.alerts.delivery.mime import to_bytes


def _message(**overrides):
    fields = {
        "to": "r@example.org",
        "subject": "Vols de vélos – £50 reward",
        "text": "Lock it.\nhttps://x/alerts/manage/t/",
        "html": "<p>Lock <strong>it</strong>.</p>",
        "reference": "delivery-7",
    }
    fields.update(overrides)
    return EmailContent(**fields)


def test_raw_email_has_both_parts_headers_and_unicode_subject():
    raw = to_bytes(
        _message(),
        "cs@example.org",
        {"Message-ID": "<delivery-7@example.org>", "List-Unsubscribe": "<https://x/one-click/>"},
    )
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "Vols de vélos – £50 reward"
    assert parsed["Message-ID"] == "<delivery-7@example.org>"
    assert parsed["List-Unsubscribe"] == "<https://x/one-click/>"
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert text.startswith("Lock it.") and "<strong>it</strong>" in html


def test_a_line_break_in_any_header_is_refused():
    with pytest.raises(PermanentFailure):
        to_bytes(_message(to="r@example.org\r\nBcc: x@example.org"), "cs@example.org", {})
