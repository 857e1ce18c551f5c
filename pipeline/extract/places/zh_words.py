"""The words of a Chinese clause, as jieba's dictionary reads them (pipeline.zh: jieba with the
project's user words, the gazetteer's names among them): where each word begins and ends, its
part-of-speech tag and its dictionary frequency. A name is a proper noun, not any characters
before a suffix: when the suffix is the end of an ordinary word (农村, 下乡, 乡镇) or the start of
one (乡风, 村社), or the words before it are a verb (结合社区特点), no place is named there.

    words = ClauseWords(text, lex)          # one per scan; clauses are tagged on first use
    words.around(pos) -> ((start, end, word, tag), ...)   # the words of the clause around pos
"""
from __future__ import annotations

import re

from ...zh import tag, tokenizer
from .lexicon import Lexicon


class ClauseWords:
    """The jieba words of the clauses of one text, each clause tagged once."""

    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.words = lex.zh.words
        self._clause_char = re.compile(self.words.clause_chars)
        self._memo: dict[int, tuple] = {}

    def _clause(self, pos: int) -> tuple[int, int]:
        """The run of clause characters around pos, at most `clause_window` characters each side."""
        text, char, window = self.text, self._clause_char, self.words.clause_window
        start = pos
        while start > 0 and pos - start < window and char.match(text[start - 1]):
            start -= 1
        end = pos
        while end < len(text) and end - pos < window and char.match(text[end]):
            end += 1
        return start, end

    def around(self, pos: int) -> tuple:
        start, end = self._clause(pos)
        cached = self._memo.get(start)
        if cached is not None and cached[0] == end:
            return cached[1]
        out, at = [], start
        for word, pos_tag in tag(self.text[start:end]):
            out.append((at, at + len(word), word, pos_tag))
            at += len(word)
        words = tuple(out)
        self._memo[start] = (end, words)
        return words

    def _is_verb(self, word: str, pos_tag: str) -> bool:
        return pos_tag in self.words.verb_tags and len(word) >= self.words.verb_min_chars

    def verb_ending_at(self, pos: int) -> bool:
        """A verb of the clause ends at pos."""
        return any(stop == pos and self._is_verb(word, pos_tag) for _, stop, word, pos_tag in self.around(pos - 1))

    def after_verb(self, start: int, end: int) -> int:
        """Where a name ending at `end` starts once a verb inside text[start:end] is cut off
        (完成|大田村): the end of the last verb that ends before `end`, else `start`."""
        cut = start
        for first, stop, word, pos_tag in self.around(end - 1):
            if first >= start and stop < end and self._is_verb(word, pos_tag):
                cut = max(cut, stop)
        return cut


def frequency(word: str) -> int:
    """The word's frequency in jieba's dictionary (0 when unknown)."""
    return tokenizer().FREQ.get(word) or 0
