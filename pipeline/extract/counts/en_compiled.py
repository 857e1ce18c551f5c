"""What the English count data files compile to: plain frozen tables (sets, compiled patterns),
read for every number. Built by `en_lexicon.count_lexicon(data)`, once per data folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers.en_lexicon import NumberLexicon
from .en_nouns import UnitLexicon


@dataclass(frozen=True)
class CountPatterns:
    partitive_after: re.Pattern
    partitive_before: re.Pattern
    partitive_copula: re.Pattern
    partitive_of_number: re.Pattern
    times_of: re.Pattern
    bare_end: re.Pattern
    coordination: re.Pattern
    group_having_end: re.Pattern     # any group_having phrase right before a number


@dataclass(frozen=True)
class ContextRules:
    """exclusions.toml [context], as sets."""
    months: frozenset
    year_prepositions: frozenset
    year_after: frozenset
    years: tuple
    max_day: int
    age_before: tuple
    age_before_chars: int
    position_before: frozenset
    words_chars: int
    formula_before: frozenset
    formula_openers: frozenset
    formula_exceptions: frozenset
    formula_max_value: int
    name_before_strip: str
    name_sentence_ends: str
    name_after_chars: int
    titled_after_chars: int
    slogan_quotes: tuple             # (most characters, opening marks)


@dataclass(frozen=True)
class FrequencyRules:
    """exclusions.toml [frequency], as sets."""
    heads: frozenset
    periods: tuple
    multipliers: frozenset
    after_chars: int


@dataclass(frozen=True)
class UnitMarks:
    """units.toml [marks], as sets."""
    open_quotes: frozenset
    close_quotes: frozenset
    any_quote: frozenset
    quote_chars: str                 # every quotation mark, for str.strip
    joiners: frozenset
    possessives: frozenset
    list_separators: frozenset
    clause_ends: frozenset
    sentence_ends: frozenset
    around_names: str


@dataclass(frozen=True)
class CountLexicon:
    """Everything the English count rules read, for one data folder."""
    numbers: NumberLexicon
    nouns: UnitLexicon
    units: object                    # the UnitsFile model
    exclusions: object               # the ExclusionsFile model
    filters: tuple                   # (rule id, predicate), in the order of `rules.filters`
    patterns: CountPatterns
    context: ContextRules
    frequency: FrequencyRules
    marks: UnitMarks
    windows: object                  # units.toml [windows] (UnitWindows)
    integral_categories: frozenset
    linked_categories: frozenset
    times_heads: frozenset
    linking: tuple                   # linking phrases before a number, as word lists, longest first
    group_having: tuple              # group_having phrases, as word lists, longest first
    group_of: frozenset
    group_tail: frozenset
    group_determiners: frozenset
