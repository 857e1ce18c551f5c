"""Offset maps from cleaned text back to the raw input.

Each cleaning step that changes the text records a `StepMap`: the text is a sequence of
segments that were either copied (mapped linearly) or replaced (the whole replacement maps
to the whole replaced raw range). A span in the final text is mapped back step by step,
newest first, so no per-character table is ever built.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str


class StepMap:
    __slots__ = ("new_starts", "new_ends", "old_starts", "old_ends", "linear")

    def __init__(self, new_starts, new_ends, old_starts, old_ends, linear):
        self.new_starts, self.new_ends = new_starts, new_ends
        self.old_starts, self.old_ends = old_starts, old_ends
        self.linear = linear

    def map_start(self, p: int) -> int:
        i = max(0, bisect_right(self.new_starts, p) - 1)
        if self.linear[i]:
            return min(self.old_starts[i] + (p - self.new_starts[i]), self.old_ends[i])
        return self.old_starts[i] if p < self.new_ends[i] else self.old_ends[i]

    def map_end(self, q: int) -> int:
        # the segment that contains the character just before q
        i = max(0, bisect_right(self.new_starts, max(q - 1, 0)) - 1)
        if q <= self.new_starts[i]:
            return self.old_starts[i]
        if self.linear[i]:
            return min(self.old_starts[i] + (q - self.new_starts[i]), self.old_ends[i])
        return self.old_ends[i]

    def to_list(self) -> list:
        return [self.new_starts, self.new_ends, self.old_starts, self.old_ends,
                [int(x) for x in self.linear]]

    @classmethod
    def from_list(cls, data: list) -> "StepMap":
        ns, ne, os_, oe, lin = data
        return cls(ns, ne, os_, oe, [bool(x) for x in lin])


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, StepMap]:
    """Apply sorted, non-overlapping edits; return the new text and its map to `text`."""
    parts: list[str] = []
    ns, ne, os_, oe, lin = [], [], [], [], []
    pos = new_pos = 0

    def add(new_len: int, old_start: int, old_end: int, linear: bool) -> None:
        nonlocal new_pos
        ns.append(new_pos)
        ne.append(new_pos + new_len)
        os_.append(old_start)
        oe.append(old_end)
        lin.append(linear)
        new_pos += new_len

    for start, end, replacement in sorted(edits, key=lambda e: (e.start, e.end)):
        if start < pos:          # overlapping edit: keep the first, drop this one
            continue
        if start > pos:
            parts.append(text[pos:start])
            add(start - pos, pos, start, True)
        parts.append(replacement)
        add(len(replacement), start, end, False)
        pos = end
    if pos < len(text) or not ns:
        parts.append(text[pos:])
        add(len(text) - pos, pos, len(text), True)
    return "".join(parts), StepMap(ns, ne, os_, oe, lin)


class Alignment:
    """The chain of step maps from the cleaned text back to the raw text."""

    __slots__ = ("steps",)

    def __init__(self, steps: list[StepMap] | None = None):
        self.steps = steps or []

    def add(self, step: StepMap) -> None:
        self.steps.append(step)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        for step in reversed(self.steps):
            new_start = step.map_start(start)
            end = max(step.map_end(end), new_start)
            start = new_start
        return start, end

    def to_list(self) -> list:
        return [s.to_list() for s in self.steps]

    @classmethod
    def from_list(cls, data: list) -> "Alignment":
        return cls([StepMap.from_list(d) for d in data])
