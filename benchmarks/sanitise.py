"""nh3 (what we sanitise with) against bleach (what we used to) on the same strings.

Two jobs, as `communitysafety/common/sanitise.py` does them: `plain_text` (strip every
tag, drop script and style with their content, decode entities) for residents' free
text, and `clean_rich_text` (an allow-list of tags, attributes and link protocols) for
editors' rich text. The nh3 side is the project's own functions; the bleach side is the
same functions as they were before issue 17, with bleach 6's options. Each corpus is a
list of strings that all hold markup (so `plain_text`'s no-markup fast path is skipped on
both sides); each side runs it for a fixed number of rounds, best of five.

Exits 1 if nh3 is slower than bleach on any corpus or job.

Run: `.venv/bin/pip install -r requirements-dev.txt` (bleach is a development pin, for
this benchmark only), then `.venv/bin/python benchmarks/sanitise.py`.
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bleach  # noqa: E402 - after the path so the project imports below resolve
import nh3  # noqa: E402

from communitysafety.common.sanitise import (  # noqa: E402
    _CONTROL_CHARS,
    RICH_TEXT_ATTRIBUTES,
    RICH_TEXT_PROTOCOLS,
    RICH_TEXT_TAGS,
    clean_rich_text,
    plain_text,
)


def bleach_plain_text(value: str | None) -> str:
    """`plain_text` as it was with bleach (which cannot drop script content by itself)."""
    if not value:
        return ""
    text = _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if "<" in text or "&" in text:
        without_code = re.sub(
            r"<(script|style)\b[^>]*>.*?</\1\s*>", "", text, flags=re.IGNORECASE | re.DOTALL
        )
        stripped = bleach.clean(without_code, tags=set(), attributes={}, strip=True)
        text = _CONTROL_CHARS.sub("", html.unescape(stripped))
    return text.strip()


def bleach_rich_text(value: str | None) -> str:
    """`clean_rich_text` as it was with bleach."""
    if not value:
        return ""
    return bleach.clean(
        value,
        tags=set(RICH_TEXT_TAGS),
        attributes=RICH_TEXT_ATTRIBUTES,
        protocols=set(RICH_TEXT_PROTOCOLS),
        strip=True,
        strip_comments=True,
    )


HOSTILE = [
    "<script>alert('xss')</script>Broken street light",
    '"><img src=x onerror=alert(1)>Underpass',
    "<svg/onload=alert(1)> by the station",
    '<a href="javascript:alert(1)">click</a> here',
    "</textarea><script>alert(1)</script>",
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "1 < 2 && 3 > 2, fish & chips",
    '<p onclick="alert(1)">hi</p><style>body{}</style>',
    "nul\x00byte <b>bold</b> \u202etxet desrever",
    "👩‍👩‍👧 <i>emoji</i> مرحبا <em>שלום</em>",
]
PARAGRAPH = (
    "<p>Keep <strong>keys</strong> and <em>phones</em> out of sight. "
    '<a href="https://example.org/advice" onclick="steal()">Read our advice</a>, '
    'or call <a href="tel:101">101</a>.</p><ul><li>Lock doors</li><li>Mark bikes</li></ul>'
    "<!-- editor's note --><script>track()</script><img src=x onerror=alert(1)>"
    '<a href="javascript:alert(2)">x</a><table><tr><td>pasted from Word</td></tr></table>'
)
RICH = [PARAGRAPH * n for n in (1, 2, 3, 4, 5)]
LONG = [PARAGRAPH * 80]  # about 30 KB: a long pasted document

CORPORA = {"hostile (10 short)": HOSTILE, "rich text (5 × 0.4–1.9 KB)": RICH, "long (31 KB)": LONG}
JOBS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "plain text": (plain_text, bleach_plain_text),
    "rich text": (clean_rich_text, bleach_rich_text),
}
TARGET_SECONDS = 0.4  # per measurement: the rounds are sized from a trial run


def per_call_microseconds(function: Callable[[str], str], strings: list[str]) -> float:
    """Best of five: microseconds per string."""
    start = time.perf_counter()
    for text in strings:
        function(text)
    trial = max(time.perf_counter() - start, 1e-6)
    rounds = max(1, int(TARGET_SECONDS / trial))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            for text in strings:
                function(text)
        best = min(best, time.perf_counter() - start)
    return best / (rounds * len(strings)) * 1e6


def main() -> int:
    print(f"nh3 {nh3.__version__} (ammonia) against bleach {bleach.__version__} (html5lib)")
    print(f"{'job':<11} {'corpus':<27} {'nh3 µs':>9} {'bleach µs':>10} {'speed-up':>9}")
    slower = []
    for job, (ours, theirs) in JOBS.items():
        for corpus, strings in CORPORA.items():
            nh3_us = per_call_microseconds(ours, strings)
            bleach_us = per_call_microseconds(theirs, strings)
            ratio = bleach_us / nh3_us
            print(f"{job:<11} {corpus:<27} {nh3_us:>9.1f} {bleach_us:>10.1f} {ratio:>8.1f}×")
            if nh3_us > bleach_us:
                slower.append(f"{job}, {corpus}")
    if slower:
        print("nh3 is slower than bleach on: " + "; ".join(slower))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
