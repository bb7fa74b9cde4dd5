"""Cleaning text from residents and editors.

Residents' free text is stored as plain text: markup is stripped (not
entity-encoded, so "Fish & chips" stays readable) and templates escape it on
output. Rich text from editors is cleaned with an allow-list.
"""

import html
import re

import nh3

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

RICH_TEXT_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
RICH_TEXT_ATTRIBUTES = {"a": ["href", "title"]}
RICH_TEXT_PROTOCOLS = frozenset({"https", "http", "mailto", "tel"})


def plain_text(value: str | None) -> str:
    """Strip every tag and control character; decode entities; trim.

    nh3 (ammonia, html5ever: the parse a browser makes) removes script and style elements
    with their content, so `<script>x</script>` leaves nothing behind rather than the code
    as text. Line endings become "\n", as an HTML parser makes them. Text with no "<" or
    "&" holds no markup or entity, so it skips the parser (most of what residents type).
    """
    if not value:
        return ""
    text = _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if "<" in text or "&" in text:
        # One parse, as a browser makes it: what decodes to "<b>" from "&lt;b&gt;" (or sits
        # as text inside a textarea) is the resident's text, stored as such and escaped on
        # output. nh3 escapes &, < and > in what remains; decode so we store the plain
        # text (and drop the control characters an entity such as &#1; decodes to).
        text = _CONTROL_CHARS.sub("", html.unescape(nh3.clean(text, tags=set())))
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
    allowed = attributes if attributes is not None else RICH_TEXT_ATTRIBUTES
    return nh3.clean(
        value,
        tags=set(tags),
        # Script and style lose their tags but keep their text, as bleach's strip did.
        clean_content_tags=set(),
        # "*": no attribute on every tag (ammonia's default allows lang and title).
        attributes={"*": set(), **{tag: set(names) for tag, names in allowed.items()}},
        url_schemes=set(RICH_TEXT_PROTOCOLS),
        strip_comments=True,
        link_rel=None,
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
