"""English number phrases in MT text: digits, number words, magnitudes, qualifiers and ranges.

`find_number_phrases(text)` finds every cardinal number phrase ("10,000", "1.2 million",
"43 thousand and 800", "tens of thousands", "more than and 300", "2 to 5") with its value and
qualifier. Whether a phrase is a *count* (it has a counted thing and is not a date, age, ...) is
decided by the callers (extract.counts). Word lists come from configs/counts_en/numbers.toml and
qualifiers.toml.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ...resources import load_toml

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


@dataclass(frozen=True)
class NumberPhrase:
    """A cardinal number phrase: [start, end) covers the number (and a range's second end),
    q_start the qualifier before it when there is one."""
    start: int
    end: int
    q_start: int
    value: int | float
    qualifier: str
    low: int | float | None = None
    high: int | float | None = None
    has_magnitude: bool = False
    plural_magnitude: bool = False   # "thousands", "tens of thousands": unit may follow "of"
    words_only: bool = False         # spelled out ("twelve"), no digits
    decimal: bool = False            # "3.5" with no magnitude: never a count of whole things
    digits_text: str = ""            # the plain digit string, for year/code checks


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


@lru_cache(maxsize=16)
def token_index(text: str) -> TokenIndex:
    return TokenIndex(text)


def tokens_from(text: str, pos: int, limit: int = 120) -> list[Token]:
    """The tokens that start in text[pos:pos+limit]."""
    return token_index(text).window(pos, pos + limit)


def tokens_before(text: str, pos: int, limit: int = 80) -> list[Token]:
    """The tokens that lie wholly in text[pos-limit:pos], in text order."""
    toks = token_index(text).window(pos - limit, pos)
    while toks and toks[-1].end > pos:
        toks.pop()
    return toks


@dataclass(frozen=True)
class Lexicon:
    words: dict
    needs_magnitude: dict
    magnitudes: dict
    plural_magnitudes: dict
    vague: tuple
    before_qualifiers: re.Pattern
    before_names: dict
    after_qualifiers: re.Pattern
    after_names: dict
    range_connectors: frozenset
    candidate: re.Pattern
    not_before: frozenset
    compound_magnitudes: dict


def _phrase_alternation(phrases) -> str:
    """A regex matching any of the phrases, as a trie: Python's re tries alternatives one by
    one at each position, so shared prefixes are factored out ("t(?:en|wo|hree|...)")."""
    trie: dict = {}
    for p in set(phrases):
        node = trie
        for ch in " ".join(p.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = (r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(node[ch])
        branches.append(piece)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # longest match first: the optional tail is greedy, so "thousands" beats "thousand"
    return f"(?:{body})?" if ends else body


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    numbers = load_toml("counts_en/numbers.toml")
    quals = load_toml("counts_en/qualifiers.toml")
    words = {k: v for k, v in numbers["words"].items()}
    needs = dict(numbers["needs_magnitude"])
    mags = dict(numbers["magnitudes"])
    plural = dict(numbers["plural_magnitudes"])
    vague = tuple(numbers["vague_before_magnitude"]["words"])

    before_names = {p.lower(): q for q, ps in quals["before"].items() for p in ps}
    after_names = {p.lower(): q for q, ps in quals["after"].items() for p in ps}
    # Before: the phrase ends the window, an MT "and" may sit between it and the number.
    before = re.compile(r"(?<![\w-])(" + _phrase_alternation(before_names) + r")\s+(?:and\s+)?$", re.I)
    after_alt = "|".join(
        (re.escape(p) if not p[0].isalpha() else r"\s+" + r"\s+".join(map(re.escape, p.split())) + r"(?![\w])")
        for p in sorted(after_names, key=len, reverse=True))
    after = re.compile(r"(?:" + after_alt + r")", re.I)

    word_alt = _phrase_alternation(list(words) + list(plural))
    mag_alt = _phrase_alternation(mags)
    lead_alt = _phrase_alternation(list(needs) + list(vague))
    initials = "".join(sorted({w[0].lower() for w in list(words) + list(plural) + list(mags)
                                + list(needs) + list(vague)}))
    candidate = re.compile(
        r"(?<![\w.,\-/])[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?![0-9０-９])"
        r"|(?<![\w\-])(?=[" + initials + r"])(?:"
        r"(?:" + lead_alt + r")\s+(?:" + mag_alt + r")(?![\w])"
        r"|(?:" + word_alt + r"|" + mag_alt + r")(?:-(?:" + word_alt + r"))?(?![\w\-])"
        r")",
        re.I)
    return Lexicon(words, needs, mags, plural, vague, before, before_names, after, after_names,
                   frozenset(quals["range"]["connectors"]), candidate,
                   frozenset(p.lower() for p in quals["not_before"]["phrases"]),
                   dict(numbers["compound_magnitudes"]))


MAX_DIGITS = 30      # a longer run of digits is a code or garbage, never a count


def digits_value(text: str) -> Decimal | None:
    """The value of a digit token; None for a run too long to be a count (converting a
    megabyte of digits to an integer would take minutes)."""
    if len(text) > MAX_DIGITS + 10:
        return None
    plain = unicodedata.normalize("NFKC", text).replace(",", "")
    return Decimal(plain)


def as_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _word_value(word: str, lex: Lexicon) -> Decimal | None:
    """'twenty', 'twenty-three', 'dozen' -> value; anything else None."""
    w = word.lower()
    if w in lex.words:
        return Decimal(lex.words[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in lex.words and parts[1] in lex.words:
            tens, ones = lex.words[parts[0]], lex.words[parts[1]]
            if tens % 10 == 0 and tens >= 20 and 0 < ones < 10:
                return Decimal(tens + ones)
    return None


def _parse(toks: list[Token], lex: Lexicon):
    """Parse a number from the start of toks. Returns (value, n_tokens, flags) or None."""
    total = Decimal(0)
    current: Decimal | None = None
    used = 0
    last = None            # kind of the last token taken: "num", "mag" or "and"
    last_mag = Decimal(0)
    has_mag = plural = False
    words_only = True
    digits_text = ""
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        w = t.lower
        compound = f"{w} {toks[i + 1].lower}" if i + 1 < n else ""
        if last == "num" and compound in lex.compound_magnitudes:
            # "6.5 ten thousand" (6.5万): the pair is one magnitude
            total += (current or Decimal(1)) * Decimal(lex.compound_magnitudes[compound])
            current = Decimal(0)
            has_mag = True
            last, last_mag = "mag", Decimal(lex.compound_magnitudes[compound])
            used = i + 2
            i += 2
            continue
        v = digits_value(t.text) if t.is_digits else _word_value(w, lex)
        if v is not None:
            if last == "num":
                if not t.is_digits and current % 10 == 0 and current >= 20 and v < 10 and not digits_text:
                    current += v          # "twenty three"
                    used = i = i + 1
                    continue
                break
            if last == "mag" or (last == "and" and v >= last_mag):
                break
            if t.is_digits:
                if digits_text and last != "and":
                    break
                words_only = False
                digits_text = unicodedata.normalize("NFKC", t.text).replace(",", "")
            current = v if not current else current + v
            last = "num"
            used = i + 1
        elif (w in lex.needs_magnitude or w in lex.vague or f"{w} {toks[i + 1].lower if i + 1 < n else ''}" in lex.vague) \
                and last is None:
            # "a hundred", "one thousand", "several hundred", "a few thousand"
            j = i + 2 if i + 1 < n and f"{w} {toks[i + 1].lower}" in lex.vague else i + 1
            if j < n and toks[j].lower in lex.magnitudes:
                vague = not (j == i + 1 and w in lex.needs_magnitude)
                current = Decimal(1)
                plural = plural or vague
                last = "num"
                i = j
                continue
            break
        elif w in lex.magnitudes:
            mag = Decimal(lex.magnitudes[w])
            if last == "mag" and last_mag == 100 and mag > 100 and current:
                total += current * mag        # "one hundred thousand"
                current = Decimal(0)
                last_mag = mag
                used = i + 1
                i += 1
                continue
            if last not in (None, "num"):
                break
            base = current if current else Decimal(1)
            if mag == 100:
                current = base * mag
            else:
                total += base * mag
                current = Decimal(0)
            has_mag = True
            last, last_mag = "mag", mag
            used = i + 1
        elif w in lex.plural_magnitudes and last is None:
            # "thousands", "tens of thousands", "hundreds of thousands of"
            current = Decimal(lex.plural_magnitudes[w])
            plural = has_mag = True
            used = i + 1
            while (used + 1 < n and toks[used].lower == "of"
                   and toks[used + 1].lower in lex.plural_magnitudes):
                current *= Decimal(lex.plural_magnitudes[toks[used + 1].lower])
                used += 2
            break
        elif w == "and" and last == "mag":
            last = "and"          # "43 thousand and 800", "two hundred and fifty"
        elif w == "and" and last == "num" and i + 2 < n and toks[i + 1].lower in ("a", "one") \
                and toks[i + 2].lower == "half":
            current = (current or Decimal(0)) + Decimal("0.5")   # "two and a half"
            used = i + 3
            break
        else:
            break
        i += 1
    if not used:
        return None
    value = total + (current or Decimal(0))
    decimal = "." in digits_text and not has_mag
    return value, used, {"has_magnitude": has_mag, "plural": plural, "words_only": words_only,
                         "decimal": decimal, "digits_text": digits_text}


def _qualifier_before(text: str, start: int, lex: Lexicon):
    window = text[max(0, start - 40):start]
    m = lex.before_qualifiers.search(window)
    if not m:
        return None, start
    phrase = re.sub(r"\s+", " ", m.group(1).lower())
    preceding = window[:m.start(1)].lower().split()[-2:]
    for n in (1, 2):
        if len(preceding) >= n and " ".join(preceding[-n:] + [phrase]) in lex.not_before:
            return None, start               # "handed over 120,000 yuan"
    return lex.before_names[phrase], start - (len(window) - m.start(1))


def qualifier_after(text: str, pos: int) -> tuple[str | None, int]:
    """A qualifier right at pos ("or more", "-odd", "+", "left and right") and where it ends."""
    lex = lexicon()
    m = lex.after_qualifiers.match(text, pos)
    if not m:
        return None, pos
    phrase = re.sub(r"\s+", " ", m.group().strip().lower())
    return lex.after_names.get(phrase), m.end()


def parse_at(text: str, start: int) -> NumberPhrase | None:
    """The number phrase that starts at `start` (qualifier, range and after-qualifier included)."""
    lex = lexicon()
    toks = tokens_from(text, start, 100)
    parsed = _parse(toks, lex)
    if parsed is None:
        return None
    value, used, flags = parsed
    end = toks[used - 1].end
    low = high = None
    # Ranges: "2 to 5", "2-5", "from 2 to 5", "between 10 and 20"; the second end must be larger.
    conn = toks[used].text.lower() if used < len(toks) else ""
    # tested without building the union set `range_connectors | {"and"}` for every number
    if conn and (conn == "and" or conn in lex.range_connectors):
        between = conn == "and" and re.search(r"\bbetween\s+$", text[max(0, start - 12):start], re.I)
        if (conn != "and" or between) and used + 1 < len(toks):   # a connector may end the text
            second = _parse(toks[used + 1:], lex)
            adjacent = conn not in "-–—~～" or toks[used].start == end and toks[used].end == toks[used + 1].start
            if second and adjacent and not second[2]["plural"]:
                v2 = second[0]
                v1 = value
                if not flags["has_magnitude"] and second[2]["has_magnitude"]:
                    # "3 to 5 million": the first end shares the second's magnitude
                    for m in sorted(map(Decimal, lex.magnitudes.values()), reverse=True):
                        if v2 % m == 0 and v1 * m < v2:
                            v1 = v1 * m
                            break
                if v2 > v1 and not (conn == "or" and flags["plural"]):
                    low, high = as_number(v1), as_number(v2)
                    value = v1
                    end = toks[used + second[1]].end
    qualifier = "more_than" if flags["plural"] else "exact"
    q, q_start = _qualifier_before(text, start, lex)
    if q:
        qualifier = q
        if low is None:
            q_after, q_end = qualifier_after(text, end)
            if q_after == "more_than" and text[end:q_end].strip().lower() == "more":
                end = q_end          # "up to 60 more volunteers": "more" is no unit word
    elif low is None:
        q_after, q_end = qualifier_after(text, end)
        if q_after:
            qualifier, end = q_after, q_end
    return NumberPhrase(start=start, end=end, q_start=q_start, value=as_number(value),
                        qualifier=qualifier, low=low, high=high,
                        has_magnitude=flags["has_magnitude"], plural_magnitude=flags["plural"],
                        words_only=flags["words_only"], decimal=flags["decimal"],
                        digits_text=flags["digits_text"])


def find_number_phrases(text: str) -> list[NumberPhrase]:
    """Every number phrase in text, left to right, not overlapping."""
    lex = lexicon()
    found = []
    pos = 0
    for m in lex.candidate.finditer(text):
        if m.start() < pos:
            continue
        phrase = parse_at(text, m.start())
        if phrase is None:
            continue
        found.append(phrase)
        pos = phrase.end
    return found
