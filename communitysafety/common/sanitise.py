"""Cleaning text from residents and editors.

Residents' free text is stored as plain text: markup is stripped (not
entity-encoded, so "Fish & chips" stays readable) and templates escape it on
output. Rich text from editors is cleaned with an allow-list.
"""

import html
import re

import bleach

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

RICH_TEXT_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
RICH_TEXT_ATTRIBUTES = {"a": ["href", "title"]}
RICH_TEXT_PROTOCOLS = frozenset({"https", "http", "mailto", "tel"})


def plain_text(value: str | None) -> str:
    """Strip every tag and control character; decode entities; trim.

    Script and style elements are removed with their content, so `<script>x</script>`
    leaves nothing behind rather than the code as text. Line endings become "\n", as
    an HTML parser makes them. Text with no "<" or "&" holds no markup or entity, so
    it skips the parser (most of what residents type, and a tenth of a report's
    server time).
    """
    if not value:
        return ""
    text = _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if "<" in text or "&" in text:
        without_code = re.sub(
            r"<(script|style)\b[^>]*>.*?</\1\s*>", "", text, flags=re.IGNORECASE | re.DOTALL
        )
        stripped = bleach.clean(without_code, tags=set(), attributes={}, strip=True)
        # bleach escapes &, < and > in what remains; decode so we store the plain text
        # (and drop the control characters an entity such as &#1; decodes to).
        text = _CONTROL_CHARS.sub("", html.unescape(stripped))
    return text.strip()


def has_control_characters(value: str) -> bool:
    """True when `value` holds a character no text field should (NUL, escapes, DEL…)."""
    return bool(_CONTROL_CHARS.search(value))


def clean_rich_text(
    value: str | None,
    tags: frozenset[str] = RICH_TEXT_TAGS,
    attributes: dict[str, list[str]] | None = None,
) -> str:
    """Keep only allowed tags, attributes and link protocols (for alert bodies and the like)."""
    if not value:
        return ""
    return bleach.clean(
        value,
        tags=set(tags),
        attributes=attributes if attributes is not None else RICH_TEXT_ATTRIBUTES,
        protocols=set(RICH_TEXT_PROTOCOLS),
        strip=True,
        strip_comments=True,
    )


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection in exported cells (OWASP advice).

    Text starting with = + - @ or a tab/return gets a leading apostrophe so
    Excel and LibreOffice show it as text; numbers pass through untouched.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value
