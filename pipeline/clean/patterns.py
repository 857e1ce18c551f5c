"""Compiled cleaning patterns from configs/clean/, built once per process."""
from __future__ import annotations

import re
import re._constants as _sre_constants
import re._parser as _sre_parser
from functools import lru_cache

from ..resources import load_lines, load_toml

FLAGS = re.IGNORECASE


def any_of(patterns: list[str]) -> re.Pattern:
    """One regex that matches where any of `patterns` would (each kept in its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


# characters that an IGNORECASE regex matches to an ASCII letter but `str.lower` does not
# turn into it (U+0130 İ, U+0131 ı, U+017F ſ): a text holding one skips the literal hints
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` holds at least one (lower-cased when the
    pattern ignores case): in each alternative, its longest run of literal characters (or
    the best such set of a group it must match); None when some alternative has none."""
    ignore_case = bool(flags & re.IGNORECASE)
    c = _sre_constants

    def usable(ch: str) -> bool:
        # an ASCII character, or one without case (CJK, ©): `str.lower` matches it as sre does
        return ch.isascii() or (ch.lower() == ch and ch.upper() == ch)

    def best(options: list[list[str]]) -> list[str] | None:
        options = [o for o in options if o]
        return max(options, key=lambda o: min(map(len, o))) if options else None

    def from_sequence(items) -> list[str] | None:
        options: list[list[str]] = []
        run: list[str] = []
        for op, av in list(items) + [(None, None)]:
            if op is c.LITERAL and usable(chr(av)):
                run.append(chr(av))
                continue
            if run:
                literal = "".join(run)
                options.append([literal.lower() if ignore_case else literal])
                run = []
            if op is c.IN and av and all(item[0] is c.LITERAL and usable(chr(item[1])) for item in av):
                options.append(sorted({chr(item[1]).lower() if ignore_case else chr(item[1])
                                       for item in av}))       # a set of characters: one of them
            elif op is c.BRANCH:
                found = []
                for alternative in av[1]:
                    sub = from_sequence(alternative)
                    if sub is None:
                        found = None
                        break
                    found += sub
                if found:
                    options.append(found)
            elif op is c.SUBPATTERN and not (av[1] or av[2]):     # a group that keeps the flags
                sub = from_sequence(av[3])
                if sub:
                    options.append(sub)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                sub = from_sequence(av[2])
                if sub:
                    options.append(sub)
        return best(options)

    try:
        found = from_sequence(_sre_parser.parse(pattern, flags))
    except Exception:       # an unusual pattern: no hint, always searched
        return None
    return tuple(sorted(set(found))) if found else None


class Hint:
    """A cheap whole-text test for a regex: `absent(text)` is True only when the regex
    cannot match anywhere in the text (none of its required literals occurs). Lines are
    substrings of the text, so it holds for every line too."""

    __slots__ = ("literals", "ignore_case")

    def __init__(self, pattern: re.Pattern):
        self.literals = required_literals(pattern.pattern, pattern.flags)
        self.ignore_case = bool(pattern.flags & re.IGNORECASE)

    @classmethod
    @lru_cache(maxsize=None)
    def of(cls, pattern: re.Pattern) -> "Hint":
        """The hint of a compiled pattern, built once."""
        return cls(pattern)

    def absent(self, text: str) -> bool:
        if self.literals is None:
            return False
        if self.ignore_case:
            if any(trap in text for trap in _CASE_TRAPS):
                return False
            text = lowered(text)
        return not any(literal in text for literal in self.literals)


_last_lowered: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """`text.lower()`, kept for the last text (several fixes test the same text)."""
    global _last_lowered
    last = _last_lowered
    if last[0] == text:
        return last[1]
    low = text.lower()
    _last_lowered = (text, low)
    return low


class LinePattern:
    """Line patterns of one config list, searched as `any_of(patterns)` would be (only
    whether a line matches counts): the patterns anchored with `^` are tried at the line
    start only, and the others are skipped for a text that cannot hold a match of them."""

    __slots__ = ("pattern", "anchored", "floating", "hint")

    def __init__(self, patterns: list[str]):
        self.pattern = any_of(patterns)
        anchored = [p for p in patterns if _starts_anchored(p)]
        floating = [p for p in patterns if not _starts_anchored(p)]
        self.anchored = any_of(anchored) if anchored else None
        self.floating = any_of(floating) if floating else None
        self.hint = Hint(self.floating) if floating else None

    def search(self, line: str):
        """A match if any pattern matches in `line`, else None."""
        if self.anchored is not None:
            m = self.anchored.match(line)
            if m:
                return m
        return self.floating.search(line) if self.floating is not None else None

    def for_text(self, text: str):
        """`search` for the lines of `text`, the floating patterns dropped when the text
        cannot match them."""
        if self.floating is not None and self.hint.absent(text):
            if self.anchored is None:
                return _no_match
            return self.anchored.match
        return self.search


def _no_match(line: str) -> None:
    return None


def _starts_anchored(pattern: str) -> bool:
    """Whether every match of `pattern` starts at the start of the string (`^` first, no
    MULTILINE, no top-level alternative without it)."""
    try:
        parsed = list(_sre_parser.parse(pattern, FLAGS))
    except Exception:
        return False
    return bool(parsed) and parsed[0] == (_sre_constants.AT, _sre_constants.AT_BEGINNING)


@lru_cache(maxsize=None)
def debris() -> dict:
    return load_toml("clean/debris.toml")


@lru_cache(maxsize=None)
def debris_lines(section: str, key: str = "lines") -> LinePattern:
    return LinePattern(debris()[section][key])


@lru_cache(maxsize=None)
def exact_lines(section: str) -> frozenset[str]:
    return frozenset(normalize_line(x) for x in debris()[section]["exact"])


@lru_cache(maxsize=None)
def aggregator_lines() -> frozenset[str]:
    return frozenset(normalize_line(x) for x in load_lines("clean/aggregators.txt"))


@lru_cache(maxsize=None)
def meta_label() -> re.Pattern:
    """A meta-field label followed by a colon: `Source:`, `作者：`."""
    labels = sorted(debris()["bylines"]["labels"], key=len, reverse=True)
    # an English label may follow Chinese text directly ("小编Click:"), so no \b before it
    alternatives = [rf"(?<![A-Za-z]){re.escape(x)}" if x.isascii() else re.escape(x) for x in labels]
    return re.compile(rf"(?:{'|'.join(alternatives)})\s*[:：]", FLAGS)


@lru_cache(maxsize=None)
def split_word_prefixes() -> frozenset[str]:
    return frozenset(x.lower() for x in load_lines("clean/split_word_prefixes.txt"))


def normalize_line(line: str) -> str:
    """Case- and space-insensitive form of a line, for exact-line lists (Chinese text
    loses its inner spaces in cleaning, so all spaces go)."""
    return "".join(line.split()).casefold()
