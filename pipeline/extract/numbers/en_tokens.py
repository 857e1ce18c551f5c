"""The tokens the English number and count rules read: a number in digits, a word, or one other
character — made lazily near the numbers of a text, never for the whole of it.

This is the tokenisation of number phrases (a thousands separator or a decimal point stays inside
its number, a hyphen or an apostrophe inside its word); the view's spaCy tokens split those.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# A token of English MT text: a number in digits (full-width too, with separators and decimals),
# a word (hyphens and apostrophes inside), or one other non-space character.
TOKEN = re.compile(
    r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?![0-9０-９])"
    r"|[A-Za-z]+(?:['’\-][A-Za-z]+)*"
    r"|\S"
)
DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


class Token(NamedTuple):
    """A token of a local window (a tuple: cheap to make, since windows are scanned often)."""
    start: int
    end: int
    text: str
    lower: str

    @property
    def is_digits(self) -> bool:
        return self.text[0] in DIGIT_CHARS


class TokenIndex:
    """The tokens of one text, made lazily in whitespace-aligned blocks (most of a text is
    never near a number); windows are found by bisection inside the blocks they touch."""

    BLOCK = 2048
    # A token of more than one character holds only these characters, so the position before
    # any other character (a space, a bracket, a CJK character) is a token boundary.
    _BOUNDARY = re.compile(r"[^0-9０-９A-Za-z,，.．'’\-]")

    def __init__(self, text: str):
        self.text = text
        self.blocks: dict[int, tuple[list, list]] = {}
        self._scanned: list[tuple[int, int]] = []    # (from, boundary found) of past searches

    def _boundary(self, k: int) -> int:
        pos = k * self.BLOCK
        if pos <= 0:
            return 0
        if pos >= len(self.text):
            return len(self.text)
        # a long run with no boundary (a megabyte of letters) is searched once, not per block
        i = bisect.bisect_right(self._scanned, (pos, len(self.text) + 1)) - 1
        if i >= 0 and self._scanned[i][0] <= pos <= self._scanned[i][1]:
            return self._scanned[i][1]
        m = self._BOUNDARY.search(self.text, pos)
        found = m.start() if m else len(self.text)
        bisect.insort(self._scanned, (pos, found))
        return found

    def _block(self, k: int) -> tuple[list, list, int, int]:
        block = self.blocks.get(k)
        if block is None:
            lo, hi = self._boundary(k), self._boundary(k + 1)
            new = tuple.__new__
            toks = [new(Token, (m.start(), m.end(), g, g.lower()))
                    for m in TOKEN.finditer(self.text, lo, hi)
                    for g in (m.group(),)]
            block = self.blocks[k] = (toks, [t[0] for t in toks], lo, hi)
        return block

    def window(self, lo: int, hi: int) -> list[Token]:
        """Tokens that start in [lo, hi)."""
        if lo < 0:
            lo = 0
        if hi > len(self.text):
            hi = len(self.text)
        toks, starts, b_lo, b_hi = self._block(lo // self.BLOCK)
        if b_lo <= lo and hi <= b_hi:          # the usual case: one block holds the window
            return toks[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        out: list[Token] = []
        for k in range(max(0, lo // self.BLOCK - 1), hi // self.BLOCK + 1):
            toks, starts, _, _ = self._block(k)
            if not toks or toks[-1].start < lo or toks[0].start >= hi:
                continue
            out.extend(toks[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)])
        return out
