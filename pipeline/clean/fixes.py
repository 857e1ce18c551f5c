"""The built-in cleaning fixes. Each is pure and idempotent and returns edits."""
from __future__ import annotations

import re
import unicodedata

from ..offsets import Edit
from . import CleanContext, fix

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\u0085")
_SPACES = re.compile(r"[ \t\u00a0\u3000]{2,}|[\t\u00a0]")
_TRAILING = re.compile(r"[ \t]+$", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")


def regex_edits(pattern: re.Pattern, text: str, replacement) -> list[Edit]:
    """Edits for every match whose replacement differs from the matched text."""
    edits = []
    for m in pattern.finditer(text):
        new = replacement(m) if callable(replacement) else m.expand(replacement)
        if new != m.group(0):
            edits.append(Edit(m.start(), m.end(), new))
    return edits


@fix("strip_control_chars")
def strip_control_chars(text: str, ctx: CleanContext) -> list[Edit]:
    """Zero-width and control characters carry no text."""
    return regex_edits(_CONTROL, text, "")


@fix("normalize_newlines")
def normalize_newlines(text: str, ctx: CleanContext) -> list[Edit]:
    return regex_edits(_NEWLINES, text, "\n")


@fix("unicode_nfc")
def unicode_nfc(text: str, ctx: CleanContext) -> list[Edit]:
    """Compose characters (NFC) line by line, so an edit stays local."""
    edits, pos = [], 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            edits.append(Edit(pos, pos + len(line), unicodedata.normalize("NFC", line)))
        pos += len(line) + 1
    return edits


@fix("collapse_whitespace")
def collapse_whitespace(text: str, ctx: CleanContext) -> list[Edit]:
    edits = regex_edits(_SPACES, text, " ")
    edits += regex_edits(_TRAILING, text, "")
    edits += regex_edits(_BLANK_LINES, text, "\n\n")
    edits.sort()
    return edits


@fix("strip_edges")
def strip_edges(text: str, ctx: CleanContext) -> list[Edit]:
    edits = []
    lead = len(text) - len(text.lstrip())
    if lead:
        edits.append(Edit(0, lead, ""))
    trail = len(text.rstrip())
    if trail < len(text) and trail >= lead:
        edits.append(Edit(trail, len(text), ""))
    return edits
