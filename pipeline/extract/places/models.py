"""The models of the data files the place extractor reads: configs/places.toml (which
rejecting predicates each step runs) and, in configs/gazetteer, lexicon.toml and the
hand-kept and built TSV files (the gazetteer's own files have theirs in pipeline/gazetteer.py).
Each is `extra="forbid"`: a misspelt or unknown key is an error naming the file and the key.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, model_validator

from ..data import DataModel
from .rules import PREDICATES, STEPS

LocalLevel = Literal["township", "community"]
SiteLevel = Literal["institution", "other", "township"]


# ---------------------------------------------------------------------------------------
# file models
# ---------------------------------------------------------------------------------------
def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


Pattern = Annotated[str, AfterValidator(_compiles)]     # a regular expression that compiles


class EnSites(DataModel):
    max_words: int
    gap_spaces: str
    number_word: str
    number_gap: Pattern
    ordinal_endings: list[str]
    ordinal_gap: Pattern
    continues_within: int
    of_level_words: list[str]
    stop: list[str]
    regions: list[str]
    joiners: list[str]
    of_heads: list[str]
    connectors: list[str]
    connector_hosts: list[str]
    generic: list[str]
    not_admin_after: list[str]


class EnWindows(DataModel):
    lead_words: int
    unit_name_words: int
    translated_unit_words: int
    translated_combinations: int
    local_name_words: int
    community_head_words: int
    ethnic_words: int
    later_run_words: int
    later_min_letters: int
    town_min_letters: int


class EnWords(DataModel):
    of: str
    ethnic_joiner: str
    autonomous: str


class EnTowns(DataModel):
    fuzzy_min_letters: int
    fuzzy_long_letters: int
    street_words: list[str]
    street_pinyin: str
    translated_combinations: int


class EnglishNames(DataModel):
    quote_marks: str
    quote_max_chars: int


class EnLexicon(DataModel):
    joining_spaces: str
    token: Pattern
    translated_unit_suffixes: list[str]
    windows: EnWindows
    words: EnWords
    english_names: EnglishNames
    towns: EnTowns
    admin_suffixes: dict[str, list[str]]
    subcounty_suffixes: dict[str, tuple[LocalLevel, str]]
    site_suffixes: dict[str, SiteLevel]
    sites: EnSites
    name_word_pinyin: dict[str, str]
    town_suffix_words: list[str]
    stop_words: list[str]
    generic_words: list[str]
    ethnic_groups: list[str]
    bare_stop: list[str]
    person_roles: list[str]
    person_role_gap: str
    surnames: list[str]


class ZhEnglish(DataModel):
    ordinal_mark: str
    digits: str
    ordinal_words: list[str]
    numbered_suffixes: list[str]
    number: str
    head_first_suffixes: list[str]
    head_first: str


class ZhWords(DataModel):
    clause_chars: Pattern
    clause_window: int
    name_tags: list[str]
    name_max_frequency: int
    verb_tags: list[str]
    verb_min_chars: int


class ZhLexicon(DataModel):
    name_chars: Pattern
    min_stem: int
    after_window: int
    next_name_lengths: list[int]
    generic_unit_not_after: str
    level_chars: str
    road_char: str
    possessive: str
    list_end: str
    list_max_items: int
    english: ZhEnglish
    words: ZhWords
    subcounty_suffixes: dict[str, LocalLevel]
    site_suffixes: dict[str, SiteLevel]
    site_max_stem: int
    site_own_name_after: str
    site_inner_heads: str
    site_generic_stems: list[str]
    max_stem: int
    boundary_words: list[str]
    conjunctions: str
    list_marks: str
    generic_stems: list[str]
    short_stop: list[str]
    bad_following: list[str]
    road_after_short: Pattern
    suffix_not_followed_by: dict[str, str]
    generic_units: list[str]
    not_admin_after_short: str
    site_words: dict[str, str]
    site_heads: dict[str, str]


class EnPinyin(DataModel):
    word: Pattern
    strict_word: Pattern


class Titles(DataModel):
    max_chars: int


class Resolve(DataModel):
    parent_in_document: int
    child_in_document: int
    sibling_in_document: int
    same_province: int
    rounds: int
    bare_min_score: int
    bare_min_mentions: int
    min_short_chars: int
    generic_min_score: int


class LexiconFile(DataModel):
    """lexicon.toml: the hand-kept word lists of place recognition."""
    en: EnLexicon
    zh: ZhLexicon
    en_pinyin: EnPinyin
    titles: Titles
    resolve: Resolve


class RenderingRow(DataModel):
    """mt_renderings.tsv: how MT renders a name's characters, and when to trust it."""
    english: str
    stem: str
    trust: Literal["any", "suffix", "context"]


class WordCharsRow(DataModel):
    """en_zh_words.tsv: an English word MT uses for name characters, and those characters."""
    word: str
    chars: str


class NamedRow(DataModel):
    """institutions.tsv, countries.tsv: a Chinese name, its English name, other English names."""
    name_zh: str
    name_en: str
    alt_en: str = ""


class PinyinRow(DataModel):
    """pinyin_chars.tsv (built): one reading per character."""
    char: str
    pinyin: str


class RuleLists(DataModel):
    """places.toml [rules]: the rejecting predicates of each step, in the order they run."""
    en_renderings: list[str]
    en_translated: list[str]
    en_bare: list[str]
    en_local: list[str]
    en_site: list[str]
    en_country: list[str]
    en_later: list[str]
    zh_match: list[str]
    zh_admin: list[str]
    zh_suffix_word: list[str]
    zh_suffix: list[str]
    zh_list: list[str]

    @model_validator(mode="after")
    def _known_predicates(self) -> "RuleLists":
        for step in STEPS:
            known = PREDICATES[step]
            for rule_id in getattr(self, step):
                if rule_id not in known:
                    raise ValueError(f"{step}: {rule_id!r} is not a predicate of this step "
                                     f"(its predicates: {', '.join(sorted(known))})")
            if len(set(getattr(self, step))) != len(getattr(self, step)):
                raise ValueError(f"{step}: a predicate is listed twice")
        return self


class PlacesFile(DataModel):
    """configs/places.toml: which rejecting predicates the place extractor runs."""
    rules: RuleLists
