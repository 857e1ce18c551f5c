"""Masks: URLs, file names, phone numbers, clock times, dates and codes in digits, percentages,
ordinals and numerals that name things — a number inside one is no count. The patterns are
exclusions.toml [masks]; they are run only on the few words around each number.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..data import DataFiles

# --- literal pre-check of the mask alternations -------------------------------------------
# Each alternative of a mask pattern is read (re's own parser) for a set of literal strings one
# of which every match must contain. Before a window is searched, only the alternatives whose
# strings occur in the (lowered) window are kept: an alternative that cannot match anywhere in
# the window never wins at any position, so the kept alternation, in the same order, yields the
# same matches as the whole one. No alternative kept: no match, no search.
try:
    from re import _constants as _sc, _parser as _sp
except ImportError:             # Python < 3.11
    import sre_constants as _sc
    import sre_parse as _sp

_CAP = 64
# characters that re.IGNORECASE matches to an ASCII letter and str.lower() does not lower to
# it (or lowers to two characters): mapped before lowering, so the literals stay necessary
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def _char(code: int):
    c = chr(code)
    if c.isascii():
        return c.lower()
    if c.lower() == c == c.upper() and not unicodedata.category(c).startswith("M"):
        return c                # caseless (CJK, full-width punctuation)
    return None


def _exact(items):
    """The set of strings a sequence of parsed items can match exactly, or None."""
    out = {""}
    for op, av in items:
        s = _exact_item(op, av)
        if s is None:
            return None
        out = {a + b for a in out for b in s}
        if len(out) > _CAP:
            return None
    return out


def _exact_item(op, av):
    if op is _sc.LITERAL:
        c = _char(av)
        return None if c is None else {c}
    if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
        return {""}
    if op is _sc.IN:
        chars = set()
        for o, a in av:
            if o is _sc.LITERAL:
                codes = [a]
            elif o is _sc.RANGE and a[1] - a[0] < 12:
                codes = range(a[0], a[1] + 1)
            else:
                return None
            for code in codes:
                c = _char(code)
                if c is None:
                    return None
                chars.add(c)
        return chars if 0 < len(chars) <= 12 else None
    if op is _sc.SUBPATTERN:
        return _exact(av[-1])
    if op is _sc.BRANCH:
        out = set()
        for b in av[1]:
            s = _exact(b)
            if s is None:
                return None
            out |= s
        return out if len(out) <= _CAP else None
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
        lo, hi, item = av
        if (lo, hi) in ((0, 1), (1, 1)):
            s = _exact(item)
            if s is not None:
                return s | {""} if lo == 0 else s
        return None
    return None


_COMMON = " etaoinsrhldcumfpgwybvkxjqz.,-"


def _rarity(c: str) -> int:
    """How seldom a character occurs in English text, roughly (a gate is the rarest one)."""
    i = _COMMON.find(c)
    return len(_COMMON) if i < 0 else i


def _score(strings):
    return (min(map(len, strings)), -len(strings))


def _required(items):
    """A set of strings one of which every match of the sequence contains, or None."""
    best = None
    run = {""}
    candidates = []
    for op, av in items:
        s = _exact_item(op, av)
        if s is not None:
            prod = {a + b for a in run for b in s}
            if len(prod) <= _CAP:
                run = prod
                continue
        candidates.append(run)
        run = {""}
        if s is not None:
            run = s
            continue
        req = None
        if op is _sc.SUBPATTERN:
            req = _required(av[-1])
        elif op is _sc.BRANCH:
            parts = [_required(b) for b in av[1]]
            if all(parts):
                req = set().union(*parts)
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            req = _required(av[2])
        if req:
            candidates.append(req)
    candidates.append(run)
    for c in candidates:
        if c and "" not in c and (best is None or _score(c) > _score(best)):
            best = c
    return best


def fold(window: str) -> str:
    """The window as the literal gates of `_Prefiltered` test it."""
    return window.lower() if window.isascii() else window.translate(_FOLD).lower()


class _Prefiltered:
    """An alternation of patterns, searched with only the alternatives whose literals occur."""

    def __init__(self, patterns, flags=0):
        self.patterns = list(patterns)
        self.flags = flags
        self.whole = re.compile("|".join(f"(?:{p})" for p in self.patterns), flags)
        self.checks = []        # (index, gate, strings) for alternatives with literals
        always = 0
        for i, p in enumerate(self.patterns):
            req = _required(list(_sp.parse(p, flags)))
            if not req or len(req) > 24:       # none, or too many to test one by one
                always |= 1 << i
                continue
            strings = tuple(sorted(req, key=len))
            common = set(strings[0])
            for s in strings[1:]:
                common &= set(s)
            gate = max(common, key=_rarity) if common else None
            self.checks.append((i, gate, strings if len(strings) > 1 or gate != strings[0] else ()))
        self.always = always
        self.all = (1 << len(self.patterns)) - 1
        self.compiled = {}

    def pattern_for(self, window: str, folded: str | None = None):
        """The alternation that can match in `window`, or None when no alternative can.
        `folded` is `fold(window)` when the caller has it (one window, several mask sets)."""
        w = fold(window) if folded is None else folded
        key = self.always
        for i, gate, strings in self.checks:
            if gate is not None and gate not in w:
                continue
            if not strings:
                key |= 1 << i
                continue
            for s in strings:
                if s in w:
                    key |= 1 << i
                    break
        if not key:
            return None
        if key == self.all:
            return self.whole
        pat = self.compiled.get(key)
        if pat is None:
            pat = re.compile(
                "|".join(f"(?:{p})" for i, p in enumerate(self.patterns) if key >> i & 1), self.flags)
            self.compiled[key] = pat
        return pat


class LocalMasks:
    """Mask patterns run only on the few words around each number (one before, four after),
    not over the whole text: numbers are few, and forty alternatives are costly to try at
    every position of a long text."""

    __slots__ = ("text", "sets")

    def __init__(self, text: str, sets: "MaskSets"):
        self.text = text
        self.sets = sets

    def covers(self, start: int, end: int, words_only: bool = False) -> bool:
        text = self.text
        r = self.sets
        lo = _word_start(text, max(0, start - r.before_chars), start)
        m = r.words_after.match(text, end, min(len(text), end + r.after_chars))
        hi = m.end() if m else end
        window = text[lo:hi]
        folded = fold(window)
        for masks in (r.numeral_names,) if words_only else (r.masks, r.name_masks):
            pattern = masks.pattern_for(window, folded)
            if pattern is None:
                continue
            for m in pattern.finditer(text, lo, hi):
                if m.start() < end and start < m.end():
                    return True
                if m.start() >= end:
                    break
        return False


# The window: one chunk before the number ("No.", "District", "call", "640") and `after_chunks`
# after its start ("(5).png", "meetings and one lesson"), within the line. _word_start is this
# pattern's search, as a backwards scan.
_WORD_BEFORE = re.compile(r"[^\s]*[ \t]*$")


def _word_start(text: str, lo: int, pos: int) -> int:
    """`_WORD_BEFORE.search(text, lo, pos).start()` as a backwards scan: the chunk and blanks
    right before `pos` (or before a newline right before it, which `$` also matches)."""
    end = pos
    if end > lo and text[end - 1] == "\n":
        end -= 1
    while end > lo and text[end - 1] in " \t":
        end -= 1
    while end > lo and not text[end - 1].isspace():
        end -= 1
    return end


@dataclass(frozen=True)
class MaskSets:
    masks: _Prefiltered              # for numbers in digits
    name_masks: _Prefiltered         # case-sensitive: "Building 3"
    numeral_names: _Prefiltered      # for numbers in words: "three represents"
    before_chars: int
    after_chars: int
    words_after: re.Pattern


def mask_sets(data: DataFiles) -> MaskSets:
    return data.build(_build)


def _build(data: DataFiles) -> MaskSets:
    from .en_lexicon import count_lexicon

    masks = count_lexicon(data).exclusions.masks
    return MaskSets(
        masks=_Prefiltered(masks.patterns, re.I),
        name_masks=_Prefiltered(masks.name_patterns),
        numeral_names=_Prefiltered(masks.numeral_names, re.I),
        before_chars=masks.before_chars,
        after_chars=masks.after_chars,
        words_after=re.compile(r"(?:[ \t]*[^\s]+){0,%d}" % masks.after_chunks),
    )
