"""The activity taxonomy (configs/taxonomy.toml): its model, and what is compiled from it once per
data folder (`load(data)`): type ranks, matcher labels, Chinese keyword indexes, the patterns of
the rules. The English lemma matching lives in lemmas_en.py.

Matcher labels say what a cue is: a type id (a strong cue), "~type" (weak), "?type" (generic),
"_unit:type" (a role noun), or a head class of counted things ("_null_head", "_context_head",
"_typed:N").
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Callable, Literal, NamedTuple

from pydantic import model_validator

from ..data import DataFiles, DataModel

TAXONOMY_FILE = "taxonomy.toml"

# Matcher labels that are not type ids: what a counted thing's head says about it.
NULL_HEAD = "_null_head"          # party members, communities: never an activity
CONTEXT_HEAD = "_context_head"    # activities, teams, people: the type is said elsewhere
UNIT_HEAD_PREFIX = "_unit:"       # preachers, volunteers: the head names the type
WEAK_PREFIX = "~"                 # a weak cue: several are needed before a type is reported
GENERIC_PREFIX = "?"              # a generic cue ("series of activities"): only if nothing better
TYPED_HEAD_PREFIX = "_typed:"     # entries, episodes: typed by the sentence, among a few types
ACTION_VERB = "_verb:"            # verb / object halves of an action cue, paired in cues_en
ACTION_OBJECT = "_object:"


class Cue(NamedTuple):
    """A cue as it matched: its label and the token range."""
    label: str
    start: int        # token index
    end: int


Hit = tuple[str, int, int]          # (label, start char, end char); label "~type" if weak


# ---------------------------------------------------------------------------- the data file

class Action(DataModel):
    verbs: list[str]
    objects: list[str]


class TypeEntry(DataModel):
    description: str
    en_lemmas: list[str] = []
    en_phrases: list[str] = []
    en_weak: list[str] = []
    en_actions: list[Action] = []
    en_unit_heads: list[str] = []
    en_generic: list[str] = []
    zh: list[str]
    zh_weak: list[str] = []
    zh_unit_heads: list[str] = []
    zh_generic: list[str] = []


class TypedHead(DataModel):
    heads: list[str]
    types: list[str]
    fallback: Literal["none", "context"] = "context"
    strong_only: bool = False


class PerLanguage(DataModel):
    en: int
    zh: int


class Units(DataModel):
    en_null_heads: list[str]
    en_context_heads: list[str]
    en_occasion_heads: list[str]
    zh_null_heads: list[str]
    zh_context_heads: list[str]
    context_penalty: dict[str, PerLanguage] = {}
    weak_penalty: PerLanguage
    weak_penalty_outside_clause: PerLanguage
    en_typed_heads: list[TypedHead] = []
    en_complement_openers: list[str]
    en_complement_end: str


class Decision(DataModel):
    weak_needed: int
    en_plan_markers: list[str]
    en_plan_scope_ends: list[str]
    en_negations: list[str]
    en_negation_window: int
    en_masks: list[str]
    en_quote_limits: dict[str, int]
    en_passing: dict[str, list[str]] = {}
    en_name_types: list[str] = []
    en_venue_words: list[str]
    en_title_line_share: float
    en_commemorations: list[str]
    en_commemoration_words: int
    action_window: int
    action_gap_after_object: list[str]
    en_hyphens: list[str]
    en_list_joiners: list[str]
    en_list_max_gap: int
    zh_plan_markers: list[str]
    zh_clause_ends: str
    zh_plan_exceptions: list[str] = []
    zh_masks: list[str]
    zh_quote_limits: dict[str, int]
    zh_disposal_verbs: list[str]
    zh_disposal_not_after: list[str]
    zh_hold_verbs: list[str]
    zh_hold_window: int
    zh_hold_count: str
    named_activity_type: str
    zh_named_activity: list[str]


class Inflection(DataModel):
    fixed: list[str]
    not_forms: list[str]
    irregular: dict[str, list[str]]


class Rules(DataModel):
    """Rejecting predicates by rule id, run in the order listed (filters_en.py, cues_zh.py)."""
    en_reported: list[str]
    en_naming: list[str]
    zh_keywords: list[str]
    zh_reported: list[str]

    @model_validator(mode="after")
    def _known(self) -> "Rules":
        _import_filters()
        for key, language, stage in (("en_reported", "en", "reported"), ("en_naming", "en", "naming"),
                                     ("zh_keywords", "zh", "keywords"), ("zh_reported", "zh", "reported")):
            for rule_id in getattr(self, key):
                known = FILTERS.get(rule_id)
                if known is None or known.language != language or stage not in known.stages:
                    usable = sorted(i for i, f in FILTERS.items()
                                    if f.language == language and stage in f.stages)
                    raise ValueError(f"rules.{key}: {rule_id!r} is no filter of this list "
                                     f"(one of {', '.join(usable)})")
        return self


class Taxonomy(DataModel):
    types: dict[str, TypeEntry]
    units: Units
    decision: Decision
    rules: Rules
    inflection: Inflection

    @model_validator(mode="after")
    def _types_known(self) -> "Taxonomy":
        named = [("units.context_penalty", t) for t in self.units.context_penalty]
        named += [("units.en_typed_heads.types", t) for h in self.units.en_typed_heads for t in h.types]
        named += [("decision.en_passing", t) for t in self.decision.en_passing]
        named += [("decision.en_name_types", t) for t in self.decision.en_name_types]
        named += [("decision.named_activity_type", self.decision.named_activity_type)]
        for key, type_id in named:
            if type_id not in self.types:
                raise ValueError(f"{key}: {type_id!r} is no type of [types]")
        return self


# ---------------------------------------------------------------------------- rejecting predicates

class Filter(NamedTuple):
    language: str
    stages: tuple[str, ...]      # the lists of [rules] it may stand in
    drop: Callable               # (scan, cues) -> one flag per cue, or None when it cannot fire


FILTERS: dict[str, Filter] = {}


def _import_filters() -> None:
    from . import cues_zh, filters_en   # noqa: F401  (they register their filters)


# ---------------------------------------------------------------------------- compiled once

def load(data: DataFiles) -> "Lexicon":
    return data.build(Lexicon)


def taxonomy(data: DataFiles) -> Taxonomy:
    return data.toml(TAXONOMY_FILE, Taxonomy)


def type_of_label(label: str) -> str | None:
    """The type id a matcher label names (strong, weak, generic or role noun), None for head
    classes."""
    if label.startswith(UNIT_HEAD_PREFIX):
        return label[len(UNIT_HEAD_PREFIX):]
    if label.startswith(WEAK_PREFIX):
        return label[len(WEAK_PREFIX):]
    if label.startswith(GENERIC_PREFIX):
        return label[len(GENERIC_PREFIX):]
    return None if label.startswith("_") else label


def is_weak(label: str) -> bool:
    return label.startswith(WEAK_PREFIX)


def is_generic(label: str) -> bool:
    return label.startswith(GENERIC_PREFIX)


class Lexicon:
    """What the rules read of the taxonomy, compiled on first use."""

    def __init__(self, data: DataFiles):
        self.data = data
        self.taxonomy = taxonomy(data)
        self.types = self.taxonomy.types
        self.units = self.taxonomy.units
        self.decision = self.taxonomy.decision
        self.rules = self.taxonomy.rules
        self.type_ids: tuple[str, ...] = tuple(self.types)     # most specific first: tie-breaks
        self.type_rank = {type_id: rank for rank, type_id in enumerate(self.type_ids)}
        self.cue_rules: dict[str, tuple] = {}                  # cues_en: label -> what rules need
        self.match_kinds: dict[int, tuple[int, str]] = {}      # cues_en: matcher label id -> kind
        self.unit_plans: dict[str, tuple] = {}                 # units: English unit -> its plan
        self.unit_decisions: dict[str, tuple] = {}             # units: Chinese unit -> decision

    def __repr__(self) -> str:
        return f"Lexicon({self.data!r})"

    def typed_head(self, label: str) -> TypedHead | None:
        """The [[units.en_typed_heads]] table a matcher label stands for, if it is one."""
        if not label.startswith(TYPED_HEAD_PREFIX):
            return None
        return self.units.en_typed_heads[int(label[len(TYPED_HEAD_PREFIX):])]

    # ------------------------------------------------------------------ English

    @cached_property
    def english(self):
        """The English matchers and lemma table (lemmas_en.EnglishMatching)."""
        from .lemmas_en import EnglishMatching

        return EnglishMatching(self)

    @cached_property
    def en_name_types(self) -> frozenset[str]:
        return frozenset(self.decision.en_name_types)

    @cached_property
    def en_venue_words(self) -> frozenset[str]:
        return frozenset(self.decision.en_venue_words)

    @cached_property
    def en_list_joiners(self) -> frozenset[str]:
        return frozenset(self.decision.en_list_joiners)

    @cached_property
    def en_commemorations(self) -> tuple[str, ...]:
        return tuple(self.decision.en_commemorations)

    @cached_property
    def occasion_heads(self) -> frozenset[str]:
        return frozenset(self.units.en_occasion_heads)

    @cached_property
    def complement_end(self) -> re.Pattern:
        return re.compile(self.units.en_complement_end, re.I)

    # ------------------------------------------------------------------ Chinese

    @cached_property
    def chinese(self):
        """The Chinese keyword indexes and patterns (keywords_zh.ChineseKeywords)."""
        from .keywords_zh import ChineseKeywords

        return ChineseKeywords(self)
