"""Text helpers shared by the tables and the report: the sentence around a span."""
from __future__ import annotations

from functools import lru_cache

# Closing quotes and brackets that belong to the sentence they end ("…held.” Then").
_CLOSERS = "\"'”’）)」』】"


@lru_cache(maxsize=1)
def _terminators() -> frozenset[str]:
    # spaCy's sentencizer keeps the list of sentence-final marks for many scripts
    # (., !, ?, 。, ！, ？, …): reuse it rather than keep a second copy.
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def _ends_sentence(text: str, i: int) -> bool:
    """Does the character at i end a sentence? A newline always does; an ASCII mark only
    before whitespace or the end (so `1.2 million` and `U.S.` stay whole); a CJK mark always."""
    ch = text[i]
    if ch == "\n":
        return True
    if ch not in _terminators():
        return False
    if not ch.isascii():
        return True
    j = i + 1
    while j < len(text) and text[j] in _CLOSERS:
        j += 1
    return j >= len(text) or text[j].isspace()


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """[s, e) of the sentence(s) containing text[start:end], at most about `limit` characters
    either side of the span (scraped pages can run for pages without a full stop)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s = start
    floor = max(0, start - limit)
    while s > floor and not _ends_sentence(text, s - 1):
        s -= 1
    e = end
    ceiling = min(len(text), end + limit)
    while e < ceiling and not _ends_sentence(text, e):
        e += 1
    if e < len(text) and text[e] != "\n" and _ends_sentence(text, e):
        e += 1                                   # keep the full stop
        while e < len(text) and text[e] in _CLOSERS:
            e += 1
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence_around(text: str, start: int, end: int, limit: int = 600) -> str:
    """The sentence of `text` that holds the span [start, end) (see `sentence_bounds`)."""
    s, e = sentence_bounds(text, start, end, limit)
    return text[s:e]
