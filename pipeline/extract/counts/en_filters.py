"""Why an English number is not a count: masks (URLs, files, phones, clock times, dates, codes,
percentages, ordinals, numeral place names), quoted slogans and formulas, dates by month name,
years, ages, positions and frequencies. Data in configs/counts_en/exclusions.toml.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ...resources import load_toml
from ..numbers.en import NumberPhrase, find_number_phrases, tokens_before, tokens_from

QUOTED = re.compile(r"“[^“”\n]{1,160}”|\"[^\"\n]{1,160}\"|‘[^‘’\n]{1,60}’|「[^「」\n]{1,160}」")


@dataclass(frozen=True)
class Rules:
    masks: "_Prefiltered"
    numeral_names: "_Prefiltered"
    name_masks: "_Prefiltered"
    months: frozenset
    year_prepositions: frozenset
    age_before: tuple
    position_before: frozenset
    frequency_words: frozenset
    periods: tuple
    multipliers: frozenset
    formula_exceptions: frozenset


@lru_cache(maxsize=1)
def rules() -> Rules:
    ex = load_toml("counts_en/exclusions.toml")
    ctx = ex["context"]
    freq = ex["frequency"]
    return Rules(
        masks=_Prefiltered(ex["masks"]["patterns"], re.I),
        numeral_names=_Prefiltered(ex["masks"]["numeral_names"], re.I),
        name_masks=_Prefiltered(ex["masks"]["name_patterns"]),
        months=frozenset(ctx["months"]),
        year_prepositions=frozenset(ctx["year_prepositions"]),
        age_before=tuple(ctx["age_before"]),
        position_before=frozenset(ctx["position_before"]),
        frequency_words=frozenset(freq["words"]),
        periods=tuple(sorted(freq["periods"], key=len, reverse=True)),
        multipliers=frozenset(freq["multipliers"]),
        formula_exceptions=frozenset(ctx["formula_exceptions"]),
    )


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


class Spans:
    """Sorted, non-overlapping [start, end) intervals with a fast membership test."""

    def __init__(self, spans):
        merged = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def find(self, pos: int):
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None


class LocalMasks:
    """Mask patterns run only on the few words around each number (one before, four after),
    not over the whole text: numbers are few, and forty alternatives are costly to try at
    every position of a long text."""

    def __init__(self, text: str):
        self.text = text

    def covers(self, start: int, end: int, words_only: bool = False) -> bool:
        text = self.text
        lo = _word_start(text, max(0, start - 40), start)
        m = _WORDS_AFTER.match(text, end, min(len(text), end + 48))
        hi = m.end() if m else end
        r = rules()
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


# one chunk before the number ("No.", "District", "call", "640"), four after ("(5).png",
# "meetings and one lesson"), within the line
_WORD_BEFORE = re.compile(r"[^\s]*[ \t]*$")
_WORDS_AFTER = re.compile(r"(?:[ \t]*[^\s]+){0,5}")


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


def masked_spans(text: str) -> LocalMasks:
    return LocalMasks(text)


def quoted_spans(text: str) -> Spans:
    return Spans(m.span() for m in QUOTED.finditer(text))


def slogan_numeral(text: str, quote: list[int]) -> bool:
    """A number inside quotes is part of a slogan or formula ("Five Old", "two new", "one subject,
    two combination, three key"), unless the quote spells out several quantities of things
    ("ten categories, hundred classics" -> counts)."""
    inner = text[quote[0] + 1:quote[1] - 1]
    values = [p.value for p in find_number_phrases(inner)]
    if len(values) < 2:
        return True
    ordered = sorted(values)
    consecutive = all(b - a == 1 for a, b in zip(ordered, ordered[1:]))
    return consecutive


# the window is cut to n tokens before their words are read (callers want one or two)
def _prev_words(text: str, pos: int, n: int) -> list[str]:
    return [t.lower for t in tokens_before(text, pos, 60)[-n:]]


def _next_words(text: str, pos: int, n: int) -> list[str]:
    return [t.lower for t in tokens_from(text, pos, 60)[:n]]


def is_date_or_year(text: str, phrase: NumberPhrase) -> bool:
    r = rules()
    prev = _prev_words(text, phrase.start, 2)
    nxt = _next_words(text, phrase.end, 2)
    digits = phrase.digits_text
    if prev and prev[-1].rstrip(".") in r.months and (
            not phrase.value or phrase.value <= 31
            or (digits.isdigit() and len(digits) == 4 and "," not in text[phrase.start:phrase.end])):
        return True            # "March 5", "on June 27", "May 2021"; not "September 1,208"
    if nxt and nxt[0].rstrip(".") in r.months:
        return True            # "28 August", "2017 March"
    if len(nxt) >= 2 and nxt[0] == "of" and nxt[1] in r.months:
        return True            # "the 5 of May"
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100 and not phrase.has_magnitude:
        if prev and prev[-1] in r.year_prepositions:
            return True
        if nxt and nxt[0] in ("year", "years", ",", "年"):
            return True
    return False


def is_age_or_position(text: str, phrase: NumberPhrase) -> bool:
    r = rules()
    before = text[max(0, phrase.q_start - 20):phrase.q_start].lower().rstrip()
    if any(before.endswith(a) and (len(before) == len(a) or not before[-len(a) - 1].isalpha())
           for a in r.age_before):
        return True
    prev = _prev_words(text, phrase.q_start, 1)
    return bool(prev) and prev[0].rstrip(".") in r.position_before


def is_frequency_or_multiplier(text: str, unit_end: int, head: str) -> bool:
    """"1 times a month", "3 times higher": a frequency or a multiplier, not a count of events."""
    if head not in ("time", "times"):
        return False
    r = rules()
    rest = text[unit_end:unit_end + 30].lower().lstrip()
    if any(rest.startswith(p + " ") or rest.startswith(p + ",") or rest.startswith(p + ".")
           or rest == p for p in r.periods):
        return True
    nxt = _next_words(text, unit_end, 1)
    return bool(nxt) and nxt[0] in r.multipliers


def capitalised_name_numeral(text: str, phrase: NumberPhrase) -> bool:
    """"Double-use Three Strengthening", "the Five Old": a capitalised number word inside a
    sentence, followed by a capitalised word, is part of a name."""
    if not phrase.words_only:
        return False
    word = text[phrase.start:phrase.end]
    if not word[:1].isupper():
        return False
    before = text[:phrase.q_start].rstrip(" \t\"“‘'")
    if not before or before[-1] in ".!?\n:":
        return False
    nxt = tokens_from(text, phrase.end, 40)
    return bool(nxt) and nxt[0].text[:1].isupper()


def formula_numeral(text: str, phrase: NumberPhrase) -> bool:
    """Campaign formulas rendered word by word (一讲三促 -> "one about three promoting", "a talk
    three promotion"): a small spelled-out number right after "one X" / "a X" is part of one."""
    if not phrase.words_only or phrase.value > 10:
        return False
    prev = _prev_words(text, phrase.q_start, 2)
    if prev and prev[-1] == "one":
        return True
    return (len(prev) == 2 and prev[0] in ("one", "a", "an") and prev[1].isalpha()
            and prev[1] not in rules().formula_exceptions)


def titled_name_after(text: str, phrase: NumberPhrase) -> bool:
    """"five North Lane community": a spelled-out number before two capitalised words is part of
    a name (digits are left alone: "40 Party branches" is common MT capitalisation)."""
    if not phrase.words_only:
        return False
    nxt = tokens_from(text, phrase.end, 60)[:2]
    return len(nxt) == 2 and all(t.text[:1].isupper() and not t.text.isupper() for t in nxt)
