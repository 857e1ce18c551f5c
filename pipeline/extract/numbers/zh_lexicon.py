"""The Chinese number lexicon: the models of configs/zh/numerals.toml and qualifiers.toml, and
`zh_number_lexicon(data)`, which builds the numeral tables and the number pattern from them once
per data folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import field_validator, model_validator
from re import _constants as _sc, _parser as _sp

from ...models import Qualifier
from ..data import DataFiles, DataModel

NUMERALS_FILE = "zh/numerals.toml"
QUALIFIERS_FILE = "zh/qualifiers.toml"

# 万 and 亿 close a section of a numeral (三万五千 = (3) * 10000 + 5 * 1000): a magnitude of at
# least this much is a myriad, and may also follow a qualifier (4.8万余 reads 4.8 余 万).
MYRIAD = 10_000


# ------------------------------------------------------------------------------- data files

def _one_char_keys(table: dict) -> dict:
    for key in table:
        if len(key) != 1:
            raise ValueError(f"{key!r}: a key is one character")
    return table


def checked_pattern(pattern: str) -> str:
    """The pattern, if it compiles and captures no group (patterns are joined into one)."""
    try:
        groups = re.compile(pattern).groups
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc}): {pattern!r}") from None
    if groups:
        raise ValueError(f"use (?:...) instead of a capturing group: {pattern!r}")
    return pattern


class NumeralReading(DataModel):
    arabic: str                       # a number in Arabic digits (a regular expression)
    thousands_separators: tuple[str, ...]
    range_connectors: tuple[str, ...]
    max_number_chars: int             # a longer number is a code or garbage, never a count
    one: str                          # the numeral one

    @field_validator("arabic")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return checked_pattern(pattern)


class NumeralsFile(DataModel):
    """configs/zh/numerals.toml"""
    digits: dict[str, int]
    units: dict[str, int]
    vague_prefixes: dict[str, Qualifier]
    reading: NumeralReading

    @field_validator("digits", "units", "vague_prefixes")
    @classmethod
    def _one_char_each(cls, table: dict) -> dict:
        return _one_char_keys(table)

    @model_validator(mode="after")
    def _one_is_a_digit(self) -> "NumeralsFile":
        if self.digits.get(self.reading.one) != 1:
            raise ValueError(f"reading.one {self.reading.one!r} is not a digit of value 1 in [digits]")
        return self


class QualifiersFile(DataModel):
    """configs/zh/qualifiers.toml"""
    before: dict[str, Qualifier]
    infix: dict[str, Qualifier]
    after: dict[str, Qualifier]

    @field_validator("before", "infix", "after")
    @classmethod
    def _words(cls, table: dict) -> dict:
        for word in table:
            if not word.strip():
                raise ValueError("a qualifier is a word, not an empty string")
        return table


# --------------------------------------------------------------- where a match may start

_CATEGORIES = {_sc.CATEGORY_DIGIT: r"\d", _sc.CATEGORY_NOT_DIGIT: r"\D", _sc.CATEGORY_SPACE: r"\s",
               _sc.CATEGORY_NOT_SPACE: r"\S", _sc.CATEGORY_WORD: r"\w", _sc.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = (_sc.MAX_REPEAT, _sc.MIN_REPEAT, _sc.POSSESSIVE_REPEAT)


def first_chars(pattern: str) -> str | None:
    """A character class (regex source) holding every character a match of `pattern` can start
    with, read with re's own parser; None when that cannot be told (the pattern may match the
    empty string, ignores case, or uses a construct not read here)."""
    parsed = _sp.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    items: list[str] = []
    if _first(parsed.data, items) is not False:
        return None
    return "[" + "".join(items) + "]"


def _first(seq, items: list[str]) -> bool | None:
    """Add to `items` the characters the parsed sequence can start with. Returns whether it can
    match the empty string (then what follows it can start a match too), None when unknown."""
    for op, av in seq:
        if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
            continue                                    # zero width
        if op is _sc.LITERAL:
            items.append(re.escape(chr(av)))
            return False
        if op is _sc.IN:
            for o, a in av:
                if o is _sc.LITERAL:
                    items.append(re.escape(chr(a)))
                elif o is _sc.RANGE:
                    items.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
                elif o is _sc.CATEGORY and a in _CATEGORIES:
                    items.append(_CATEGORIES[a])
                else:
                    return None                         # a negated class, ...
            return False
        if op is _sc.BRANCH:
            empty = False
            for branch in av[1]:
                found = _first(branch, items)
                if found is None:
                    return None
                empty = empty or found
            if not empty:
                return False
        elif op is _sc.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            found = None if add_flags or del_flags else _first(inner, items)
            if found is None:
                return None
            if not found:
                return False
        elif op in _REPEATS:
            found = _first(av[2], items)
            if found is None:
                return None
            if not found and av[0] > 0:
                return False
        else:
            return None
    return True


# ------------------------------------------------------------------------- built tables

@dataclass(frozen=True)
class ZhNumberLexicon:
    digits: dict                      # numeral -> its value (一 -> 1)
    units: dict                       # magnitude -> its value (十 -> 10, 万 -> 10000)
    vague_prefixes: dict              # 数 -> more_than (数千)
    one: str
    max_number_chars: int
    separators: tuple                 # thousands separators, taken out before reading
    qualifiers_before_by_last: dict   # last character -> ((word, qualifier), ...), longest first
    qualifiers_infix: dict
    qualifiers_after: tuple           # longest first
    pattern: str                      # regex source: groups low, num, infix, mag


def zh_number_lexicon(data: DataFiles) -> ZhNumberLexicon:
    return data.build(_build)


def alternation(words) -> str:
    """A regex matching any of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


def _build(data: DataFiles) -> ZhNumberLexicon:
    numerals = data.toml(NUMERALS_FILE, NumeralsFile)
    quals = data.toml(QUALIFIERS_FILE, QualifiersFile)
    reading = numerals.reading
    arabic = reading.arabic
    magnitudes = _char_class(numerals.units)
    numeral_chars = _char_class(list(numerals.digits) + list(numerals.units))
    connectors = "|".join(re.escape(c) for c in reading.range_connectors)
    number = (rf"(?:(?P<low>{arabic})\s?(?:{connectors})\s?)?"
              rf"(?P<num>{arabic}{magnitudes}*"
              rf"|{_char_class(numerals.vague_prefixes)}{magnitudes}+"
              rf"|(?<!{numeral_chars}){numeral_chars}+)")     # never inside a run of numerals
    myriads = _char_class(u for u, v in numerals.units.items() if v >= MYRIAD)
    pattern = rf"{number}(?P<infix>{alternation(quals.infix)})?(?P<mag>{myriads})?"
    by_length = lambda table: tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))  # noqa: E731
    before = by_length(quals.before)
    by_last: dict[str, list] = {}
    for word, qualifier in before:
        by_last.setdefault(word[-1], []).append((word, qualifier))
    return ZhNumberLexicon(
        digits=dict(numerals.digits), units=dict(numerals.units),
        vague_prefixes=dict(numerals.vague_prefixes), one=reading.one,
        separators=reading.thousands_separators,
        max_number_chars=reading.max_number_chars,
        qualifiers_before_by_last={ch: tuple(words) for ch, words in by_last.items()},
        qualifiers_infix=dict(quals.infix),
        qualifiers_after=by_length(quals.after),
        pattern=pattern,
    )
