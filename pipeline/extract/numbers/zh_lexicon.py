"""The Chinese number lexicon: the models of configs/zh/numerals.toml and qualifiers.toml, and
`zh_number_lexicon(data)`, which builds the numeral tables and the number pattern from them once
per data folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import field_validator, model_validator

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


# ------------------------------------------------------------------------- built tables

@dataclass(frozen=True)
class ZhNumberLexicon:
    digits: dict                      # numeral -> its value (一 -> 1)
    units: dict                       # magnitude -> its value (十 -> 10, 万 -> 10000)
    vague_prefixes: dict              # 数 -> more_than (数千)
    one: str
    max_number_chars: int
    qualifiers_before: tuple          # ((word, qualifier), ...), longest first
    qualifiers_before_by_last: dict   # the same grouped by their last character
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
        max_number_chars=reading.max_number_chars,
        qualifiers_before=before,
        qualifiers_before_by_last={ch: tuple(words) for ch, words in by_last.items()},
        qualifiers_infix=dict(quals.infix),
        qualifiers_after=by_length(quals.after),
        pattern=pattern,
    )
