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


@lru_cache(maxsize=1024)   # keyed by sentence: hits are within a document
def _activity_for_unit(unit: str, context: str, language: str) -> str | None:
    if language == "zh":
        return _chinese_unit_type(unit.strip(), context)
    return _english_unit_type(unit.strip(), context)


_type_of_label = lex.type_of_label


# On a tie in length, what a head cue says is decided in this order.
_HEAD_ORDER = {lex.NULL_HEAD: 0, lex.CONTEXT_HEAD: 2}


def _english_unit_type(unit: str, context: str) -> str | None:
    decided = _english_of_parts_type(unit)
    if decided is _FROM_CONTEXT:
        return _english_context_type(unit, context)
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
    plans = [_english_unit_plan(part.strip(" \"“”‘’'")) for part in (outer, inner)]
    for plan in plans:
        if len(plan) == 1 and plan[0][0] == _RETURN and plan[0][1]:
            return plan[0][1]
    if plans[0] == _BARE and plans[1] == ((_RETURN, None),) and _measure_of_occasions(outer):
        # '137 games of "red stories into the alley" preaching': sessions of a thing named by
        # a null noun (stories, films) are typed by the sentence
        return _FROM_CONTEXT
    return None


def _measure_of_occasions(outer: str) -> bool:
    """Whether the outer noun of an "X of Y" unit counts occasions (场, 期, 次 as MT renders them:
    games, fields, sessions, rounds, times)."""
    last = outer.split()[-1].lower() if outer.split() else ""
    return last in lex.taxonomy()["units"]["en_occasion_heads"]


# Steps of an English unit's plan: (_RETURN, type or None), or (_CONTEXT, allowed, strong_only,
# final): the type the context names (see _english_context_type), returned if found or `final`.
_RETURN, _CONTEXT = 0, 1
_BARE = ((_CONTEXT, None, False, True),)      # the plan of a bare activity/group/person noun
_FROM_CONTEXT = object()                       # "X of Y": the sentence decides


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
            head_start = min(c.start for c in typed)
            strong = [c for c in cues if c.end <= head_start and _type_of_label(c.label)
                      and c.label == _type_of_label(c.label)]
            if strong and end == head_end:
                # "4 rounds of nucleic acid screening": the unit's own strong cue names it
                best = max(strong, key=lambda c: (c.end, c.end - c.start))
                return (*steps, (_RETURN, _type_of_label(best.label)))
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
    unit_span = _unit_span(unit, context)
    if allowed is not None:
        hits = [h for h in hits if lex.type_of_label(h[0]) in allowed
                and not (unit_span[0] <= h[1] and h[2] <= unit_span[1])
                and not (strong_only and lex.is_weak(h[0]))]
    else:
        head = _complement_head(hits, unit_span[1], context)
        if head:
            return head
    return _nearest_type(hits, unit_span, context)


def _unit_span(unit: str, context: str) -> tuple[int, int]:
    """Where the counted thing stands in its sentence. A unit given in its normalised form
    ("sessions" for "6 fields of ...") is looked for as written (the first such word after a
    number); (0, len) when it is not found."""
    low = context.lower()
    at = low.find(unit.lower()) if unit else -1
    if at >= 0:
        return at, at + len(unit)
    written = _written_forms().get(unit.lower())
    if written:
        m = written.search(context)
        if m:
            return m.start(1), m.end(1)
    return 0, len(unit)


@lru_cache(maxsize=1)
def _written_forms() -> dict[str, re.Pattern]:
    """Normalised unit -> the words MT writes for it after a number ("sessions": games, fields,
    issues ...), from the repairs of configs/counts_en/units.toml."""
    from ..resources import load_toml

    forms: dict[str, set[str]] = {}
    for r in load_toml("counts_en/units.toml").get("repairs", ()):
        w = r["written"]
        forms.setdefault(r["normalized"].lower(), set()).update({w, w + "s"})
    return {norm: re.compile(r"\d\s+(" + "|".join(sorted(map(re.escape, ws), key=len, reverse=True))
                             + r")\b", re.I)
            for norm, ws in forms.items() if " " not in norm and "(" not in norm}


# Where the noun phrase after "of" ends: punctuation, a preposition or a verb-like word.
_COMPLEMENT_END = re.compile(r"[,;:.!?()，；：。、\n]|\s(?:in|at|on|to|for|with|by|from|which|that|"
                             r"was|were|is|are|has|have|had|held|organized|across|among|during|"
                             r"under|within|where|when|while)\b", re.I)


def _complement_head(hits, unit_end: int, context: str) -> str | None:
    """The type of the head of an "of" phrase right after a bare counted noun: "held 6 fields of
    epidemic prevention and control mobilization meeting" counts meetings (the last cue of the
    phrase), not epidemic prevention (a modifier)."""
    if not context.startswith(" of ", unit_end):
        return None
    start = unit_end + 4
    end = _COMPLEMENT_END.search(context, start)
    end = end.start() if end else len(context)
    inside = [h for h in hits if start <= h[1] and h[2] <= end]
    strong = [h for h in inside if not lex.is_weak(h[0])] or inside
    if not strong:
        return None
    return lex.type_of_label(max(strong, key=lambda h: (h[2], h[2] - h[1]))[0])


@lru_cache(maxsize=1024)   # keyed by sentence: hits are within a document
def _english_context_hits(context: str):
    from ..nlp import english

    return tuple(english_reported_cues(english().make_doc(context), sentences=False, naming=True,
                                       text=context))


# Where a clause ends, for preferring cues in the counted thing's own clause.
_CLAUSE_BREAK = re.compile(r"[;:，；：、]|(?<!\d),|,(?!\d{3})")   # not "1,100"
# A weak cue ("help", "online") must be this many characters nearer than a strong one to win.
_WEAK_PENALTY = 25
# ... and farther still when no cue is in the counted thing's clause: a weak word in another
# clause ("according to the real story of ...") is more often in passing than the strong one.
_WEAK_PENALTY_OUTSIDE = 60


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
        weak_penalty = _WEAK_PENALTY if in_clause else _WEAK_PENALTY_OUTSIDE
        hits = in_clause or hits
    else:
        weak_penalty = _WEAK_PENALTY

    def distance(hit):
        label, start, end = hit
        penalty = ((weak_penalty if lex.is_weak(label) else 0)
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
