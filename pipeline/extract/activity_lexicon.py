"""The activity taxonomy (configs/taxonomy.toml) compiled once per process.

English cues are written as lemmas; there is no lemmatiser in `spacy.blank("en")`, so each cue
word is expanded to its likely inflections (preach -> preaches, preached, preaching) and matched
on the token's lower-case form with spaCy's Matcher. Over-generation is harmless: a made-up form
("preachs") never occurs in text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_toml

TAXONOMY_FILE = "taxonomy.toml"

# Matcher labels that are not type ids: what a counted thing's head says about it.
NULL_HEAD = "_null_head"          # party members, communities: never an activity
CONTEXT_HEAD = "_context_head"    # activities, teams, people: the type is said elsewhere
UNIT_HEAD_PREFIX = "_unit:"       # preachers, volunteers: the head names the type
WEAK_PREFIX = "~"                 # a weak cue: several are needed before a type is reported


@dataclass(frozen=True)
class Cue:
    """A cue as it matched: its label, the token range and the kind of cue."""
    label: str
    start: int        # token index
    end: int


def taxonomy() -> dict:
    return load_toml(TAXONOMY_FILE)


@lru_cache(maxsize=1)
def type_ids() -> tuple[str, ...]:
    """Type ids in file order, most specific first (the tie-break order)."""
    return tuple(taxonomy()["types"])


@lru_cache(maxsize=1)
def type_rank() -> dict[str, int]:
    return {type_id: rank for rank, type_id in enumerate(type_ids())}


@lru_cache(maxsize=None)
def inflections(word: str) -> frozenset[str]:
    """The forms a lemma may take in text: plural/3sg, past, gerund (suffix rules + irregulars)."""
    w = word.lower()
    conf = taxonomy()["inflection"]
    if w in conf["fixed"] or not w.isalpha() or len(w) < 2:
        return frozenset({w})
    forms = {w, *conf["irregular"].get(w, ())}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms.add(w + "s")
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    elif not w.endswith("y"):
        forms |= {w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}   # stop -> stopped
    return frozenset(forms - set(conf["not_forms"]))


def _token_pattern(phrase: str) -> list[dict]:
    from ..nlp import english

    words = [t.text for t in english().make_doc(phrase)]
    return [{"LOWER": {"IN": sorted(inflections(w))}} for w in words]


def _action_patterns(action: dict, window: int) -> list[list[dict]]:
    """A verb and its object a few words apart, in either order ("set up a mobile party
    branch", "23 party branches established")."""
    gap = [{"IS_PUNCT": False, "OP": f"{{0,{window}}}"}]
    patterns = []
    for verb in action["verbs"]:
        for obj in action["objects"]:
            patterns.append(_token_pattern(verb) + gap + _token_pattern(obj))
            if action.get("either_order", True):
                patterns.append(_token_pattern(obj) + gap + _token_pattern(verb))
    return patterns


@lru_cache(maxsize=1)
def english_matcher():
    """spaCy Matcher over every English cue, labelled by type id (or by a head class)."""
    from spacy.matcher import Matcher

    from ..nlp import english

    matcher = Matcher(english().vocab)
    conf = taxonomy()
    for type_id, entry in conf["types"].items():
        strong = [_token_pattern(c) for c in (*entry.get("en_lemmas", ()),
                                              *entry.get("en_phrases", ()))]
        window = conf["decision"]["action_window"]
        for action in entry.get("en_actions", ()):
            strong += _action_patterns(action, window)
        if strong:
            matcher.add(type_id, strong)
        if entry.get("en_weak"):
            matcher.add(WEAK_PREFIX + type_id, [_token_pattern(c) for c in entry["en_weak"]])
        if entry.get("en_unit_heads"):
            matcher.add(UNIT_HEAD_PREFIX + type_id,
                        [_token_pattern(c) for c in entry["en_unit_heads"]])
    matcher.add(NULL_HEAD, [_token_pattern(c) for c in conf["units"]["en_null_heads"]])
    matcher.add(CONTEXT_HEAD, [_token_pattern(c) for c in conf["units"]["en_context_heads"]])
    return matcher


@lru_cache(maxsize=1)
def english_mask_matcher():
    """Matcher for campaign names and stock formulas whose cue words are not activities."""
    from spacy.matcher import Matcher

    from ..nlp import english

    matcher = Matcher(english().vocab)
    matcher.add("mask", [_token_pattern(m) for m in taxonomy()["decision"]["en_masks"]])
    matcher.add("plan", [_token_pattern(m) for m in taxonomy()["decision"]["en_plan_markers"]])
    return matcher


def type_of_label(label: str) -> str | None:
    """The type id a matcher label names (strong, weak or unit head), None for head classes."""
    if label.startswith(UNIT_HEAD_PREFIX):
        return label[len(UNIT_HEAD_PREFIX):]
    if label.startswith(WEAK_PREFIX):
        return label[len(WEAK_PREFIX):]
    return None if label.startswith("_") else label


def is_weak(label: str) -> bool:
    return label.startswith(WEAK_PREFIX)


def english_cues(doc_or_span) -> list[Cue]:
    """Every cue in a spaCy Doc or Span, token offsets relative to it."""
    from ..nlp import english

    strings = english().vocab.strings
    return [Cue(strings[label], start, end)
            for label, start, end in english_matcher()(doc_or_span)]


@lru_cache(maxsize=1)
def _to_traditional():
    from opencc import OpenCC

    return OpenCC("s2t").convert


def _with_traditional(words) -> list[str]:
    """Each word and its traditional form: reposts in traditional characters reach us when
    cleaning could not convert them (mixed scripts, pinyin glosses), and must still match."""
    convert = _to_traditional()
    return list(dict.fromkeys(form for w in words for form in (w, convert(w))))


@lru_cache(maxsize=1)
def chinese_keywords() -> tuple[tuple[str, str], ...]:
    """(keyword, type id) pairs, longest keyword first so a longer cue wins an overlap."""
    pairs = [(kw, type_id) for type_id, entry in taxonomy()["types"].items()
             for kw in _with_traditional(entry.get("zh", ()))]
    pairs += [(kw, WEAK_PREFIX + type_id) for type_id, entry in taxonomy()["types"].items()
              for kw in _with_traditional(entry.get("zh_weak", ()))]
    rank = type_rank()
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), rank[p[1].lstrip(WEAK_PREFIX)])))


@lru_cache(maxsize=1)
def chinese_heads() -> tuple[tuple[str, str], ...]:
    """(head word, NULL_HEAD|CONTEXT_HEAD), longest first."""
    units = taxonomy()["units"]
    pairs = [(w, NULL_HEAD) for w in _with_traditional(units["zh_null_heads"])]
    pairs += [(w, CONTEXT_HEAD) for w in _with_traditional(units["zh_context_heads"])]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def english_negations() -> frozenset[str]:
    return frozenset(taxonomy()["decision"]["en_negations"])


def weak_needed() -> int:
    """How many weak cues of one type make a report (one strong cue always does)."""
    return taxonomy()["decision"]["weak_needed"]


@lru_cache(maxsize=1)
def chinese_plan_markers() -> tuple[str, ...]:
    return tuple(_with_traditional(taxonomy()["decision"]["zh_plan_markers"]))


@lru_cache(maxsize=1)
def chinese_masks() -> tuple[str, ...]:
    return tuple(_with_traditional(taxonomy()["decision"]["zh_masks"]))
