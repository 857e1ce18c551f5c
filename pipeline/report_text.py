"""Text helpers shared by the tables and the report: the sentence around a span."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

# Closing quotes and brackets that belong to the sentence they end ("…held.” Then").
_CLOSERS = "\"'”’）)」』】"


@lru_cache(maxsize=1)
def _boundary():
    """A sentence end: a newline; a non-ASCII mark (。！？…); or an ASCII mark (. ! ?), with
    any closing quotes, before whitespace or the end, so `1.2 million` and `U.S.` stay whole.
    A match ends where the next sentence may begin."""
    import re

    # spaCy's sentencizer keeps the list of sentence-final marks for many scripts:
    # reuse it rather than keep a second copy.
    from spacy.pipeline.sentencizer import Sentencizer

    marks = Sentencizer.default_punct_chars
    wide = "".join(re.escape(m) for m in marks if not m.isascii())
    ascii_marks = "".join(re.escape(m) for m in marks if m.isascii())
    closers = re.escape(_CLOSERS)
    return re.compile(rf"\n|(?:[{wide}]|[{ascii_marks}](?=[{closers}]*(?:\s|$)))[{closers}]*")


class Sentences:
    """Sentence boundaries of one text, found in one pass; `bounds` looks spans up by bisection
    (a record has many counts: one scan of its text serves them all)."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []      # where a sentence may begin (just after an end)
        self.ends: list[int] = []        # where a sentence ends (its mark included)
        for m in _boundary().finditer(text):
            self.starts.append(m.end())
            self.ends.append(m.start() if m.group() == "\n" else m.end())

    def bounds(self, start: int, end: int, limit: int = 600) -> tuple[int, int]:
        """[s, e) of the sentence(s) containing text[start:end], at most `limit` characters
        either side of the span (scraped pages can run for pages without a full stop)."""
        text = self.text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        i = bisect_right(self.starts, start) - 1
        s = max(self.starts[i] if i >= 0 else 0, start - limit)
        j = bisect_left(self.ends, end)          # boundaries inside the span end before it
        e = min(self.ends[j] if j < len(self.ends) else len(text), end + limit)
        while s < start and text[s].isspace():
            s += 1
        while e > end and text[e - 1].isspace():
            e -= 1
        return s, e


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """[s, e) of the sentence around text[start:end] (see `Sentences.bounds`)."""
    return Sentences(text).bounds(start, end, limit)


def sentence_around(text: str, start: int, end: int, limit: int = 600) -> str:
    """The sentence of `text` that holds the span [start, end) (see `sentence_bounds`)."""
    s, e = sentence_bounds(text, start, end, limit)
    return text[s:e]
