"""What a counted thing's own words say of its type ("preaching teams", "志愿服务队"): a type, no
type, or "the sentence decides" — which the linker (pipeline/extract/link.py) then asks of the
cues around the thing. See docs/activities.md, "Linking a count to a type".

    plan = unit_plan(lexicon, "teams")        # English: steps, see below (made once per unit)
    decided, type_id = unit_decision(lexicon, "场")      # Chinese
"""
from __future__ import annotations

from .cues_en import english_cues
from .cues_zh import scan_keywords
from .lemmas_en import TokenView
from .lexicon import CONTEXT_HEAD, NULL_HEAD, UNIT_HEAD_PREFIX, Cue, Lexicon, type_of_label

# Steps of an English unit's plan: (RETURN, type or None), or (CONTEXT, allowed, strong_only,
# final): the type the cues around the thing name (only `allowed` types said outside the thing
# when given; only strong cues when `strong_only`), returned if found or `final`.
RETURN, CONTEXT = 0, 1
BARE = ((CONTEXT, None, False, True),)      # the plan of a bare activity/group/person noun
FROM_CONTEXT = object()                     # "X of Y": the sentence decides
# On a tie in length, what a head cue says is decided in this order.
_HEAD_ORDER = {NULL_HEAD: 0, CONTEXT_HEAD: 2}


def words_type(lexicon: Lexicon, words: str, language: str) -> str | None:
    """The type the words alone name ("preaching teams" -> preaching), without context."""
    words = (words or "").strip()
    if language == "zh":
        return unit_decision(lexicon, words)[1]
    decided = of_parts_type(lexicon, words)
    if decided is not None:
        return None if decided is FROM_CONTEXT else decided
    for step in unit_plan(lexicon, words):
        if step[0] == RETURN:
            return step[1]
        if step[3]:           # a final step asks the context, and there is none
            return None
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
        # '40 games of "old songs in the lanes" singing': sessions of a thing named by
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
    cues = [Cue(*c) for c in matched] + pairs
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
    head_words = [(w, label) for w, label in lexicon.chinese.heads if unit.endswith(w)]
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
