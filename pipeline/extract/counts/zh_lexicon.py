"""The Chinese count lexicon: the models of configs/zh/measure_words.toml, units.toml and
exclusions.toml, and `zh_count_lexicon(data)`, which builds the tables the count rules read from
them once per data folder.

The numerals and qualifiers (numerals.toml, qualifiers.toml) belong to `extract.numbers`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import field_validator

from ...models import Category
from ..data import DataFiles, DataModel
from ..doc import QUOTE_PAIRS
from ..numbers.zh_lexicon import ZhNumberLexicon, alternation, checked_pattern, first_chars, zh_number_lexicon

MEASURE_WORDS_FILE = "zh/measure_words.toml"
UNITS_FILE = "zh/units.toml"
EXCLUSIONS_FILE = "zh/exclusions.toml"

Words = tuple[str, ...]


def _opening_marks(marks: Words) -> Words:
    for mark in marks:
        if mark not in QUOTE_PAIRS:
            raise ValueError(f"{mark!r} is no opening quotation mark (known: {''.join(QUOTE_PAIRS)})")
    return marks


# ----------------------------------------------------------------------- measure_words.toml

class MeasureWord(DataModel):
    category: Category
    person: bool = False
    money: bool = False
    names_thing: bool = False
    blocked_by: str = ""


class Money(DataModel):
    unit: str


class Durations(DataModel):
    measure_word: str
    after_chars: int
    skip: str
    nouns: Words


class MeasureWordsFile(DataModel):
    """configs/zh/measure_words.toml"""
    measure_words: dict[str, MeasureWord]
    money: Money
    durations: Durations

    @field_validator("measure_words")
    @classmethod
    def _words(cls, table: dict) -> dict:
        if not table or not all(word.strip() for word in table):
            raise ValueError("list at least one measure word, none of them empty")
        return table


# ------------------------------------------------------------------------------- units.toml

class Window(DataModel):
    chars: int
    clause_ends: str
    ahead_keeps: str
    behind_keeps: str
    bracket_open: Words
    bracket_close: Words
    bracket_words: int
    name_quotes: Words

    @field_validator("name_quotes")
    @classmethod
    def _marks(cls, marks: Words) -> Words:
        return _opening_marks(marks)


class UnitsFile(DataModel):
    """configs/zh/units.toml"""
    compounds: Words             # jieba's user dictionary (pipeline/zh.py), not read here
    boundary: Words
    links: Words
    nounlike: Words
    noun_tags: Words
    modifier_tags: Words
    verb_tags: Words
    window: Window
    heads: dict[str, Category]


# -------------------------------------------------------------------------- exclusions.toml

class Rules(DataModel):
    filters: Words
    document_filters: Words

    @field_validator("filters", "document_filters")
    @classmethod
    def _known(cls, filters: Words, info) -> Words:
        from . import zh_filters   # registers the filter ids

        known = zh_filters.FILTERS if info.field_name == "filters" else zh_filters.DOCUMENT_FILTERS
        for rule_id in filters:
            if rule_id not in known:
                raise ValueError(f"{rule_id!r} is no Chinese count filter here "
                                 f"(known: {', '.join(sorted(known))})")
        if len(set(filters)) != len(filters):
            raise ValueError("a filter is listed twice")
        return filters


class Context(DataModel):
    before_chars: int
    after_chars: int


class PatternLists(DataModel):
    """Named lists of regular expressions."""

    @field_validator("*")
    @classmethod
    def _compile(cls, patterns: Words) -> Words:
        for pattern in patterns:
            checked_pattern(pattern)
        return patterns


class Before(PatternLists):
    ordinal: Words
    rate: Words
    formula: Words
    code: Words
    dot: Words


class After(PatternLists):
    formula: Words
    numeral: Words


class Idioms(DataModel):
    words: Words

    @field_validator("words")
    @classmethod
    def _not_empty(cls, words: Words) -> Words:
        if not all(word.strip() for word in words):
            raise ValueError("an idiom is a word, not an empty string")
        return words


class Frequency(DataModel):
    pattern: str
    measure_words: Words

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return checked_pattern(pattern)


class Slogans(DataModel):
    max_quote_chars: int
    marks: Words

    @field_validator("marks")
    @classmethod
    def _marks(cls, marks: Words) -> Words:
        return _opening_marks(marks)


class LoneOne(DataModel):
    gaps: Words
    max_gap_chars: int


class ExclusionsFile(DataModel):
    """configs/zh/exclusions.toml"""
    rules: Rules
    context: Context
    before: Before
    after: After
    idioms: Idioms
    frequency: Frequency
    slogans: Slogans
    lone_one: LoneOne


# ------------------------------------------------------------------------- built tables

@dataclass(frozen=True)
class ZhCountLexicon:
    """Everything the Chinese count rules read, for one data folder."""
    numbers: ZhNumberLexicon
    pattern: re.Pattern              # number + qualifier + measure word
    starts: re.Pattern | None        # the characters a match of `pattern` may start with
    measure_words: dict              # measure word -> MeasureWord
    money_unit: str
    durations: Durations
    filters: dict                    # (before near, after near) -> ((rule id, predicate), ...)
    document_filters: frozenset
    context: Context
    before: dict                     # before / after filter name -> one compiled pattern
    after: dict
    any_before: re.Pattern           # any of the before / after patterns
    any_after: re.Pattern
    idioms: re.Pattern
    frequency: re.Pattern
    frequency_measure_words: frozenset
    slogan_marks: str                # the opening marks
    slogan_opening: re.Pattern       # any of them
    max_slogan_quote: int
    list_gaps: frozenset
    max_gap_chars: int
    heads: dict
    boundary: frozenset
    nounlike: frozenset
    noun_tags: frozenset
    modifier_tags: frozenset
    verb_tags: frozenset
    links: frozenset
    window: int
    clause_ahead: re.Pattern         # the clause from a position on, at most `window` characters
    clause_behind: re.Pattern        # the clause up to the end of a window
    bracket_open: frozenset
    bracket_close: frozenset
    bracket_words: int
    name_quote_marks: str            # the opening marks of a quoted name before a number
    name_quote_ends: frozenset       # their closing marks


def zh_count_lexicon(data: DataFiles) -> ZhCountLexicon:
    return data.build(_build)


def _any_of(patterns: Words) -> re.Pattern:
    """One pattern that searches like any of `patterns` (none: one that never matches)."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _class_without(chars) -> str:
    return "[^" + "".join(re.escape(ch) for ch in sorted(chars)) + "]*"


def _build(data: DataFiles) -> ZhCountLexicon:
    from .zh_filters import listed_filters

    measures = data.toml(MEASURE_WORDS_FILE, MeasureWordsFile)
    units = data.toml(UNITS_FILE, UnitsFile)
    exclusions = data.toml(EXCLUSIONS_FILE, ExclusionsFile)
    numbers = zh_number_lexicon(data)
    window = units.window
    ends = set(window.clause_ends)
    pattern = rf"{numbers.pattern}\s?(?P<mw>{alternation(measures.measure_words)})"
    starts = first_chars(pattern)
    return ZhCountLexicon(
        numbers=numbers,
        pattern=re.compile(pattern),
        starts=re.compile(starts) if starts else None,
        measure_words=dict(measures.measure_words),
        money_unit=measures.money.unit,
        durations=measures.durations,
        filters=listed_filters(exclusions.rules.filters),
        document_filters=frozenset(exclusions.rules.document_filters),
        context=exclusions.context,
        before={name: _any_of(patterns) for name, patterns in exclusions.before},
        after={name: _any_of(patterns) for name, patterns in exclusions.after},
        any_before=_any_of([p for _, patterns in exclusions.before for p in patterns]),
        any_after=_any_of([p for _, patterns in exclusions.after for p in patterns]),
        idioms=re.compile(alternation(exclusions.idioms.words) or r"(?!)"),
        frequency=re.compile(exclusions.frequency.pattern),
        frequency_measure_words=frozenset(exclusions.frequency.measure_words),
        slogan_marks="".join(exclusions.slogans.marks),
        slogan_opening=_any_of([re.escape(mark) for mark in exclusions.slogans.marks]),
        max_slogan_quote=exclusions.slogans.max_quote_chars,
        list_gaps=frozenset(exclusions.lone_one.gaps),
        max_gap_chars=exclusions.lone_one.max_gap_chars,
        heads=dict(units.heads),
        boundary=frozenset(units.boundary),
        nounlike=frozenset(units.nounlike),
        noun_tags=frozenset(units.noun_tags),
        modifier_tags=frozenset(units.modifier_tags),
        verb_tags=frozenset(units.verb_tags),
        links=frozenset(units.links),
        window=window.chars,
        # the clause ends at punctuation, brackets excepted (ahead) or quotes and spaces excepted (behind)
        clause_ahead=re.compile(_class_without(ends - set(window.ahead_keeps))),
        clause_behind=re.compile(_class_without(ends - set(window.behind_keeps)) + r"\Z"),
        bracket_open=frozenset(window.bracket_open),
        bracket_close=frozenset(window.bracket_close),
        bracket_words=window.bracket_words,
        name_quote_marks="".join(window.name_quotes),
        name_quote_ends=frozenset(QUOTE_PAIRS[mark] for mark in window.name_quotes),
    )
