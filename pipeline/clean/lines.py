"""Line helpers for the debris fixes: split text into lines with offsets, and turn a set of
lines to drop into edits that remove them whole, blank lines around them included.
"""
from __future__ import annotations

from typing import NamedTuple

from ..offsets import Edit


class Line(NamedTuple):
    start: int       # offset of the first character
    end: int         # offset just past the last character (before the newline)
    text: str        # the line, stripped of surrounding whitespace

    @property
    def blank(self) -> bool:
        return not self.text


# the lines of the last text split (the line fixes run one after another, and most leave
# the text as it is, so the next one gets the same text): (text, lines, normalised texts)
_last: tuple = ("", [Line(0, 0, "")], None)


def split_lines(text: str) -> list[Line]:
    """The lines of `text`. The list is shared between calls on the same text: don't change it."""
    last = _last
    if last[0] == text:
        return last[1]
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    _remember(text, lines, None)
    return lines


def normalized_lines(text: str) -> list[str]:
    """`normalize_line` of every line of `split_lines(text)` ("" for a blank line); shared
    like the lines."""
    lines = split_lines(text)
    last = _last
    if last[0] == text and last[2] is not None:
        return last[2]
    from .patterns import normalize_line

    normalized = [normalize_line(line.text) if line.text else "" for line in lines]
    _remember(text, lines, normalized)
    return normalized


def _remember(text: str, lines: list[Line], normalized: list[str] | None) -> None:
    global _last
    _last = (text, lines, normalized)


def content_lines(lines: list[Line]) -> list[int]:
    """Indexes of the non-blank lines."""
    return [i for i, line in enumerate(lines) if not line.blank]


def remove_lines(text: str, lines: list[Line], drop: set[int]) -> list[Edit]:
    """Edits that delete the lines in `drop` with the blank lines after them.

    A run of dropped lines (blank lines in between count as part of the run) becomes one
    edit from the start of its first line to the start of the next kept line. The kept
    lines around it stay apart by the wider of the two breaks (a paragraph break on either
    side of the run stays a paragraph break). A run at the start of the text leaves nothing;
    a run at the end also takes the line breaks before it, leaving no trailing blank lines.
    """
    if not drop:
        return []
    edits = []
    i, n = 0, len(lines)
    while i < n:
        if i not in drop:
            i += 1
            continue
        j = i
        while j + 1 < n and (j + 1 in drop or lines[j + 1].blank):
            j += 1
        start, replacement = lines[i].start, ""
        before = i - 1
        while before >= 0 and lines[before].blank:
            before -= 1
        if j + 1 < n:
            end = lines[j + 1].start
            paragraph_before = before >= 0 and before < i - 1
            paragraph_after = any(lines[k].blank for k in range(i, j + 1))
            if before >= 0 and paragraph_after and not paragraph_before:
                replacement = "\n"
        else:
            end = len(text)
            start = lines[before].end if before >= 0 else 0
        if end > start:
            edits.append(Edit(start, end, replacement))
        i = j + 1
    return edits
