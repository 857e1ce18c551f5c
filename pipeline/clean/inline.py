"""Repairs inside sentences: injected spam, sentences run together, words split at a hyphen.

Each edit touches only the characters it must (a space inserted, a phrase deleted), so
spans around it keep their exact raw positions.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..offsets import Edit
from . import CleanContext, fix
from .lines import remove_lines, split_lines
from .patterns import Hint, spam, split_word_prefixes

_WORD = re.compile(r"[A-Za-z]+")
_UPPER_CODE = re.compile(r"[A-Z]{2,3}")

# a full stop, "!" or "?" glued to the next sentence: "work.The", "epidemic”.More", "Beautiful!Zhuhai"
_RUN_TOGETHER = re.compile(r"(?<=[a-z”’)\]])[.!?](?=[A-Z“(])")
# a closing quote glued to the next word: "“Miao Nian”event"
# what every `_RUN_TOGETHER` match contains (its lookbehind makes it slow to scan for)
_RUN_TOGETHER_HINT = re.compile(r"[.!?][A-Z“(]")
_QUOTE_GLUED = re.compile(r"”(?=[A-Za-z])")
_URL_TOKEN = re.compile(r"://|www\.|@|\.(com|cn|org|net|gov)\b", re.IGNORECASE)

# "multi -angle": a space before a hyphen that starts a word
_SPACE_BEFORE_HYPHEN = re.compile(r"(?<=[A-Za-z])( +)-(?=[a-z])")
# "co- construction": a space after a known prefix's hyphen, unless the hyphen is a
# suspended one ("pre- and post-")
_SPACE_AFTER_HYPHEN = re.compile(r"\b([A-Za-z]+)-( +)(?=[a-z])(?!(?:and|or|to|nor)\b)")


@lru_cache(maxsize=None)
def _spam_phrases() -> re.Pattern:
    phrases = sorted(spam()["phrases"], key=len, reverse=True)
    alternatives = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def _spam_hints() -> tuple[Hint, Hint]:
    """Whole-text tests: a text with no phrase word and no core word holds no spam."""
    return Hint(_spam_phrases()), Hint(_core_word())


@lru_cache(maxsize=None)
def _spam_words() -> tuple[frozenset[str], frozenset[str]]:
    data = spam()
    core = frozenset(w.lower() for w in data["core"])
    return core, core | frozenset(w.lower() for w in data["companion"])


@lru_cache(maxsize=None)
def _core_word() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, _spam_words()[0]))})\b", re.IGNORECASE)


def _spam_runs(text: str) -> list[tuple[int, int]]:
    """The general rule: 2-3 adjacent spam words, one a core word, one capitalised."""
    core, vocabulary = _spam_words()
    if not _core_word().search(text):
        return []
    words = list(_WORD.finditer(text))
    runs, i = [], 0
    while i < len(words):
        j = i
        while (j < len(words) and j - i < 3
               and (words[j].group().lower() in vocabulary or _UPPER_CODE.fullmatch(words[j].group()))
               and (j == i or text[words[j - 1].end():words[j].start()] == " ")):
            j += 1
        run = words[i:j]
        if (len(run) >= 2 and any(w.group().lower() in core for w in run)
                and any(w.group()[0].isupper() for w in run)):
            runs.append((run[0].start(), run[-1].end()))
            i = j
        else:
            i += 1
    return runs


def _with_one_space(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen a deleted phrase by the space after it (or, failing that, the one before,
    unless an earlier deletion at `floor` already took it)."""
    if end < len(text) and text[end] == " ":
        return start, end + 1
    if start - 1 >= floor and text[start - 1] == " ":
        return start - 1, end
    return start, end


@fix("spam")
def spam_phrases(text: str, ctx: CleanContext) -> list[Edit]:
    """Spam injected into sentences (`Sugar baby`, `Manila escort`): the listed phrases and
    any run the general rule finds, each removed with one adjoining space."""
    if ctx.language != "en" or all(hint.absent(text) for hint in _spam_hints()):
        return []
    spans = [m.span() for m in _spam_phrases().finditer(text)] + _spam_runs(text)
    if not spans:
        return []
    lines = split_lines(text)
    line_starts = [line.start for line in lines]
    edits, whole_lines, last_end = [], set(), 0
    for start, end in sorted(spans):
        if start < last_end:
            continue
        start, end = _with_one_space(text, start, end, last_end)
        last_end = end
        i = bisect_right(line_starts, start) - 1
        if not text[lines[i].start:start].strip() and not text[end:lines[i].end].strip():
            whole_lines.add(i)       # spam was all the line held: drop the line
        else:
            edits.append(Edit(start, end, ""))
    return sorted(edits + remove_lines(text, lines, whole_lines))


@fix("run_together")
def run_together(text: str, ctx: CleanContext) -> list[Edit]:
    """One space after a sentence end glued to the next sentence (`work.The` -> `work. The`);
    never inside URLs, decimals or abbreviations."""
    if ctx.language != "en":
        return []
    edits = []
    for m in (_RUN_TOGETHER.finditer(text) if _RUN_TOGETHER_HINT.search(text) else ()):
        token_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        token_end = m.end()
        while token_end < len(text) and not text[token_end].isspace():
            token_end += 1
        if _URL_TOKEN.search(text, token_start, token_end):
            continue
        edits.append(Edit(m.end(), m.end(), " "))
    if "”" in text:
        edits += [Edit(m.end(), m.end(), " ") for m in _QUOTE_GLUED.finditer(text)]
    return sorted(edits)


@fix("split_words")
def split_words(text: str, ctx: CleanContext) -> list[Edit]:
    """Words split at their hyphen by a stray space (`multi -angle`, `co- construction`)."""
    if ctx.language != "en":
        return []
    edits = []
    if " -" in text:        # each pattern holds its marker: skip the scan when it is absent
        edits += [Edit(m.start(1), m.end(1), "") for m in _SPACE_BEFORE_HYPHEN.finditer(text)]
    if "- " in text:
        prefixes = split_word_prefixes()
        edits += [Edit(m.start(2), m.end(2), "") for m in _SPACE_AFTER_HYPHEN.finditer(text)
                  if m.group(1).lower() in prefixes]
    return sorted(edits)
