"""Which activity type a count belongs to: the count → activity link.

Count extractors say what they found: the counted thing as the linker should read it, where it
stands in the text, its sentence. The thing's own words decide first ("preaching teams",
"志愿服务队" -> preaching, volunteer_service; "party members" -> none: activities.units). A bare
noun ("6 teams", "56场") takes the type of the cue its clause ties it to: of the document's
naming cues (found once per document, activities.naming_cues), the nearest to where the thing
stands, in its own clause first. Two counts of one noun in one sentence ("5 teams for the
preaching tour and 8 teams for the film screenings") each take their own cue.
This module is the only way counts reach the activity lexicon.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable

from .activities import naming_cues, units, words_type
from .activities.cues_en import tokens_of
from .activities.lexicon import Hit, Lexicon, is_weak, load, type_of_label
from .data import DataFiles

# A gloss in a normalised unit ("times (occurrences)") is no part of the counted thing.
_PARENTHESIS = re.compile(r"\s*\(.*\)$")
_QUOTE_MARKS = " \"“”‘’'"


def thing_type(words: str, language: str, data: DataFiles | None = None) -> str | None:
    """The type the words alone name ("preaching teams" -> preaching), without context."""
    return words_type(data or DataFiles.at(), words, language)


def count_type_en(view, unit_text: str, normalized: str | None, link_unit: str | None,
                  neutral_people: bool, sentence: tuple[int, int],
                  previous: Callable[[], str] | None = None, *,
                  unit_span: tuple[int, int]) -> str | None:
    """The type of an English count's thing, which stands at `unit_span` in `sentence`.
    Role-neutral people (party members, residents) link to none unless the count sizes a group
    formed to do something. A bare noun whose sentence names no type takes it from the sentence
    before, in the same paragraph ("26 lecturers were chosen. They formed 6 teams"): `previous()`
    gives that sentence's text or "" (it is the view's sentence before `sentence`)."""
    reading = (link_unit or _PARENTHESIS.sub("", normalized or "") or unit_text)
    reading = reading.strip(_QUOTE_MARKS)
    if neutral_people and not link_unit and " and " not in unit_text:
        # only the unit's own words may name a role ("grid members"), never the sentence
        return thing_type(reading, "en", view.data)
    lexicon = load(view.data)
    found = _english_type(view, lexicon, reading, unit_span, sentence)
    if found is None and previous is not None:
        before = _sentence_before(view, sentence, previous())
        if before is not None:
            found = _english_type(view, lexicon, reading, unit_span, (before[0], sentence[1]))
    return found


def count_type_zh(view, unit: str, *, unit_span: tuple[int, int]) -> str | None:
    """The type of a Chinese count's thing (宣讲活动, 志愿者), else of the cue nearest to where it
    stands (`unit_span`) in its sentence."""
    lexicon = load(view.data)
    decided, type_id = units.unit_decision(lexicon, unit.strip())
    if decided:
        return type_id
    first, last = view.sentence_at(unit_span[0]), view.sentence_at(max(unit_span[0], unit_span[1] - 1))
    region = (first[0], last[1])
    return _nearest_type(view, lexicon, _cues_in(view, region), unit_span, region)


def _sentence_before(view, sentence: tuple[int, int], before: str) -> tuple[int, int] | None:
    if not before:
        return None
    i = view.sentences.index(sentence[0])
    if i <= 0:
        return None
    span = view.sentences.spans[i - 1]
    return span if view.text[span[0]:span[1]] == before else None


def _english_type(view, lexicon: Lexicon, reading: str, at: tuple[int, int],
                  region: tuple[int, int]) -> str | None:
    """What the thing's words decide (units.unit_plan), asking the cues of `region` when they
    leave it to the context."""
    decided = units.of_parts_type(lexicon, reading)
    if decided is units.FROM_CONTEXT:
        return _context_type(view, lexicon, at, region)
    if decided:
        return decided
    for step in units.unit_plan(lexicon, reading):
        if step[0] == units.RETURN:
            return step[1]
        _, allowed, strong_only, final = step
        found = _context_type(view, lexicon, at, region, allowed, strong_only)
        if found or final:
            return found
    return None


def _context_type(view, lexicon: Lexicon, at: tuple[int, int], region: tuple[int, int],
                  allowed=None, strong_only: bool = False) -> str | None:
    """The type named nearest the thing in its region (`allowed`: only these types, said
    outside the thing itself; `strong_only`: by strong cues)."""
    if region[1] <= region[0]:
        return None
    hits = _cues_in(view, region)
    if allowed is not None:
        hits = [h for h in hits if type_of_label(h[0]) in allowed
                and not (at[0] <= h[1] and h[2] <= at[1])
                and not (strong_only and is_weak(h[0]))]
    else:
        head = _complement_head(lexicon, view.text, hits, at[1], region[1])
        if head:
            return head
    return _nearest_type(view, lexicon, hits, at, region)


def _cues_in(view, region: tuple[int, int]) -> list[Hit]:
    """The document's naming cues that lie inside `region`."""
    cues = naming_cues(view)
    starts = view.layer(_cue_starts)
    lo, hi = bisect_left(starts, region[0]), bisect_left(starts, region[1])
    return [h for h in cues[lo:hi] if h[2] <= region[1]]


def _cue_starts(view) -> list[int]:
    return [h[1] for h in naming_cues(view)]


def _complement_head(lexicon: Lexicon, text: str, hits, unit_end: int, region_end: int) -> str | None:
    """The type of the head of the phrase that a bare counted noun's preposition opens
    ([units] en_complement_openers): "held 6 fields of flood control mobilization meeting"
    counts meetings (the last cue of the phrase), not flood control (a modifier); "5 teams for
    the preaching tour and 8 teams for the film screenings" are preaching and film teams."""
    opener = next((o for o in lexicon.units.en_complement_openers
                   if text.startswith(o, unit_end)), None)
    if opener is None or unit_end + len(opener) > region_end:
        return None
    start = unit_end + len(opener)
    end = lexicon.complement_end.search(text, start, region_end)
    end = end.start() if end else region_end
    inside = [h for h in hits if start <= h[1] and h[2] <= end]
    strong = [h for h in inside if not is_weak(h[0])] or inside
    if not strong:
        return None
    return type_of_label(max(strong, key=lambda h: (h[2], h[2] - h[1]))[0])


def _clause_of(view, at: tuple[int, int], region: tuple[int, int]) -> tuple[int, int]:
    """From the start of the view's clause holding the count's start to the end of the one
    holding its end, within `region`."""
    clauses = view.clauses
    i, j = clauses.index(at[0]), clauses.index(max(at[0], at[1] - 1))
    start = clauses.spans[i][0] if i >= 0 else region[0]
    stop = clauses.spans[j][1] if j >= 0 else region[1]
    return max(start, region[0]), min(stop, region[1])


def _nearest_type(view, lexicon: Lexicon, hits, at: tuple[int, int],
                  region: tuple[int, int]) -> str | None:
    """The type of the cue nearest the counted thing: in its own clause if there is one there
    ("staged 14 fields of opera performances, and volunteers ..." -> the opera), weak cues
    counting as farther away than strong ones ([units] weak_penalty, context_penalty).
    Distances count tokens in English, characters in Chinese."""
    text, conf = view.text, lexicon.units
    language = "zh" if view.language == "zh" else "en"
    start, stop = _clause_of(view, at, region)
    in_clause = [h for h in hits if start <= h[1] and h[2] <= stop]
    weak = getattr(conf.weak_penalty if in_clause else conf.weak_penalty_outside_clause, language)
    hits = in_clause or hits
    if not hits:
        return None
    if language == "zh":
        def place(pos: int) -> int:
            return pos
    else:
        starts = tokens_of(view).idx

        def place(pos: int) -> int:             # the token holding a character
            return bisect_right(starts, pos) - 1
    first, last = place(at[0]), place(max(at[0], at[1] - 1))
    penalties = {t: getattr(p, language) for t, p in conf.context_penalty.items()}
    rank = lexicon.type_rank

    def distance(hit):
        label, s, e = hit
        penalty = (weak if is_weak(label) else 0) + penalties.get(type_of_label(label), 0)
        hit_first, hit_last = place(s), place(e - 1)
        if hit_last < first:
            return first - hit_last - 1 + penalty
        if hit_first > last:
            return hit_first - last - 1 + penalty
        return penalty

    best = min(hits, key=lambda h: (distance(h), rank[type_of_label(h[0])]))
    return type_of_label(best[0])
