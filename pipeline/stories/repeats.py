"""`repeat_of`: a figure a bulletin states twice (the title and the body, a summary line that
restates the lede) is marked on the later count with the index of the first, so a sum over one
bulletin counts it once. Every mention stays in `counts`: the gold (and the scorer) count each.

Same figure: the same value (and range), the same counted thing (the unit as normalised, or
the same activity type and category), in another sentence (one sentence listing "5 sessions
in A and 5 sessions in B" names two figures).
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")


def _unit_key(count: dict) -> tuple:
    unit = (count.get("unit_normalized") or count.get("unit") or "").strip().lower()
    return (count.get("value"), count.get("low"), count.get("high"), unit)


def _activity_key(count: dict) -> tuple | None:
    if not count.get("activity"):
        return None
    return (count.get("value"), count.get("low"), count.get("high"), count["activity"],
            count.get("category"))


def mark_repeats(counts: list[dict], text: str) -> list[dict]:
    """Set `repeat_of` on every count (None, or the index of the first mention); returns counts."""
    first: dict[tuple, int] = {}
    for i, c in enumerate(counts):
        c["repeat_of"] = None
        keys = [k for k in (_unit_key(c), _activity_key(c)) if k is not None]
        for key in keys:
            j = first.get(key)
            if j is not None and _other_sentence(text, counts[j]["span"], c["span"]):
                c["repeat_of"] = counts[j]["repeat_of"] if counts[j]["repeat_of"] is not None else j
                break
        if c["repeat_of"] is None:
            for key in keys:
                first.setdefault(key, i)
    return counts


def _other_sentence(text: str, a, b) -> bool:
    start, end = sorted((a[1], b[0]))
    return _SENTENCE_END.search(text, start, end) is not None if start < end else False
