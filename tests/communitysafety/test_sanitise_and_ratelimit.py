"""Residents' text is stored plain; exports are formula-safe; rate limits keep no address."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from communitysafety.common.ratelimit import Limit, client_key, is_limited
from communitysafety.common.sanitise import (
    clean_rich_text,
    has_control_characters,
    plain_text,
    spreadsheet_safe,
)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Fish & chips <b>shop</b>", "Fish & chips shop"),
        ("<script>alert(1)</script>Dark alley", "Dark alley"),
        ('<img src=x onerror="alert(1)">Underpass', "Underpass"),
        ("  café 👍 שלום \x00 ", "café 👍 שלום"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("&lt;b&gt;", "<b>"),
        (None, ""),
    ],
)
def test_plain_text_strips_markup_without_entity_encoding(raw, stored):
    assert plain_text(raw) == stored


@given(st.text(alphabet=st.characters(exclude_characters="<&")))
def test_text_without_markup_is_stored_as_typed_less_control_characters(raw):
    expected = "".join(
        ch for ch in raw.replace("\r\n", "\n").replace("\r", "\n") if not has_control_characters(ch)
    ).strip()
    assert plain_text(raw) == expected


PIECES = ["<b>", "</b>", "&#1;", "&#x1b;", "&amp;", "<", "&", "\x00", "\x1b", "\r", "a", " "]


@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_no_control_character_survives_markup_or_entities(raw):
    assert not has_control_characters(plain_text(raw))


def test_rich_text_keeps_only_allowed_tags_and_safe_links():
    dirty = (
        '<p style="color:red" class="MsoNormal">Hi <o:p></o:p><a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org">ok</a><script>bad()</script></p>'
    )
    clean = clean_rich_text(dirty)
    assert clean == '<p>Hi <a>x</a><a href="https://example.org">ok</a>bad()</p>'


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx"])
def test_formula_like_cells_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell


def test_numbers_and_plain_text_pass_through_exports():
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe("Romford") == "Romford"


def test_rate_limit_blocks_after_the_allowed_count_and_keys_on_a_salted_hash():
    factory = RequestFactory()
    request = factory.post("/", REMOTE_ADDR="203.0.113.9")
    limit = Limit(scope="test", count=3, seconds=60)
    assert [is_limited(request, limit) for _ in range(4)] == [False, False, False, True]
    other = factory.post("/", REMOTE_ADDR="203.0.113.10")
    assert not is_limited(other, limit)
    key = client_key(request)
    assert "203.0.113.9" not in key and len(key) == 64
    # The address appears nowhere in the cache, only its salted hash.
    stored = cache._cache  # locmem internals: the test settings use LocMemCache
    assert not any("203.0.113.9" in str(k) for k in stored)


def test_rate_limit_windows_are_at_most_an_hour():
    with pytest.raises(ValueError):
        Limit(scope="x", count=1, seconds=7200)
