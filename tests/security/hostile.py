"""A corpus of hostile strings for every free-text field (our own, in the spirit of the
"big list of naughty strings"): script injection, SQL-ish text, spreadsheet formulas,
right-to-left and zero-width characters, emoji and control characters."""

XSS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(document.cookie)",
    '<a href="javascript:alert(1)">click</a>',
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }} {% debug %}",
    # Entity-encoded markup decodes to literal text on storage: only escaping keeps it inert.
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "1 < 2 && 3 > 2",
    '<p onclick="alert(1)">hi</p><style>body{}</style>',
]
SQL = [
    "'; DROP TABLE surveys_surveyresponse; --",
    "1 OR 1=1",
    "Robert'); DELETE FROM auth_user;--",
]
FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
UNICODE = [
    "\u202etxet desrever",  # right-to-left override
    "zero\u200bwidth\u200djoiner",
    "שלום עליכם",
    "مرحبا بالعالم",
    "👩‍👩‍👧 🏳️‍🌈 😀",
    "Ｔｈｅ　ｑｕｉｃｋ",
    "Z̸̡̛a̷̧l̶g̸o̵",
]
CONTROL = ["line\r\nInjected-Header: yes", "nul\x00byte", "tab\tand\x0bvertical"]

HOSTILE_STRINGS = XSS + SQL + FORMULAS + UNICODE + CONTROL

# Fragments that must never appear unescaped in an HTML page that shows stored text.
DANGEROUS_HTML = [
    "<script>alert",
    "<img src=x",
    "<svg/onload",
    "<p onclick=",
    '<a href="javascript:',
    "1 < 2 &&",
]

# Editors' rich text (alert bodies): allowed tags must survive, everything else goes.
RICH_TEXT = (
    '<p>Keep <strong>keys</strong> <em>away</em> <a href="https://example.org/advice" '
    'onclick="steal()">read more</a></p><ul><li>one</li></ul>'
    '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'
)
RICH_TEXT_KEPT = [
    "<strong>keys</strong>",
    "<em>away</em>",
    '<a href="https://example.org/advice">read more</a>',
    "<ul><li>one</li></ul>",
]
RICH_TEXT_GONE = ["<script", "onclick=", "onerror=", 'href="javascript', "<img"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def assert_plain(stored: str, typed: str) -> None:
    """Stored as plain text: markup stripped and entities decoded, never entity-encoded.

    Some paths clean twice (the form or serializer, then the submission service); the
    second pass also strips markup that was typed entity-encoded, which is safe too.
    """
    from communitysafety.common.sanitise import plain_text

    once = plain_text(typed)
    assert stored in (once, plain_text(once)), (stored, typed)
    assert "&lt;" not in stored and "&amp;" not in stored


def response_bytes(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_no_live_markup(html: str) -> None:
    """No hostile fragment appears unescaped in a page (escaped, it is harmless text)."""
    for fragment in DANGEROUS_HTML:
        assert fragment not in html, fragment
    assert "49 {%" not in html  # text is never rendered as a template


def assert_cells_safe(cells) -> None:
    """No exported cell starts like a spreadsheet formula."""
    for cell in cells:
        if isinstance(cell, str):
            assert not cell.startswith(FORMULA_PREFIXES), cell


def csv_cells(text: str) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content: bytes) -> list[object]:
    """Every cell value of every sheet; formulas (data type "f") fail the test outright."""
    import io

    from openpyxl import load_workbook

    cells = []
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                cells.append(cell.value)
    return cells
