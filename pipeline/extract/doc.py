"""One bulletin as every extractor reads it: the cleaned text, one tokenisation, and the layers
computed once — sentences, paragraphs, clauses, quotes, titles.

Extractors never split the text themselves: "the sentence of a number", "inside a quote" and
"the clause of a count" mean the same thing to counts, places, activities and the linker because
they come from here. Layers are computed on first use and kept for the document.

    view = DocView(text, "en")
    view.sentences.at(pos)        # (start, end) of the sentence holding pos
    view.quotes.find(pos)         # the quotation around pos, or None
    view.spacy                    # the English tokens (spaCy Doc); Chinese: view.zh_words
"""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Callable, Iterable, NamedTuple, TypeVar

from .data import DataFiles
from .decisions import OFF, Trace

T = TypeVar("T")


class Spans:
    """Sorted [start, end) intervals (overlaps merged) with bisection look-ups."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]], merge: bool = True):
        ordered = sorted(spans)
        if merge:
            merged: list[list[int]] = []
            for s, e in ordered:
                if merged and s <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            ordered = [(s, e) for s, e in merged]
        self.spans: list[tuple[int, int]] = ordered
        self.starts = [s for s, _ in ordered]

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self):
        return iter(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def index(self, pos: int) -> int:
        """Index of the last span starting at or before pos (-1 when none)."""
        return bisect.bisect_right(self.starts, pos) - 1

    def find(self, pos: int) -> tuple[int, int] | None:
        """The span holding pos, or None."""
        i = self.index(pos)
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        i = self.index(start)
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(0, self.index(start))
        out = []
        for s, e in self.spans[i:]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out


class Quote(NamedTuple):
    start: int     # the opening mark
    end: int       # just after the closing mark
    mark: str      # the opening mark: “ " ‘ 「 『 《


# Quotation marks that pair up, and the longest quotation a pair may hold (a longer "quote" is
# an unmatched mark pairing with a far one). Straight double quotes pair in order of appearance.
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "「": "」", "『": "』", "《": "》"}
MAX_QUOTE_CHARS = 160
_OPENER_OF = {close: mark for mark, close in QUOTE_PAIRS.items() if mark != close}
_MARK_OR_LINE = re.compile("[" + re.escape("".join(QUOTE_PAIRS) + "".join(_OPENER_OF)) + "\n]")

# English sentences come from spaCy's sentencizer; Chinese ones end at these marks (a line
# break ends both).
ZH_SENTENCE_END = re.compile(r"[。！？!?\n]")
# A clause ends at these marks, and at a comma that is no thousands separator ("1,100").
CLAUSE_BREAK = re.compile(r"[;:，；：、。！？!?\n]|(?<!\d),|,(?!\d{3})|\.(?=\s|$)")


class DocView:
    """The shared reading of one cleaned text. `data` is the folder of data files the
    extractors load their lexicons from; `trace` records candidates when explaining."""

    def __init__(self, text: str, language: str, data: DataFiles | None = None,
                 trace: Trace = OFF, spacy_doc=None, title: str | None = None):
        self.text = text
        self.language = language
        self.data = data or DataFiles.at()
        self.trace = trace
        self.title = title
        self._layers: dict[Callable, object] = {}
        if spacy_doc is not None:
            self.__dict__["spacy"] = spacy_doc

    def layer(self, build: Callable[["DocView"], T]) -> T:
        """A component's own document-wide reading, `build(view)`, made once per view (the
        activity cues of the whole text, say): the component keeps its knowledge, the view
        keeps the result for every caller of the document."""
        try:
            return self._layers[build]   # type: ignore[return-value]
        except KeyError:
            found = self._layers[build] = build(self)
            return found

    # ---------------------------------------------------------------- tokens

    @cached_property
    def spacy(self):
        """English: the spaCy Doc (spacy.blank("en") + sentencizer), made once."""
        from ..nlp import english

        return english()(self.text)

    # ---------------------------------------------------------------- layers

    @cached_property
    def sentences(self) -> Spans:
        """English: spaCy's sentences, trailing space cut; Chinese: runs ending at 。！？!? or a
        line break (the mark included)."""
        text = self.text
        if not text:
            return Spans([], merge=False)
        if self.language == "zh":
            out, start = [], 0
            for m in ZH_SENTENCE_END.finditer(text):
                out.append((start, m.end()))
                start = m.end()
            if start < len(text):
                out.append((start, len(text)))
            return Spans(out, merge=False)
        tokens = self.spacy            # first: it imports spaCy the lean way (nlp.english)
        from spacy.attrs import IDX, SENT_START

        try:
            arr = tokens.to_array([SENT_START, IDX])
            starts = arr[arr[:, 0] == 1, 1].tolist() or [0]
        except Exception:     # no sentence boundaries (a stub doc): one sentence
            starts = [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        ends = starts[1:] + [len(text)]
        return Spans([(a, a + len(text[a:b].rstrip())) for a, b in zip(starts, ends)], merge=False)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = self.sentences.index(pos)
        return self.sentences.spans[max(0, i)] if self.sentences else (0, 0)

    @cached_property
    def paragraphs(self) -> Spans:
        """Lines with text on them."""
        out, start = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                out.append((start, start + len(line)))
            start += len(line) + 1
        return Spans(out, merge=False)

    @cached_property
    def clauses(self) -> Spans:
        """Runs between clause marks (CLAUSE_BREAK), inside sentences."""
        out, start = [], 0
        for m in CLAUSE_BREAK.finditer(self.text):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        if start < len(self.text):
            out.append((start, len(self.text)))
        return Spans(out, merge=False)

    @cached_property
    def quotes(self) -> "QuoteIndex":
        return QuoteIndex(self.text)

    @cached_property
    def titles(self) -> Spans:
        """《book and film titles》, marks included."""
        return Spans((q.start, q.end) for q in self.quotes.all if q.mark == "《")


class QuoteIndex:
    """Every quotation of a text, paired once: matching marks on one line, at most
    MAX_QUOTE_CHARS apart. Callers ask with the limits and marks their rule needs."""

    __slots__ = ("all", "_starts")

    def __init__(self, text: str):
        found: list[Quote] = []
        open_at: dict[str, int] = {}
        # only quotation marks and line breaks change anything: visit them, not every character
        for m in _MARK_OR_LINE.finditer(text):
            ch, i = m.group(), m.start()
            if ch == "\n":
                open_at.clear()                                      # quotes pair on one line
            elif ch in open_at and QUOTE_PAIRS[ch] == ch:            # a straight quote closes
                s = open_at.pop(ch)
                if i - s < MAX_QUOTE_CHARS:
                    found.append(Quote(s, i + 1, ch))
            elif ch in QUOTE_PAIRS:
                open_at[ch] = i
            else:
                mark = _OPENER_OF[ch]
                if mark in open_at:
                    s = open_at.pop(mark)
                    if i - s < MAX_QUOTE_CHARS:
                        found.append(Quote(s, i + 1, mark))
        found.sort()
        self.all = found
        self._starts = [q.start for q in found]

    def find(self, pos: int, max_chars: int = MAX_QUOTE_CHARS, marks: str | None = None) -> Quote | None:
        """The innermost quotation holding pos, within the limits."""
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            q = self.all[i]
            if q.start <= pos < q.end and q.end - q.start <= max_chars + 2 \
                    and (marks is None or q.mark in marks):
                return q
            if pos - q.start > MAX_QUOTE_CHARS + 2:
                break
            i -= 1
        return None

    def spans(self, max_chars: int = MAX_QUOTE_CHARS, marks: str | None = None) -> Spans:
        return Spans((q.start, q.end) for q in self.all
                     if q.end - q.start <= max_chars + 2 and (marks is None or q.mark in marks))
