"""The built-in cleaning fixes. Each is pure and idempotent and returns edits."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from ftfy import TextFixerConfig, fix_text

from ..offsets import Edit
from . import CleanContext, fix

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\u0085")
_NEWLINE_CHARACTERS = ("\r", "\u2028", "\u2029", "\u0085")     # what every match starts with
# horizontal whitespace: any Unicode space but the line break (U+3000 indents, NBSP, ...)
_HSPACE = r"[^\S\n]"
# a line break with the spaces around it and any blank lines after it, or a run of spaces
_WHITESPACE = re.compile(rf"(?P<breaks>{_HSPACE}*\n(?:\s*\n)?{_HSPACE}*)|(?P<spaces>{_HSPACE}+)")
# where a run of whitespace starts that the whitespace fix may change (its first character
# followed by more whitespace, or a space other than " " and "\n"); English text skips the
# lone " " between words (it stays as it is), Chinese text stops at every space, which it
# may delete between Chinese characters. A lone "\n" always stays.
_NOTABLE_SPACE = {"en": re.compile(r"\s(?:\s|(?<=[^\S \n]))"),
                  "zh": re.compile(r"\s(?:\s|(?<=[^\S\n]))")}
# characters that sit tight against each other in Chinese text: a space between two of
# them (one at least Chinese) is debris of the page layout ("组建了 宣讲队", "12支，  把")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCTUATION = "\u3001-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019"
_CHINESE = re.compile(f"[{_CJK}{_CJK_PUNCTUATION}]")
_TIGHT = re.compile(f"[{_CJK}{_CJK_PUNCTUATION}0-9]")

# encoding repair: ftfy with every option that could change good text turned off. Width
# folding would turn Chinese `，` into `,` (the fullwidth_ascii fix folds only what it
# should), uncurling would lose the quotes MT text uses, and normalisation and line
# breaks have their own fixes.
_FTFY_CONFIG = TextFixerConfig(
    unescape_html="auto", remove_terminal_escapes=True, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=True, fix_character_width=False, uncurl_quotes=False,
    fix_line_breaks=False, fix_surrogates=True, remove_control_chars=False, normalization=None,
    explain=False)

# what ftfy can repair shows one of these (Latin-1/C1 characters of mojibake, Greek of
# cp437 mojibake, ligatures, surrogates, terminal escapes, HTML entities); other lines
# skip ftfy, which matters for speed: most lines are clean
_MAYBE_DAMAGED = re.compile(r"[\u0080-\u00ff\u0370-\u03ff\ufb00-\ufb06\ud800-\udfff\x1b]|&#?\w+;")
_SUSPECT_CHARACTER = re.compile(r"[\u0080-\u00ff\u0370-\u03ff\ufb00-\ufb06\ud800-\udfff\x1b]")  # its first part

# full-width forms U+FF01-FF5E are ASCII shifted by 0xFEE0
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_FULLWIDTH_ANY = re.compile("[\uff01-\uff5e\u3002\u3001]+")
_FULLWIDTH_POINT = re.compile("(?<=[0-9\uff10-\uff19])\uff0e(?=[0-9\uff10-\uff19])")
_ENGLISH_PUNCTUATION = {"\u3002": ".", "\u3001": ","}


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
    if not any(ch in text for ch in _NEWLINE_CHARACTERS):
        return []
    return regex_edits(_NEWLINES, text, "\n")


@fix("unicode_nfc")
def unicode_nfc(text: str, ctx: CleanContext) -> list[Edit]:
    """Compose characters (NFC) line by line, so an edit stays local."""
    if unicodedata.is_normalized("NFC", text):     # then so is every line
        return []
    edits, pos = [], 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            edits.append(Edit(pos, pos + len(line), unicodedata.normalize("NFC", line)))
        pos += len(line) + 1
    return edits


@fix("repair_encoding")
def repair_encoding(text: str, ctx: CleanContext) -> list[Edit]:
    """Mojibake (`â€œ` -> `“`), HTML entities, ligatures, with ftfy; line by line, and each
    changed line diffed so only the damaged characters are replaced."""
    edits, pos = [], 0
    if "&" not in text and not _SUSPECT_CHARACTER.search(text):   # no suspect line, then
        return edits
    for line in text.split("\n"):
        if _MAYBE_DAMAGED.search(line):
            # ftfy reads an NBSP next to mojibake as part of it and then leaves the whole
            # run alone; the whitespace fix turns NBSP into a space later, so ftfy sees
            # it as a space now (same length: the diff offsets still fit the line)
            spaced = line.replace("\u00a0", " ")
            fixed = fix_text(spaced, config=_FTFY_CONFIG)
            if fixed != spaced:
                edits += _diff_edits(spaced, fixed, pos)
        pos += len(line) + 1
    return edits


def repaired_line(line: str) -> str:
    """One line as the character fixes would leave it, its script kept as written: control
    characters out, mojibake and entities repaired, NFC, runs of spaces to one, stripped."""
    line = _CONTROL.sub("", line)
    if _MAYBE_DAMAGED.search(line):
        line = fix_text(line.replace("\u00a0", " "), config=_FTFY_CONFIG)
    return " ".join(unicodedata.normalize("NFC", line).split())


def _diff_edits(old: str, new: str, offset: int) -> list[Edit]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [Edit(offset + i1, offset + i2, new[j1:j2])
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


@fix("fullwidth_ascii")
def fullwidth_ascii(text: str, ctx: CleanContext) -> list[Edit]:
    """Full-width digits and letters become ASCII (`８６０` -> `860`). In English text all
    full-width forms do (`，` -> `,`); in Chinese text its punctuation stays as it is."""
    def to_ascii(m: re.Match) -> str:
        chars = []
        for ch in m.group(0):
            chars.append(_ENGLISH_PUNCTUATION.get(ch) or chr(ord(ch) - 0xFEE0))
        return "".join(chars)

    if text.isascii():          # no full-width form
        return []
    if ctx.language == "zh":
        edits = regex_edits(_FULLWIDTH_ALNUM, text, to_ascii)
        if "\uff0e" in text:
            edits += regex_edits(_FULLWIDTH_POINT, text, ".")
        return sorted(edits)
    return regex_edits(_FULLWIDTH_ANY, text, to_ascii)


@fix("collapse_whitespace")
def collapse_whitespace(text: str, ctx: CleanContext) -> list[Edit]:
    """Lines stripped (ideographic indents too), runs of spaces to one, blank lines to one;
    in Chinese text no space between Chinese characters, punctuation or digits."""
    def replace(m: re.Match) -> str:
        if m.group("breaks") is not None:
            return "\n\n" if m.group(0).count("\n") >= 2 else "\n"
        start, end = m.span()
        if start == 0 or end == len(text):
            return ""
        if ctx.language == "zh":
            before, after = text[start - 1], text[end]
            if (_TIGHT.match(before) and _TIGHT.match(after)
                    and (_CHINESE.match(before) or _CHINESE.match(after))):
                return ""
        return " "

    edits = []
    for m in _whitespace_runs(text, _NOTABLE_SPACE["zh" if ctx.language == "zh" else "en"]):
        new = replace(m)
        if new != m.group(0):
            edits.append(Edit(m.start(), m.end(), new))
    return edits


def _whitespace_runs(text: str, notable: re.Pattern) -> list[re.Match]:
    """The matches of `_WHITESPACE` in `text` (one per run of whitespace, from its first
    character: it cannot match elsewhere), except lone spaces inside the text that `notable`
    passes over. Those are the only ones a regex scan would stop at for every word."""
    found = []
    first = _WHITESPACE.match(text, 0)     # the run at the start, lone space or not
    if first:
        found.append(first)
    pos = first.end() if first else 0
    while True:
        hit = notable.search(text, pos)
        if hit is None:
            break
        m = _WHITESPACE.match(text, hit.start())
        found.append(m)
        pos = m.end()
    if pos < len(text) and text[-1] == " ":     # a lone space at the end
        found.append(_WHITESPACE.match(text, len(text) - 1))
    return found


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
