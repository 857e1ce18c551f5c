"""One key for the counted thing: `unit_key(count, evidence)` -> "volunteer", "person_time", ...

The vocabulary and the rules are data (configs/unit_keys.toml, documented in docs/outputs.md).
English: the head noun of the unit (its last noun, singular), longest listed phrase first;
"X of Y" counts X unless X is a collective that lets Y decide; coordinated nouns of one group
take the group's generic key. Chinese: the longest listed ending of the counted noun and the
measure word after the number; the measure word decides when its group differs from the noun's.
Nothing listed: the count's category decides (people -> person), else the fallback key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import model_validator

from .counts.en_lexicon import count_lexicon
from .data import DataFiles, DataModel

VOCABULARY_FILE = "unit_keys.toml"
KEY_ID = re.compile(r"[a-z][a-z0-9_]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")"})
_BRACKETED = re.compile(r"\([^()]*\)")
_QUOTES = re.compile(r"[\"“”‘’'「」『』《》]")
_EN_BREAKS = re.compile(r"[,、/&;]")
_CONJUNCTIONS = frozenset({",", "and", "or"})
_ARTICLES = frozenset({"the", "a", "an"})


# --------------------------------------------------------------------- the data, validated

class Group(DataModel):
    meaning: str
    generic: Optional[str] = None              # the key of coordinated nouns of this group
    report_total: Optional[Literal["people", "events", "person_times"]] = None   # `bulletins report`


class Key(DataModel):
    meaning: str
    group: str
    en: list[str] = []
    zh: list[str] = []
    zh_measures: list[str] = []


class Precedence(DataModel):
    en_of_transparent: list[str] = []
    zh_measures_over_noun: list[str] = []
    zh_noun_groups_over_measure: list[str] = []
    zh_strip_suffixes: list[str] = []
    en_by_category: dict[str, dict[str, str]] = {}


class Vocabulary(DataModel):
    fallback: str
    category_defaults: dict[Literal["activity", "people", "organization", "place", "item",
                                    "money", "other"], str] = {}
    precedence: Precedence = Precedence()
    groups: dict[str, Group]
    keys: dict[str, Key]

    @model_validator(mode="after")
    def _consistent(self) -> "Vocabulary":
        problems = [f"key id {k!r} is not lower_snake_case" for k in self.keys if not KEY_ID.fullmatch(k)]
        named = {"fallback": [self.fallback], "category_defaults": self.category_defaults.values(),
                 "groups.*.generic": [g.generic for g in self.groups.values() if g.generic],
                 "precedence.en_by_category": [k for m in self.precedence.en_by_category.values()
                                               for k in m.values()]}
        for where, keys in named.items():
            problems += [f"{where} names {k!r}, which is no [keys] entry" for k in keys if k not in self.keys]
        problems += [f"keys.{k}.group {v.group!r} is no [groups] entry"
                     for k, v in self.keys.items() if v.group not in self.groups]
        problems += [f"precedence.zh_noun_groups_over_measure names {g!r}, which is no [groups] entry"
                     for g in self.precedence.zh_noun_groups_over_measure if g not in self.groups]
        for field, norm in (("en", _en_entry), ("zh", _zh), ("zh_measures", _zh)):
            seen: dict[str, str] = {}
            for k, v in self.keys.items():
                for word in getattr(v, field):
                    w = norm(word)
                    if w in seen and seen[w] != k:
                        problems.append(f"{field} word {word!r} is listed under both {seen[w]!r} and {k!r}")
                    seen[w] = k
        if problems:
            raise ValueError("; ".join(problems))
        return self


def vocabulary(data: DataFiles | None = None) -> Vocabulary:
    """configs/unit_keys.toml (or the same file of `data`), validated, loaded once per folder."""
    return (data or DataFiles.at()).toml(VOCABULARY_FILE, Vocabulary)


# ------------------------------------------------------------------- plain lookup tables

def _en_words(text: str) -> list[str]:
    """Lower-case words of an English unit, hyphens split, each made singular."""
    text = _QUOTES.sub(" ", _BRACKETED.sub(" ", text.translate(_FULL_WIDTH).lower()))
    text = _EN_BREAKS.sub(" , ", text.replace("-", " "))
    lemma = count_lexicon(DataFiles.at()).nouns.lemma     # the count extractor's singulars
    return [w if w == "," else lemma(w) for w in text.split()]


def _en_entry(phrase: str) -> str:
    return " ".join(_en_words(phrase))


def _zh(text: str) -> str:
    return _QUOTES.sub("", text.translate(_FULL_WIDTH)).strip()


@dataclass(frozen=True)
class _Tables:
    fallback: str
    en: dict              # singular phrase -> key
    en_longest: int       # words in the longest phrase
    en_by_category: dict  # singular head -> {category: key}
    of_transparent: frozenset
    zh: dict              # noun ending -> key
    zh_longest: int
    measures: dict        # measure word -> key
    measures_longest_first: tuple
    over_noun: frozenset
    noun_groups_over_measure: frozenset
    strip_suffixes: tuple
    group: dict           # key -> group id
    generic: dict         # group id -> generic key or None
    category_defaults: dict


def _tables(data: DataFiles | None = None) -> _Tables:
    return (data or DataFiles.at()).build(_build_tables)


def _build_tables(data: DataFiles) -> _Tables:
    v = vocabulary(data)
    en = {_en_entry(w): k for k, entry in v.keys.items() for w in entry.en}
    zh = {_zh(w): k for k, entry in v.keys.items() for w in entry.zh}
    measures = {_zh(w): k for k, entry in v.keys.items() for w in entry.zh_measures}
    p = v.precedence
    return _Tables(
        fallback=v.fallback, en=en, en_longest=max((len(w.split()) for w in en), default=1),
        en_by_category={_en_entry(h): dict(m) for h, m in p.en_by_category.items()},
        of_transparent=frozenset(_en_entry(w) for w in p.en_of_transparent),
        zh=zh, zh_longest=max(map(len, zh), default=1), measures=measures,
        measures_longest_first=tuple(sorted(measures, key=len, reverse=True)),
        over_noun=frozenset(_zh(w) for w in p.zh_measures_over_noun),
        noun_groups_over_measure=frozenset(p.zh_noun_groups_over_measure),
        strip_suffixes=tuple(sorted(p.zh_strip_suffixes, key=len, reverse=True)),
        group={k: entry.group for k, entry in v.keys.items()},
        generic={g: entry.generic for g, entry in v.groups.items()},
        category_defaults=dict(v.category_defaults))


# ----------------------------------------------------------------------------- English

def _en_phrase_key(words: list[str], category: str, t: _Tables) -> str | None:
    """The key of the longest listed phrase ending the words (the head noun and its modifiers)."""
    for n in range(min(t.en_longest, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if n == 1 and phrase in t.en_by_category:
            return t.en_by_category[phrase].get(category)
        if phrase in t.en:
            return t.en[phrase]
    return None


def _en_conjunct_key(words: list[str], category: str, t: _Tables) -> str | None:
    """"X of Y": X is counted unless X is a collective that lets Y decide (or names nothing)."""
    if "of" in words[1:-1]:
        i = words.index("of", 1)
        head, rest = words[:i], [w for w in words[i + 1:] if w not in _ARTICLES]
        if " ".join(head) not in t.of_transparent and head[-1] not in t.of_transparent:
            key = _en_phrase_key(head, category, t)
            if key:
                return key
        return _en_conjunct_key(rest, category, t) if rest else None
    return _en_phrase_key(words, category, t)


def _en_key(unit: str, category: str, t: _Tables) -> str | None:
    keys, conjunct = [], []
    for word in _en_words(unit) + [","]:
        if word in _CONJUNCTIONS:
            key = _en_conjunct_key(conjunct, category, t) if conjunct else None
            if key:
                keys.append(key)
            conjunct = []
        else:
            conjunct.append(word)
    if len(set(keys)) <= 1:
        return keys[0] if keys else None
    # "volunteers and party members": people of different keys are people
    groups = {t.group[k] for k in keys}
    if len(groups) == 1:
        return t.generic.get(groups.pop()) or keys[-1]
    return keys[-1]


# ----------------------------------------------------------------------------- Chinese

def _zh_noun_key(noun: str, t: _Tables) -> str | None:
    noun = _BRACKETED.sub("", noun)
    for candidate in (noun, *(noun[:-len(s)] for s in t.strip_suffixes if noun.endswith(s))):
        for size in range(min(t.zh_longest, len(candidate)), 0, -1):
            key = t.zh.get(candidate[-size:])
            if key:
                return key
    return None


def _zh_measure(unit: str, evidence: str, t: _Tables) -> str | None:
    """The measure word after the number: what the evidence holds besides the noun."""
    rest = evidence.replace(unit, "", 1) if unit and unit in evidence else evidence
    for measure in t.measures_longest_first:
        if measure in rest:
            return measure
    return unit if unit in t.measures else None


def _zh_key(unit: str, evidence: str, t: _Tables) -> str | None:
    unit, evidence = _zh(unit), _zh(evidence)
    measure = _zh_measure(unit, evidence, t)
    noun_key = _zh_noun_key(unit, t) if unit and unit != measure else None
    measure_key = t.measures.get(measure) if measure else None
    if noun_key and measure_key:
        if t.group[noun_key] in t.noun_groups_over_measure:
            return noun_key
        if measure in t.over_noun or t.group[noun_key] != t.group[measure_key]:
            return measure_key
        return noun_key
    return noun_key or measure_key


# --------------------------------------------------------------------------------- API

def unit_key(count: dict, evidence: str | None = None, data: DataFiles | None = None) -> str:
    """The vocabulary key of one count dict (unit, unit_normalized, category; the evidence,
    `text[span]`, gives a Chinese count's measure word). Pure; never raises on odd input."""
    return explain(count, evidence, data)[0]


def explain(count: dict, evidence: str | None = None, data: DataFiles | None = None) -> tuple[str, str]:
    """(key, how it was chosen): "words" (a listed word or measure word), "category" (the
    category's default) or "fallback"."""
    t = _tables(data)
    unit = str(count.get("unit_normalized") or count.get("unit") or "")
    category = count.get("category") if isinstance(count.get("category"), str) else "other"
    evidence = str(count.get("evidence") or "") if evidence is None else evidence
    # the script says which rules apply: a Chinese record's units are Chinese
    if _CJK.search(unit) or (not unit and _CJK.search(evidence)):
        key = _zh_key(str(count.get("unit") or ""), evidence, t)
    else:
        key = _en_key(unit, category, t)
    if key:
        return key, "words"
    if category in t.category_defaults:
        return t.category_defaults[category], "category"
    return t.fallback, "fallback"


def with_unit_keys(counts: list[dict], text: str, data: DataFiles | None = None) -> list[dict]:
    """The counts with `unit_key` placed after `category` (the record's field order)."""
    out = []
    for c in counts:
        key = unit_key(c, text[c["span"][0]:c["span"][1]], data)
        keyed = {}
        for name, value in c.items():
            keyed[name] = value
            if name == "category":
                keyed["unit_key"] = key
        keyed.setdefault("unit_key", key)
        out.append(keyed)
    return out


def key_of(count: dict) -> str:
    """A count's key as written, or computed for a record from before `unit_key` existed."""
    return count.get("unit_key") or unit_key(count)


def report_totals() -> dict[str, str]:
    """key -> "people", "events" or "person_times": the keys `bulletins report` adds up in its
    per-activity totals (no other key is ever added to them: not money, views or reads)."""
    v = vocabulary()
    return {k: v.groups[e.group].report_total for k, e in v.keys.items()
            if v.groups[e.group].report_total}
