"""Activity types: which types of configs/taxonomy.toml a bulletin reports as carried out, and
which type a counted thing belongs to. How the decision is made: docs/activities.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import activity_lexicon as lex
from .activity_rules import english_reported_cues, chinese_reported_cues, chinese_keyword_hits


def find_activities(text: str, language: str, spacy_doc=None) -> list[dict]:
    """`[{"type", "mentions": [[start, end], ...]}]`, each type once, in taxonomy order.

    `spacy_doc` is the shared English tokenisation (`Document.spacy_doc`); made here if absent.
    """
    if language == "zh":
        hits = chinese_reported_cues(text)
    else:
        if spacy_doc is None:
            from ..nlp import english
            spacy_doc = english()(text)
        hits = english_reported_cues(spacy_doc, text=text)
    by_type: dict[str, set[tuple[int, int]]] = {}
    strong: set[str] = set()
    for label, start, end in _drop_explained_generics(text, hits):
        type_id = lex.type_of_label(label)
        by_type.setdefault(type_id, set()).add((start, end))
        if not lex.is_weak(label):
            strong.add(type_id)
    # One strong cue reports a type; weak cues only when there are several of them.
    reported = {t: spans for t, spans in by_type.items()
                if t in strong or len(spans) >= lex.weak_needed()}
    rank = lex.type_rank()
    return [{"type": t, "mentions": [list(m) for m in sorted(spans)]}
            for t, spans in sorted(reported.items(), key=lambda kv: rank[kv[0]])]


_SENTENCE = re.compile(r"[^.!?;。！？；\n]+")


def _drop_explained_generics(text: str, hits):
    """Generic cues ("series of activities", 系列活动, a quoted name + 活动) count as strong cues
    of their type, but only in a sentence where no strong cue of another type says what the
    activity was."""
    if not any(lex.is_generic(h[0]) for h in hits):
        return hits
    spans = [m.span() for m in _SENTENCE.finditer(text)]

    def sentence_of(pos):
        return next((i for i, (s, e) in enumerate(spans) if s <= pos < e), -1)

    explained = {sentence_of(s) for label, s, _ in hits
                 if not lex.is_weak(label) and not lex.is_generic(label)
                 and lex.type_of_label(label) != lex.taxonomy()["decision"]["named_activity_type"]}
    return [(lex.type_of_label(label) if lex.is_generic(label) else label, s, e)
            for label, s, e in hits
            if not lex.is_generic(label) or sentence_of(s) not in explained]


def activity_for_unit(unit: str, context: str, language: str) -> str | None:
    """The taxonomy type of a counted thing, or None.

    `unit` is the counted thing as written ("preaching activities", "志愿服务队"); `context` is
    its sentence, consulted only when the unit is a bare activity, group or person noun ("a team
    of 150 people", "188 games") and the sentence says what was done.
    """
    return _activity_for_unit(unit or "", context or "", language)


@lru_cache(maxsize=8192)
def _activity_for_unit(unit: str, context: str, language: str) -> str | None:
    if language == "zh":
        return _chinese_unit_type(unit.strip(), context)
    return _english_unit_type(unit.strip(), context)


_type_of_label = lex.type_of_label


# On a tie in length, what a head cue says is decided in this order.
_HEAD_ORDER = {lex.NULL_HEAD: 0, lex.CONTEXT_HEAD: 2}


def _english_unit_type(unit: str, context: str) -> str | None:
    decided = _english_of_parts_type(unit)
    if decided:
        return decided
    for step in _english_unit_plan(unit):
        if step[0] == _RETURN:
            return step[1]
        _, allowed, strong_only, final = step
        found = _english_context_type(unit, context, allowed=allowed, strong_only=strong_only)
        if found or final:
            return found
    return None


@lru_cache(maxsize=4096)
def _english_of_parts_type(unit: str) -> str | None:
    """"X of Y" units: the type the outer noun phrase names by its own words ("12 service teams
    of party members"), else the one the complement names ("6 sessions of legal lectures",
    "5 teams of volunteers"); None when neither decides alone (the whole unit is then read as
    usual: typed heads, null heads, the sentence)."""
    if " of " not in unit:
        return None
    outer, inner = unit.split(" of ", 1)
    for part in (outer, inner):
        plan = _english_unit_plan(part.strip())
        if len(plan) == 1 and plan[0][0] == _RETURN and plan[0][1]:
            return plan[0][1]
    return None


# Steps of an English unit's plan: (_RETURN, type or None), or (_CONTEXT, allowed, strong_only,
# final): the type the context names (see _english_context_type), returned if found or `final`.
_RETURN, _CONTEXT = 0, 1


@lru_cache(maxsize=4096)
def _english_unit_plan(unit: str) -> tuple:
    """What the unit alone decides (it is tokenised once, however many sentences it is counted
    in), as steps for _english_unit_type."""
    from ..nlp import english

    doc = english().make_doc(unit)
    words = [t.i for t in doc if t.is_alpha]
    if not words:
        return ((_CONTEXT, None, False, True),)
    steps = []
    head_end = words[-1] + 1
    cues = lex.english_cues(doc)
    # "30 issues of audio lectures": the outer noun may be the one typed by the sentence.
    of = next((t.i for t in doc if t.lower_ == "of"), None)
    for end in ([of] if of else []) + [head_end]:
        typed = [c for c in cues if c.end == end and lex.typed_head(c.label)]
        longer = [c for c in cues if c.end == end and not lex.typed_head(c.label)
                  and lex.type_of_label(c.label)
                  and c.end - c.start > max((t.end - t.start for t in typed), default=0)]
        if typed and not longer:
            table = lex.typed_head(max(typed, key=lambda c: c.end - c.start).label)
            final = end == head_end and table.get("fallback") == "none"
            steps.append((_CONTEXT, frozenset(table["types"]), table.get("strong_only", False),
                          final))
            if final:
                return tuple(steps)
    head_cues = [c for c in cues if c.end == head_end and not lex.typed_head(c.label)]
    head = min(head_cues, key=lambda c: (-(c.end - c.start), _HEAD_ORDER.get(c.label, 1)),
               default=None)
    if head is not None and head.label != lex.CONTEXT_HEAD:
        return (*steps, (_RETURN, _type_of_label(head.label)))   # a type, or None: a null head
    head_start = head.start if head is not None else words[-1]
    modifiers = [c for c in cues if c.end <= head_start and _type_of_label(c.label)]
    if modifiers:
        best = max(modifiers, key=lambda c: (c.end, c.end - c.start,
                                             -lex.type_rank()[_type_of_label(c.label)]))
        return (*steps, (_RETURN, _type_of_label(best.label)))
    if head is not None:                             # a bare activity/group/person noun
        return (*steps, (_CONTEXT, None, False, True))
    return (*steps, (_RETURN, None))


def _english_context_type(unit: str, context: str, allowed=None,
                          strong_only: bool = False) -> str | None:
    """The type named nearest the unit in its sentence (`allowed`: only these types, said
    outside the unit itself; `strong_only`: by strong cues)."""
    if not context:
        return None
    hits = _english_context_hits(context)
    at = context.lower().find(unit.lower()) if unit else -1
    if at < 0:
        at = 0
    unit_span = (at, at + len(unit))
    if allowed is not None:
        hits = [h for h in hits if lex.type_of_label(h[0]) in allowed
                and not (unit_span[0] <= h[1] and h[2] <= unit_span[1])
                and not (strong_only and lex.is_weak(h[0]))]
    return _nearest_type(hits, unit_span, context)


@lru_cache(maxsize=8192)
def _english_context_hits(context: str):
    from ..nlp import english

    return tuple(english_reported_cues(english().make_doc(context), sentences=False, naming=True,
                                       text=context))


# Where a clause ends, for preferring cues in the counted thing's own clause.
_CLAUSE_BREAK = re.compile(r"[,;:，；：、]")
# A weak cue ("help", "online") must be this many characters nearer than a strong one to win.
_WEAK_PENALTY = 25


def _nearest_type(hits, unit_span, context: str = "") -> str | None:
    """The type of the cue nearest the counted thing: in its own clause if there is one there
    ("staged 14 fields of Peking opera performances, and volunteers ..." -> the opera), weak cues
    counting as farther away than strong ones."""
    rank = lex.type_rank()
    penalties = lex.taxonomy()["units"].get("context_penalty", {})
    if context:
        start = max((m.end() for m in _CLAUSE_BREAK.finditer(context, 0, unit_span[0])), default=0)
        stop = _CLAUSE_BREAK.search(context, unit_span[1])
        stop = stop.start() if stop else len(context)
        in_clause = [h for h in hits if start <= h[1] and h[2] <= stop]
        hits = in_clause or hits

    def distance(hit):
        label, start, end = hit
        penalty = ((_WEAK_PENALTY if lex.is_weak(label) else 0)
                   + penalties.get(lex.type_of_label(label), 0))
        if end <= unit_span[0]:
            return unit_span[0] - end + penalty
        if start >= unit_span[1]:
            return start - unit_span[1] + penalty
        return penalty

    best = min(hits, key=lambda h: (distance(h), rank[lex.type_of_label(h[0])]), default=None)
    return lex.type_of_label(best[0]) if best else None


def _chinese_unit_type(unit: str, context: str) -> str | None:
    decided, type_id = _chinese_unit_decision(unit)
    if decided:
        return type_id
    at = context.find(unit) if unit else -1
    at = max(at, 0)
    return _nearest_type(_chinese_context_hits(context), (at, at + len(unit)), context)


@lru_cache(maxsize=4096)
def _chinese_context_hits(context: str):
    return tuple(chinese_reported_cues(context, naming=True))


@lru_cache(maxsize=4096)
def _chinese_unit_decision(unit: str) -> tuple[bool, str | None]:
    """(True, type or None) when the unit alone decides; (False, None) when the sentence does."""
    hits = chinese_keyword_hits(unit)
    head_words = [(w, label) for w, label in lex.chinese_heads() if unit.endswith(w)]
    head_word, head_label = head_words[0] if head_words else ("", None)
    ending_at_head = [h for h in hits if h[2] == len(unit)]
    if head_label and head_label.startswith(lex.UNIT_HEAD_PREFIX) and not any(
            h[2] - h[1] > len(head_word) for h in ending_at_head):
        return True, lex.type_of_label(head_label)   # 学员, 网格员: people named by their role
    if head_label == lex.NULL_HEAD and not any(h[2] - h[1] > len(head_word)
                                               for h in ending_at_head):
        return True, None
    if hits:
        best = max(hits, key=lambda h: (h[2], h[2] - h[1],
                                        -lex.type_rank()[lex.type_of_label(h[0])]))
        return True, lex.type_of_label(best[0])
    if head_label == lex.CONTEXT_HEAD or not unit:
        return False, None
    return True, None
