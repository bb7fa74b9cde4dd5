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
DANGEROUS_HTML = ["<script>alert", "onerror=alert", "<svg/onload", "<img src=x"]
