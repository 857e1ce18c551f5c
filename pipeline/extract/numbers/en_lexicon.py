"""The English number lexicon: configs/counts_en/numbers.toml and qualifiers.toml, their models,
and the matchers built from them once per data folder (`number_lexicon(data)`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pydantic import field_validator

from ...models import Qualifier
from ..data import DataFiles, DataModel

NUMBERS_FILE = "counts_en/numbers.toml"
QUALIFIERS_FILE = "counts_en/qualifiers.toml"


# ------------------------------------------------------------------------------- data files

class VagueWords(DataModel):
    words: tuple[str, ...]


class NumberReading(DataModel):
    max_number_chars: int    # a longer number in digits is a code or garbage, never a count
    phrase_chars: int        # how far after its start a number phrase is read


class NumbersFile(DataModel):
    """configs/counts_en/numbers.toml"""
    words: dict[str, int]
    needs_magnitude: dict[str, int]
    magnitudes: dict[str, int]
    compound_magnitudes: dict[str, int]
    plural_magnitudes: dict[str, int]
    vague_before_magnitude: VagueWords
    fractions_after_and: dict[str, float]
    reading: NumberReading


class NotBefore(DataModel):
    phrases: tuple[str, ...]


class Range(DataModel):
    connectors: tuple[str, ...]
    joined: tuple[str, ...]
    opener_connectors: tuple[str, ...]
    openers: tuple[str, ...]
    opener_chars: int
    not_after_plural: tuple[str, ...]


class QualifierReading(DataModel):
    before_chars: int
    fillers: tuple[str, ...]
    absorbed_after: tuple[str, ...]


class QualifiersFile(DataModel):
    """configs/counts_en/qualifiers.toml"""
    before: dict[Qualifier, tuple[str, ...]]
    not_before: NotBefore
    after: dict[Qualifier, tuple[str, ...]]
    range: Range
    reading: QualifierReading

    @field_validator("before", "after")
    @classmethod
    def _not_exact(cls, table: dict) -> dict:
        if "exact" in table:
            raise ValueError("'exact' is what a number without a qualifier is: list no phrases for it")
        return table


# ------------------------------------------------------------------------- built matchers

@dataclass(frozen=True)
class NumberLexicon:
    words: dict
    needs_magnitude: dict
    magnitudes: dict
    magnitudes_desc: tuple            # the magnitudes' values, largest first (Decimal)
    compound_magnitudes: dict
    plural_magnitudes: dict
    vague: tuple
    fractions: tuple                  # ((word, ...), Decimal): "and a half"
    max_number_chars: int
    phrase_chars: int
    candidate: re.Pattern             # where a number phrase may start
    before_qualifiers: re.Pattern
    before_names: dict
    before_chars: int
    not_before: frozenset
    not_before_words: int             # words before a qualifier that `not_before` may name
    after_qualifiers: re.Pattern
    after_names: dict
    absorbed_after: frozenset
    range_connectors: frozenset
    joined_connectors: frozenset
    opener_connectors: frozenset
    openers: re.Pattern
    opener_chars: int
    not_after_plural: frozenset


def number_lexicon(data: DataFiles) -> NumberLexicon:
    return data.build(_build)


def _build(data: DataFiles) -> NumberLexicon:
    numbers = data.toml(NUMBERS_FILE, NumbersFile)
    quals = data.toml(QUALIFIERS_FILE, QualifiersFile)
    words, plural, mags = numbers.words, numbers.plural_magnitudes, numbers.magnitudes
    needs, vague = numbers.needs_magnitude, numbers.vague_before_magnitude.words

    before_names = {p.lower(): q for q, ps in quals.before.items() for p in ps}
    after_names = {p.lower(): q for q, ps in quals.after.items() for p in ps}
    fillers = "|".join(re.escape(w) for w in quals.reading.fillers)
    # Before: the phrase ends the window, a filler word may sit between it and the number.
    before = re.compile(r"(?<![\w-])(" + _phrase_alternation(before_names) + r")\s+(?:(?:"
                        + fillers + r")\s+)?$", re.I)
    after_alt = "|".join(
        (re.escape(p) if not p[0].isalpha() else r"\s+" + r"\s+".join(map(re.escape, p.split())) + r"(?![\w])")
        for p in sorted(after_names, key=len, reverse=True))
    after = re.compile(r"(?:" + after_alt + r")", re.I)
    openers = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in quals.range.openers) + r")\s+$", re.I)

    word_alt = _phrase_alternation(list(words) + list(plural))
    mag_alt = _phrase_alternation(mags)
    lead_alt = _phrase_alternation(list(needs) + list(vague))
    initials = "".join(sorted({w[0].lower() for w in list(words) + list(plural) + list(mags)
                                + list(needs) + list(vague)}))
    # digits not glued to a word, a decimal point, a separator, a hyphen or a slash; or a word
    # that starts a number ("a hundred", "several thousand", "twenty-three", "thousands")
    candidate = re.compile(
        r"(?<![\w.,\-/])[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?(?![0-9０-９])"
        r"|(?<![\w\-])(?=[" + initials + r"])(?:"
        r"(?:" + lead_alt + r")\s+(?:" + mag_alt + r")(?![\w])"
        r"|(?:" + word_alt + r"|" + mag_alt + r")(?:-(?:" + word_alt + r"))?(?![\w\-])"
        r")",
        re.I)
    not_before = frozenset(p.lower() for p in quals.not_before.phrases)
    return NumberLexicon(
        words=dict(words), needs_magnitude=dict(needs), magnitudes=dict(mags),
        magnitudes_desc=tuple(sorted(map(Decimal, mags.values()), reverse=True)),
        compound_magnitudes=dict(numbers.compound_magnitudes), plural_magnitudes=dict(plural),
        vague=tuple(vague),
        fractions=tuple((tuple(k.lower().split()), Decimal(str(v)))
                        for k, v in numbers.fractions_after_and.items()),
        max_number_chars=numbers.reading.max_number_chars, phrase_chars=numbers.reading.phrase_chars,
        candidate=candidate,
        before_qualifiers=before, before_names=before_names,
        before_chars=quals.reading.before_chars, not_before=not_before,
        not_before_words=max((len(p.split()) - 1 for p in not_before), default=0),
        after_qualifiers=after, after_names=after_names,
        absorbed_after=frozenset(w.lower() for w in quals.reading.absorbed_after),
        range_connectors=frozenset(quals.range.connectors),
        joined_connectors=frozenset(quals.range.joined),
        opener_connectors=frozenset(quals.range.opener_connectors),
        openers=openers, opener_chars=quals.range.opener_chars,
        not_after_plural=frozenset(quals.range.not_after_plural),
    )


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
