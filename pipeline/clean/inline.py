"""Repairs inside sentences: sentences run together, words split at a hyphen (injected spam
is spam.py's).

Each edit touches only the characters it must (a space inserted, a phrase deleted), so
spans around it keep their exact raw positions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..offsets import Edit
from . import CleanContext, fix
from .patterns import split_word_prefixes

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
