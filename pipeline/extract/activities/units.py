"""Which type a counted thing belongs to: what its own words say, else the cues of its sentence.
(See docs/activities.md, "Linking a count to a type".)
"""
from __future__ import annotations

import re
from functools import lru_cache

from .cues_en import english_cues, naming_cues
from .cues_zh import scan_keywords
from .lemmas_en import TokenView
from .lexicon import CONTEXT_HEAD, NULL_HEAD, UNIT_HEAD_PREFIX, Lexicon, is_weak, type_of_label

# Steps of an English unit's plan: (RETURN, type or None), or (CONTEXT, allowed, strong_only,
# final): the type the context names (see _english_context_type), returned if found or `final`.
RETURN, CONTEXT = 0, 1
BARE = ((CONTEXT, None, False, True),)      # the plan of a bare activity/group/person noun
FROM_CONTEXT = object()                     # "X of Y": the sentence decides
# On a tie in length, what a head cue says is decided in this order.
_HEAD_ORDER = {NULL_HEAD: 0, CONTEXT_HEAD: 2}


def unit_type(lexicon: Lexicon, unit: str, context: str, language: str) -> str | None:
    """The taxonomy type of a counted thing, or None.

    `unit` is the counted thing as written ("preaching activities", "志愿服务队"); `context` is
    its sentence, consulted only when the unit is a bare activity, group or person noun ("a team
    of 150 people", "188 games") and the sentence says what was done.
    """
    unit, context = (unit or "").strip(), context or ""
    key = (unit, context, language)
    found = lexicon.unit_types.get(key, _MISSING)
    if found is _MISSING:
        if len(lexicon.unit_types) > 1024:
            lexicon.unit_types.clear()
        found = lexicon.unit_types[key] = (_chinese_unit_type(lexicon, unit, context)
                                           if language == "zh"
                                           else _english_unit_type(lexicon, unit, context))
    return found


_MISSING = object()


def _english_unit_type(lexicon: Lexicon, unit: str, context: str) -> str | None:
    decided = of_parts_type(lexicon, unit)
    if decided is FROM_CONTEXT:
        return _english_context_type(lexicon, unit, context)
    if decided:
        return decided
    for step in unit_plan(lexicon, unit):
        if step[0] == RETURN:
            return step[1]
        _, allowed, strong_only, final = step
        found = _english_context_type(lexicon, unit, context, allowed=allowed, strong_only=strong_only)
        if found or final:
            return found
    return None


def of_parts_type(lexicon: Lexicon, unit: str):
    """"X of Y" units: the type the outer noun phrase names by its own words ("12 service teams
    of party members"), else the one the complement names ("6 sessions of legal lectures",
    "5 teams of volunteers"); FROM_CONTEXT when sessions of a null noun are counted; None when
    neither decides alone (the whole unit is then read as usual: typed heads, null heads, the
    sentence)."""
    if " of " not in unit:
        return None
    outer, inner = unit.split(" of ", 1)
    plans = [unit_plan(lexicon, part.strip(" \"“”‘’'")) for part in (outer, inner)]
    for plan in plans:
        if len(plan) == 1 and plan[0][0] == RETURN and plan[0][1]:
            return plan[0][1]
    if plans[0] == BARE and plans[1] == ((RETURN, None),) and _measure_of_occasions(lexicon, outer):
        # '137 games of "red stories into the alley" preaching': sessions of a thing named by
        # a null noun (stories, films) are typed by the sentence
        return FROM_CONTEXT
    return None


def _measure_of_occasions(lexicon: Lexicon, outer: str) -> bool:
    """Whether the outer noun of an "X of Y" unit counts occasions (场, 期, 次 as MT renders them:
    games, fields, sessions, rounds, times)."""
    last = outer.split()[-1].lower() if outer.split() else ""
    return last in lexicon.occasion_heads


def unit_plan(lexicon: Lexicon, unit: str) -> tuple:
    """What the unit alone decides, as steps for _english_unit_type (made once per unit)."""
    plan = lexicon.unit_plans.get(unit)
    if plan is None:
        if len(lexicon.unit_plans) > 4096:
            lexicon.unit_plans.clear()
        plan = lexicon.unit_plans[unit] = _unit_plan(lexicon, unit)
    return plan


def _unit_plan(lexicon: Lexicon, unit: str) -> tuple:
    from ...nlp import english

    doc = english().make_doc(unit)
    words = [t.i for t in doc if t.is_alpha]
    if not words:
        return ((CONTEXT, None, False, True),)
    steps = []
    head_end = words[-1] + 1
    matched, pairs = english_cues(lexicon, TokenView(lexicon.english, doc, unit))
    cues = matched + pairs
    # "30 issues of audio lectures": the outer noun may be the one typed by the sentence.
    of = next((t.i for t in doc if t.lower_ == "of"), None)
    for end in ([of] if of else []) + [head_end]:
        typed = [c for c in cues if c.end == end and lexicon.typed_head(c.label)]
        longer = [c for c in cues if c.end == end and not lexicon.typed_head(c.label)
                  and type_of_label(c.label)
                  and c.end - c.start > max((t.end - t.start for t in typed), default=0)]
        if typed and not longer:
            table = lexicon.typed_head(max(typed, key=lambda c: c.end - c.start).label)
            head_start = min(c.start for c in typed)
            strong = [c for c in cues if c.end <= head_start and type_of_label(c.label)
                      and c.label == type_of_label(c.label)]
            if strong and end == head_end:
                # "4 rounds of nucleic acid screening": the unit's own strong cue names it
                best = max(strong, key=lambda c: (c.end, c.end - c.start))
                return (*steps, (RETURN, type_of_label(best.label)))
            final = end == head_end and table.fallback == "none"
            steps.append((CONTEXT, frozenset(table.types), table.strong_only, final))
            if final:
                return tuple(steps)
    head_cues = [c for c in cues if c.end == head_end and not lexicon.typed_head(c.label)]
    head = min(head_cues, key=lambda c: (-(c.end - c.start), _HEAD_ORDER.get(c.label, 1)),
               default=None)
    if head is not None and head.label != CONTEXT_HEAD:
        return (*steps, (RETURN, type_of_label(head.label)))   # a type, or None: a null head
    head_start = head.start if head is not None else words[-1]
    modifiers = [c for c in cues if c.end <= head_start and type_of_label(c.label)]
    if modifiers:
        best = max(modifiers, key=lambda c: (c.end, c.end - c.start,
                                             -lexicon.type_rank[type_of_label(c.label)]))
        return (*steps, (RETURN, type_of_label(best.label)))
    if head is not None:                             # a bare activity/group/person noun
        return (*steps, (CONTEXT, None, False, True))
    return (*steps, (RETURN, None))


def _english_context_type(lexicon: Lexicon, unit: str, context: str, allowed=None,
                          strong_only: bool = False) -> str | None:
    """The type named nearest the unit in its sentence (`allowed`: only these types, said
    outside the unit itself; `strong_only`: by strong cues)."""
    if not context:
        return None
    hits = _english_context_hits(lexicon, context)
    unit_span = _unit_span(unit, context)
    if allowed is not None:
        hits = [h for h in hits if type_of_label(h[0]) in allowed
                and not (unit_span[0] <= h[1] and h[2] <= unit_span[1])
                and not (strong_only and is_weak(h[0]))]
    else:
        head = _complement_head(lexicon, hits, unit_span[1], context)
        if head:
            return head
    return nearest_type(lexicon, hits, unit_span, context)


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
    from ...resources import load_toml

    forms: dict[str, set[str]] = {}
    for r in load_toml("counts_en/units.toml").get("repairs", ()):
        w = r["written"]
        forms.setdefault(r["normalized"].lower(), set()).update({w, w + "s"})
    return {norm: re.compile(r"\d\s+(" + "|".join(sorted(map(re.escape, ws), key=len, reverse=True))
                             + r")\b", re.I)
            for norm, ws in forms.items() if " " not in norm and "(" not in norm}


def _complement_head(lexicon: Lexicon, hits, unit_end: int, context: str) -> str | None:
    """The type of the head of an "of" phrase right after a bare counted noun: "held 6 fields of
    flood control mobilization meeting" counts meetings (the last cue of the phrase), not flood
    control (a modifier)."""
    if not context.startswith(" of ", unit_end):
        return None
    start = unit_end + 4
    end = lexicon.complement_end.search(context, start)
    end = end.start() if end else len(context)
    inside = [h for h in hits if start <= h[1] and h[2] <= end]
    strong = [h for h in inside if not is_weak(h[0])] or inside
    if not strong:
        return None
    return type_of_label(max(strong, key=lambda h: (h[2], h[2] - h[1]))[0])


def _english_context_hits(lexicon: Lexicon, context: str):
    hits = lexicon.context_hits.get(context)
    if hits is None:
        from ...nlp import english

        if len(lexicon.context_hits) > 1024:
            lexicon.context_hits.clear()
        doc = english().make_doc(context)
        hits = lexicon.context_hits[context] = tuple(
            naming_cues(lexicon, TokenView(lexicon.english, doc, context)))
    return hits


def nearest_type(lexicon: Lexicon, hits, unit_span, context: str = "") -> str | None:
    """The type of the cue nearest the counted thing: in its own clause if there is one there
    ("staged 14 fields of opera performances, and volunteers ..." -> the opera), weak cues
    counting as farther away than strong ones."""
    rank = lexicon.type_rank
    units = lexicon.units
    penalties = units.context_penalty
    if context:
        breaks = lexicon.clause_break
        start = max((m.end() for m in breaks.finditer(context, 0, unit_span[0])), default=0)
        stop = breaks.search(context, unit_span[1])
        stop = stop.start() if stop else len(context)
        in_clause = [h for h in hits if start <= h[1] and h[2] <= stop]
        weak_penalty = units.weak_penalty if in_clause else units.weak_penalty_outside_clause
        hits = in_clause or hits
    else:
        weak_penalty = units.weak_penalty

    def distance(hit):
        label, start, end = hit
        penalty = (weak_penalty if is_weak(label) else 0) + penalties.get(type_of_label(label), 0)
        if end <= unit_span[0]:
            return unit_span[0] - end + penalty
        if start >= unit_span[1]:
            return start - unit_span[1] + penalty
        return penalty

    best = min(hits, key=lambda h: (distance(h), rank[type_of_label(h[0])]), default=None)
    return type_of_label(best[0]) if best else None


def _chinese_unit_type(lexicon: Lexicon, unit: str, context: str) -> str | None:
    decided, type_id = unit_decision(lexicon, unit)
    if decided:
        return type_id
    at = context.find(unit) if unit else -1
    at = max(at, 0)
    hits = lexicon.context_hits.get(("zh", context))
    if hits is None:
        if len(lexicon.context_hits) > 1024:
            lexicon.context_hits.clear()
        hits = lexicon.context_hits[("zh", context)] = tuple(scan_keywords(lexicon, context))
    return nearest_type(lexicon, hits, (at, at + len(unit)), context)


def unit_decision(lexicon: Lexicon, unit: str) -> tuple[bool, str | None]:
    """(True, type or None) when the Chinese unit alone decides; (False, None) when the
    sentence does."""
    found = lexicon.unit_decisions.get(unit)
    if found is None:
        if len(lexicon.unit_decisions) > 4096:
            lexicon.unit_decisions.clear()
        found = lexicon.unit_decisions[unit] = _unit_decision(lexicon, unit)
    return found


def _unit_decision(lexicon: Lexicon, unit: str) -> tuple[bool, str | None]:
    hits = scan_keywords(lexicon, unit)
    head_words = [(w, label) for w, label in lexicon.zh_heads if unit.endswith(w)]
    head_word, head_label = head_words[0] if head_words else ("", None)
    ending_at_head = [h for h in hits if h[2] == len(unit)]
    if head_label and head_label.startswith(UNIT_HEAD_PREFIX) and not any(
            h[2] - h[1] > len(head_word) for h in ending_at_head):
        return True, type_of_label(head_label)   # 学员, 网格员: people named by their role
    if head_label == NULL_HEAD and not any(h[2] - h[1] > len(head_word) for h in ending_at_head):
        return True, None
    if hits:
        best = max(hits, key=lambda h: (h[2], h[2] - h[1], -lexicon.type_rank[type_of_label(h[0])]))
        return True, type_of_label(best[0])
    if head_label == CONTEXT_HEAD or not unit:
        return False, None
    return True, None
