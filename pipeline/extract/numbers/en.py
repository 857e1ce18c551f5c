"""English number phrases in MT text: digits, number words, magnitudes, qualifiers and ranges.

`find_number_phrases(numbers)` finds every cardinal number phrase ("10,000", "1.2 million",
"65 thousand and 400", "tens of thousands", "more than and 300", "2 to 5") with its value and
qualifier. Whether a phrase is a *count* (it has a counted thing and is not a date, age, ...) is
decided by the callers (extract.counts). Word lists come from configs/counts_en/numbers.toml and
qualifiers.toml (`en_lexicon`).

    numbers = NumberText(text, number_lexicon(view.data))
    phrases = find_number_phrases(numbers)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .en_lexicon import NumberLexicon
from .en_tokens import Token, TokenIndex


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


class NumberText:
    """A text as the number rules read it: the characters, their tokens (made lazily near the
    numbers) and the number lexicon of a data folder."""

    __slots__ = ("text", "numbers", "_tokens")

    def __init__(self, text: str, numbers: NumberLexicon):
        self.text = text
        self.numbers = numbers
        self._tokens = TokenIndex(text)

    def tokens_from(self, pos: int, limit: int) -> list[Token]:
        """The tokens that start in text[pos:pos+limit]."""
        return self._tokens.window(pos, pos + limit)

    def tokens_before(self, pos: int, limit: int) -> list[Token]:
        """The tokens that lie wholly in text[pos-limit:pos], in text order."""
        toks = self._tokens.window(pos - limit, pos)
        while toks and toks[-1].end > pos:
            toks.pop()
        return toks


def digits_value(text: str, lex: NumberLexicon) -> Decimal | None:
    """The value of a digit token; None for a number too long to be a count."""
    if len(text) > lex.max_number_chars:
        return None
    plain = unicodedata.normalize("NFKC", text).replace(",", "")
    return Decimal(plain)


def as_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _word_value(word: str, lex: NumberLexicon) -> Decimal | None:
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


def _parse(toks: list[Token], lex: NumberLexicon):
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
        v = digits_value(t.text, lex) if t.is_digits else _word_value(w, lex)
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
            last = "and"          # "65 thousand and 400", "two hundred and fifty"
        elif w == "and" and last == "num" and (fraction := _fraction_at(toks, i + 1, lex)):
            words, part = fraction
            current = (current or Decimal(0)) + part               # "two and a half"
            used = i + 1 + len(words)
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


def _fraction_at(toks: list[Token], i: int, lex: NumberLexicon):
    """(words, value) of the fraction whose words start at toks[i] ("a half"), else None."""
    for words, part in lex.fractions:
        if i + len(words) <= len(toks) and all(toks[i + k].lower == w for k, w in enumerate(words)):
            return words, part
    return None


def _qualifier_before(text: str, start: int, lex: NumberLexicon):
    window = text[max(0, start - lex.before_chars):start]
    m = lex.before_qualifiers.search(window)
    if not m:
        return None, start
    phrase = re.sub(r"\s+", " ", m.group(1).lower())
    preceding = window[:m.start(1)].lower().split()[-lex.not_before_words:]
    for n in range(1, lex.not_before_words + 1):
        if len(preceding) >= n and " ".join(preceding[-n:] + [phrase]) in lex.not_before:
            return None, start               # "turned over 8,000 yuan"
    return lex.before_names[phrase], start - (len(window) - m.start(1))


def qualifier_after(numbers: NumberText, pos: int) -> tuple[str | None, int]:
    """A qualifier right at pos ("or more", "-odd", "+", "left and right") and where it ends."""
    lex = numbers.numbers
    m = lex.after_qualifiers.match(numbers.text, pos)
    if not m:
        return None, pos
    phrase = re.sub(r"\s+", " ", m.group().strip().lower())
    return lex.after_names.get(phrase), m.end()


def parse_at(numbers: NumberText, start: int) -> NumberPhrase | None:
    """The number phrase that starts at `start` (qualifier, range and after-qualifier included)."""
    lex = numbers.numbers
    text = numbers.text
    toks = numbers.tokens_from(start, lex.phrase_chars)
    parsed = _parse(toks, lex)
    if parsed is None:
        return None
    value, used, flags = parsed
    end = toks[used - 1].end
    low = high = None
    # Ranges: "2 to 5", "2-5", "from 2 to 5", "between 10 and 20"; the second end must be larger.
    conn = toks[used].text.lower() if used < len(toks) else ""
    if conn and (conn in lex.range_connectors or conn in lex.opener_connectors):
        opened = conn not in lex.opener_connectors or \
            lex.openers.search(text[max(0, start - lex.opener_chars):start]) is not None
        if opened and used + 1 < len(toks):   # a connector may end the text
            second = _parse(toks[used + 1:], lex)
            adjacent = conn not in lex.joined_connectors or \
                toks[used].start == end and toks[used].end == toks[used + 1].start
            if second and adjacent and not second[2]["plural"]:
                v2 = second[0]
                v1 = value
                if not flags["has_magnitude"] and second[2]["has_magnitude"]:
                    # "3 to 5 million": the first end shares the second's magnitude
                    for m in lex.magnitudes_desc:
                        if v2 % m == 0 and v1 * m < v2:
                            v1 = v1 * m
                            break
                if v2 > v1 and not (conn in lex.not_after_plural and flags["plural"]):
                    low, high = as_number(v1), as_number(v2)
                    value = v1
                    end = toks[used + second[1]].end
    qualifier = "more_than" if flags["plural"] else "exact"
    q, q_start = _qualifier_before(text, start, lex)
    if q:
        qualifier = q
        if low is None:
            q_after, q_end = qualifier_after(numbers, end)
            if q_after and text[end:q_end].strip().lower() in lex.absorbed_after:
                end = q_end          # "up to 60 more volunteers": "more" is no unit word
    elif low is None:
        q_after, q_end = qualifier_after(numbers, end)
        if q_after:
            qualifier, end = q_after, q_end
    return NumberPhrase(start=start, end=end, q_start=q_start, value=as_number(value),
                        qualifier=qualifier, low=low, high=high,
                        has_magnitude=flags["has_magnitude"], plural_magnitude=flags["plural"],
                        words_only=flags["words_only"], decimal=flags["decimal"],
                        digits_text=flags["digits_text"])


def find_number_phrases(numbers: NumberText) -> list[NumberPhrase]:
    """Every number phrase of the text, left to right, not overlapping."""
    found = []
    pos = 0
    for m in numbers.numbers.candidate.finditer(numbers.text):
        if m.start() < pos:
            continue
        phrase = parse_at(numbers, m.start())
        if phrase is None:
            continue
        found.append(phrase)
        pos = phrase.end
    return found
