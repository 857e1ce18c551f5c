"""Which types a bulletin reports, from the cues that survived their filters.

Of overlapping cues the longest wins ("report meeting" is preaching, not a meeting). A generic
cue ("series of activities", 系列活动) counts only in a sentence where no strong cue of another
type says what the activity was. One strong cue reports its type; weak cues only when there are
[decision] weak_needed of them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Callable

from ..decisions import RULES, Candidate, Trace
from ..doc import Spans
from .lexicon import GENERIC_PREFIX, Hit, Lexicon, is_generic, is_weak, type_of_label

OVERLAPPED = RULES.add("activity.any.overlapped", "reject",
                       "a longer cue overlaps this one ('report meeting' holds 'meeting')")
EXPLAINED = RULES.add("activity.any.generic_explained", "reject",
                      "a generic cue in a sentence whose strong cue of another type says what was done")
WEAK_ALONE = RULES.add("activity.any.weak_alone", "reject",
                       "a weak cue of a type with fewer weak cues than [decision] weak_needed and no strong one")


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, the longer (then earlier) of two overlapping ones kept."""
    starts: list[int] = []                 # the kept hits, disjoint: sorted by start and by end
    ends: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h[2] - h[1]), h[1], is_weak(h[0]))):
        j = bisect_right(ends, hit[1])     # the first kept hit ending after this one starts
        if j == len(ends) or starts[j] >= hit[2]:
            starts.insert(j, hit[1])
            ends.insert(j, hit[2])
            kept.insert(j, hit)
    return kept


def overlaps_traced(hits: list[Hit], cands: list[Candidate], trace: Trace):
    """longest_first, rejecting the candidates of the hits it drops: (kept hits, their
    candidates by hit)."""
    kept = longest_first(hits)
    left: dict[Hit, int] = defaultdict(int)
    for hit in kept:
        left[hit] += 1
    table: dict[Hit, Candidate] = {}
    for hit, cand in zip(hits, cands):
        if left[hit]:
            left[hit] -= 1
            table[hit] = cand
        else:
            trace.reject(cand, OVERLAPPED)
    return kept, table


def reported_types(lexicon: Lexicon, hits: list[Hit], sentences: Callable[[], Spans], trace: Trace,
                   candidates: dict[Hit, Candidate] | None = None) -> list[dict]:
    """`[{"type", "mentions": [[start, end], ...]}]`, each type once, in taxonomy order.
    `sentences()` gives the spans a generic cue is judged in (asked only when there is one)."""
    hits = _drop_explained_generics(lexicon, hits, sentences, trace, candidates)
    by_type: dict[str, set[tuple[int, int]]] = {}
    strong: set[str] = set()
    for label, start, end in hits:
        type_id = type_of_label(label)
        by_type.setdefault(type_id, set()).add((start, end))
        if not is_weak(label):
            strong.add(type_id)
    needed = lexicon.decision.weak_needed
    reported = {t: spans for t, spans in by_type.items() if t in strong or len(spans) >= needed}
    if trace.enabled and candidates is not None:
        for hit in hits:
            cand = candidates.get(hit) or candidates.get(_generic_of(hit))
            if cand is None:
                continue
            if type_of_label(hit[0]) in reported:
                trace.accept(cand, {"type": type_of_label(hit[0])})
            else:
                trace.reject(cand, WEAK_ALONE)
    rank = lexicon.type_rank
    return [{"type": t, "mentions": [list(m) for m in sorted(spans)]}
            for t, spans in sorted(reported.items(), key=lambda kv: rank[kv[0]])]


def _generic_of(hit: Hit) -> Hit:
    """The hit a kept generic cue was before it counted as a strong one."""
    return (GENERIC_PREFIX + hit[0], hit[1], hit[2])


def _drop_explained_generics(lexicon: Lexicon, hits: list[Hit], sentences: Callable[[], Spans],
                             trace: Trace, candidates) -> list[Hit]:
    """Generic cues count as strong cues of their type, but only in a sentence where no strong
    cue of another type says what the activity was."""
    if not any(is_generic(h[0]) for h in hits):
        return hits
    sentence_of = sentences().index

    named = lexicon.decision.named_activity_type
    explained = {sentence_of(s) for label, s, _ in hits
                 if not is_weak(label) and not is_generic(label) and type_of_label(label) != named}
    kept = []
    for hit in hits:
        label, s, e = hit
        if not is_generic(label):
            kept.append(hit)
        elif sentence_of(s) not in explained:
            kept.append((type_of_label(label), s, e))
        elif trace.enabled and candidates is not None and hit in candidates:
            trace.reject(candidates[hit], EXPLAINED)
    return kept
