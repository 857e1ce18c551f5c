"""The English count lexicon: the models of configs/counts_en/units.toml, exclusions.toml and
unit_stopwords.txt, and `count_lexicon(data)`, which builds the tables of `en_compiled` from
them once per data folder.

The number words and qualifiers (numbers.toml, qualifiers.toml) belong to `extract.numbers`.
"""
from __future__ import annotations

import re

from pydantic import ValidationError, field_validator

from ...errors import ConfigError
from ...models import Category
from ..data import DataFiles, DataModel
from ..numbers.en_lexicon import number_lexicon
from .en_compiled import ContextRules, CountLexicon, CountPatterns, FrequencyRules, UnitMarks
from .en_nouns import UnitLexicon

UNITS_FILE = "counts_en/units.toml"
EXCLUSIONS_FILE = "counts_en/exclusions.toml"
STOPWORDS_FILE = "counts_en/unit_stopwords.txt"

Words = tuple[str, ...]


# ------------------------------------------------------------------------------- units.toml

class PluralIrregular(DataModel):
    not_heads: Words
    plural_forms: Words
    invariant: Words
    not_plural_endings: Words


class Collectives(DataModel):
    through_of: Words
    category_from_complement: Words
    people_groups: Words
    occasions: Words
    own_categories: tuple[Category, ...]


class Roles(DataModel):
    neutral_people: Words
    group_nouns: Words
    group_having: Words
    group_of: Words
    group_tail: Words
    group_determiners: Words


class Repair(DataModel):
    written: str
    normalized: str
    category: Category | None = None
    context: Words | None = None
    note: str | None = None


class Metrics(DataModel):
    heads: Words
    words: Words


class NounBeforeNumber(DataModel):
    linking: Words
    bare_end: str
    partitive_after: str
    partitive_before: str
    partitive_copula: str
    partitive_of_number: str
    times_of: str
    coordination: str

    @field_validator("bare_end", "partitive_after", "partitive_before", "partitive_copula",
                     "partitive_of_number", "times_of", "coordination")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _checked_pattern(pattern)


class Modifiers(DataModel):
    words: Words
    time_word_things: dict[str, Category]


class GuessedCategories(DataModel):
    endings: dict[Category, Words]
    otherwise: Category


class PersonTimes(DataModel):
    heads: Words
    words: Words


class Counting(DataModel):
    integral_categories: tuple[Category, ...]
    linked_categories: tuple[Category, ...]
    times_heads: Words


class Marks(DataModel):
    open_quotes: Words
    close_quotes: Words
    joiners: Words
    possessives: Words
    list_separators: Words
    clause_ends: Words
    sentence_ends: Words
    around_names: str


class UnitWindows(DataModel):
    unit_after_chars: int
    quoted_name_tokens: int
    modifiers: int
    metric_before_chars: int
    metric_tokens: int
    unit_before_chars: int
    group_before_chars: int
    group_modifiers: int
    group_having_chars: int
    group_having_before_chars: int
    group_having_words: int
    group_after_chars: int
    group_after_words: int
    partitive_before_chars: int
    coordination_chars: int
    coordinated_words: int
    sentence_start_chars: int


class UnitsFile(DataModel):
    """configs/counts_en/units.toml"""
    categories: dict[Category, Words]
    plural_irregular: PluralIrregular
    collectives: Collectives
    roles: Roles
    repairs: tuple[Repair, ...]
    metrics: Metrics
    noun_before_number: NounBeforeNumber
    modifiers: Modifiers
    guessed_categories: GuessedCategories
    person_times: PersonTimes
    counting: Counting
    marks: Marks
    windows: UnitWindows


# -------------------------------------------------------------------------- exclusions.toml

class Masks(DataModel):
    patterns: Words
    numeral_names: Words
    name_patterns: Words
    before_chars: int
    after_chars: int
    after_chunks: int

    @field_validator("patterns", "numeral_names", "name_patterns")
    @classmethod
    def _compile(cls, patterns: Words) -> Words:
        for p in patterns:
            _checked_pattern(p)
        return patterns


class ExcludedUnits(DataModel):
    duration: Words
    age: Words
    anniversary: Words
    percent: Words
    other: Words


class Frequency(DataModel):
    heads: Words
    periods: Words
    multipliers: Words
    after_chars: int


class Context(DataModel):
    year_prepositions: Words
    year_after: Words
    years: tuple[int, int]
    max_day: int
    months: Words
    age_before: Words
    age_before_chars: int
    position_before: Words
    words_chars: int
    formula_before: Words
    formula_openers: Words
    formula_exceptions: Words
    formula_max_value: int
    name_before_strip: str
    name_sentence_ends: str
    name_after_chars: int
    titled_after_chars: int
    slogan_quotes: dict[str, int]

    @field_validator("slogan_quotes")
    @classmethod
    def _one_mark_each(cls, marks: dict[str, int]) -> dict[str, int]:
        for mark in marks:
            if len(mark) != 1:
                raise ValueError(f"{mark!r}: a key is one opening quotation mark")
        return marks


class Rules(DataModel):
    filters: tuple[str, ...]

    @field_validator("filters")
    @classmethod
    def _known(cls, filters: tuple[str, ...]) -> tuple[str, ...]:
        from . import en_filters   # registers the filter ids

        for rule_id in filters:
            if rule_id not in en_filters.FILTERS:
                known = ", ".join(sorted(en_filters.FILTERS))
                raise ValueError(f"{rule_id!r} is no English count filter (known: {known})")
        if len(set(filters)) != len(filters):
            raise ValueError("a filter is listed twice")
        return filters


class ExclusionsFile(DataModel):
    """configs/counts_en/exclusions.toml"""
    rules: Rules
    masks: Masks
    units: ExcludedUnits
    frequency: Frequency
    context: Context


class StopWords(DataModel):
    """configs/counts_en/unit_stopwords.txt: one lower-case word a line."""
    words: Words

    @field_validator("words")
    @classmethod
    def _one_lower_word(cls, words: Words) -> Words:
        for w in words:
            if not w or w != w.lower() or len(w.split()) != 1:
                raise ValueError(f"{w!r}: a line holds one lower-case word")
        return words


def _checked_pattern(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc}): {pattern!r}") from None
    return pattern


def count_lexicon(data: DataFiles) -> CountLexicon:
    return data.build(_build)


def stop_words(data: DataFiles) -> StopWords:
    try:
        return StopWords(words=data.lines(STOPWORDS_FILE))
    except ValidationError as exc:
        raise ConfigError(f"invalid data file {data.path(STOPWORDS_FILE)}: "
                          + "; ".join(e["msg"] for e in exc.errors())) from None


def _build(data: DataFiles) -> CountLexicon:
    from .en_filters import FILTERS

    units = data.toml(UNITS_FILE, UnitsFile)
    exclusions = data.toml(EXCLUSIONS_FILE, ExclusionsFile)
    nbn = units.noun_before_number
    having = sorted((" ".join(p.lower().split()) for p in units.roles.group_having), key=len, reverse=True)
    patterns = CountPatterns(
        partitive_after=re.compile(nbn.partitive_after, re.I),
        partitive_before=re.compile(nbn.partitive_before, re.I),
        partitive_copula=re.compile(nbn.partitive_copula, re.I),
        partitive_of_number=re.compile(nbn.partitive_of_number, re.I),
        times_of=re.compile(nbn.times_of, re.I),
        bare_end=re.compile(nbn.bare_end, re.I),
        coordination=re.compile(nbn.coordination),
        group_having_end=re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in having)
                                    + r")\s+$", re.I),
    )
    ctx, freq, marks = exclusions.context, exclusions.frequency, units.marks
    return CountLexicon(
        numbers=number_lexicon(data),
        nouns=UnitLexicon(units, exclusions.units, stop_words(data).words),
        units=units,
        exclusions=exclusions,
        filters=tuple((rule_id, FILTERS[rule_id]) for rule_id in exclusions.rules.filters),
        patterns=patterns,
        context=ContextRules(
            months=frozenset(ctx.months), year_prepositions=frozenset(ctx.year_prepositions),
            year_after=frozenset(ctx.year_after), years=ctx.years, max_day=ctx.max_day,
            age_before=tuple(ctx.age_before), age_before_chars=ctx.age_before_chars, position_before=frozenset(ctx.position_before),
            words_chars=ctx.words_chars, formula_before=frozenset(ctx.formula_before),
            formula_openers=frozenset(ctx.formula_openers),
            formula_exceptions=frozenset(ctx.formula_exceptions),
            formula_max_value=ctx.formula_max_value, name_before_strip=ctx.name_before_strip,
            name_sentence_ends=ctx.name_sentence_ends, name_after_chars=ctx.name_after_chars,
            titled_after_chars=ctx.titled_after_chars,
            slogan_quotes=_by_limit(ctx.slogan_quotes)),
        frequency=FrequencyRules(
            heads=frozenset(freq.heads), periods=tuple(sorted(freq.periods, key=len, reverse=True)),
            multipliers=frozenset(freq.multipliers), after_chars=freq.after_chars),
        marks=UnitMarks(
            open_quotes=frozenset(marks.open_quotes), close_quotes=frozenset(marks.close_quotes),
            any_quote=frozenset(marks.open_quotes) | frozenset(marks.close_quotes),
            quote_chars="".join(sorted(set(marks.open_quotes) | set(marks.close_quotes))),
            joiners=frozenset(marks.joiners), possessives=frozenset(marks.possessives),
            list_separators=frozenset(marks.list_separators), clause_ends=frozenset(marks.clause_ends),
            sentence_ends=frozenset(marks.sentence_ends), around_names=marks.around_names),
        windows=units.windows,
        integral_categories=frozenset(units.counting.integral_categories),
        linked_categories=frozenset(units.counting.linked_categories),
        times_heads=frozenset(units.counting.times_heads),
        linking=_word_lists(nbn.linking),
        group_having=_word_lists(units.roles.group_having),
        group_of=frozenset(units.roles.group_of),
        group_tail=frozenset(units.roles.group_tail),
        group_determiners=frozenset(units.roles.group_determiners),
    )


def _word_lists(phrases) -> tuple[list[str], ...]:
    """Phrases as lists of lower-case words, longest first (the first that matches wins)."""
    return tuple(sorted((p.lower().split() for p in phrases), key=len, reverse=True))


def _by_limit(marks: dict[str, int]) -> tuple[tuple[int, str], ...]:
    """{mark: most characters} as (most characters, the marks that have it)."""
    limits: dict[int, str] = {}
    for mark, most in marks.items():
        limits[most] = limits.get(most, "") + mark
    return tuple(limits.items())
