"""What a resident typed into site search, made into words any search backend accepts.

Wagtail's SQLite backend hands each word to FTS5 inside double quotes without escaping
a double quote in it, so `a" OR 1=1` or a NUL character used to be an FTS5 syntax error:
an `OperationalError`, which the outage middleware rightly answers with 503 and logs as
"Database unavailable". Rather than catch that error (and with it real outages), the
query is cut into words made only of letters, digits and combining marks: no FTS5
operator, quote, bracket, prefix star or column filter can survive, and words such as
`AND`, `OR` and `NEAR` reach FTS5 quoted, as plain words. FTS5's own tokenizer
(`unicode61`) treats everything else as a separator, so nothing searchable is lost.
"""

import unicodedata

MAX_QUERY = 200
MAX_TERMS = 32

# Unicode general categories that make up a word: letters, numbers and combining marks
# (marks keep Arabic, Hindi and accented words whole, as residents typed them).
_WORD_CATEGORIES = frozenset("LNM")


def displayed_query(raw: str) -> str:
    """The query as the page shows it back: control and format characters dropped,
    white space collapsed, at most `MAX_QUERY` characters."""
    visible = "".join(
        " " if char.isspace() else char
        for char in raw
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    return " ".join(visible.split())[:MAX_QUERY]


def search_terms(query: str) -> list[str]:
    """The words of `query` to search for, each safe to quote as an FTS5 string.

    Anything that is not a letter, digit or mark separates words; at most `MAX_TERMS`
    words are kept. An empty list means nothing searchable was typed (only punctuation
    or emoji, say): the resident sees "no matching results", never an error.
    """
    terms: list[str] = []
    word: list[str] = []
    for char in query:
        if unicodedata.category(char)[0] in _WORD_CATEGORIES:
            word.append(char)
            continue
        if word:
            terms.append("".join(word))
            word = []
    if word:
        terms.append("".join(word))
    return terms[:MAX_TERMS]
