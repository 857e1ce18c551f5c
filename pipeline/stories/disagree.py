"""Figures that disagree between two copies of one story: an MT that turned 1.2万 into 1,200,
a mirror that lost a digit. Same counted thing, values a power of ten apart or one digit off."""
from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts, Figure

PREFIX = "story copies disagree: "


@dataclass(slots=True)
class Disagreement:
    here: Figure
    there: Figure
    other_doc: str
    story: str

    def warning(self) -> str:
        return (f"{PREFIX}{_fmt(self.here.value)} {self.here.unit} here, "
                f"{_fmt(self.there.value)} {self.there.unit} in {self.other_doc} (story {self.story})")


_WARNING = None


def parse_warning(warning: str) -> tuple[str, str, str, str] | None:
    """(here, there, other doc, story) from a disagreement warning, else None."""
    global _WARNING
    if not warning.startswith(PREFIX):
        return None
    if _WARNING is None:
        import re

        _WARNING = re.compile(re.escape(PREFIX) + r"(.+) here, (.+) in (.+) \(story ([^)]+)\)$")
    m = _WARNING.match(warning)
    return m.groups() if m else None


def _fmt(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _digits(value: float) -> str:
    return f"{value:f}".rstrip("0").rstrip(".").replace(".", "")


def _one_digit_apart(a: str, b: str) -> bool:
    """One digit lost, added or changed (Levenshtein distance 1 on the digit strings)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def related(a: float, b: float) -> bool:
    """Values one mistranslation or one typo apart."""
    if a <= 0 or b <= 0 or a == b:
        return False
    big, small = max(a, b), min(a, b)
    ratio = big / small
    if any(abs(ratio - 10 ** k) < 1e-9 * ratio for k in range(1, 5)):
        return True
    return _one_digit_apart(_digits(a), _digits(b)) and len(_digits(small)) >= 2


def _same_thing(x: Figure, y: Figure, same_language: bool) -> bool:
    """The same counted thing: the same unit in one language; across languages the same
    `unit_key` (one vocabulary for both), or the same activity type and category."""
    if same_language and x.unit and x.unit.lower() == y.unit.lower():
        return True
    if x.unit_key and x.unit_key != "other" and x.unit_key == y.unit_key and x.category == y.category:
        return True
    return x.category == y.category and x.activity is not None and x.activity == y.activity


def disagreements(here: Facts, there: Facts, other_doc: str, story: str) -> list[Disagreement]:
    """Figures of `here` that another copy (`there`) gives with another value."""
    same_language = here.language == there.language
    out = []
    unmatched_there = [f for v, f in there.figures.items() if v not in here.figures and f.info > 0]
    for value, f in here.figures.items():
        if value in there.figures or f.info <= 0:
            continue
        for g in unmatched_there:
            if related(value, g.value) and _same_thing(f, g, same_language):
                out.append(Disagreement(f, g, other_doc, story))
                break
    return out
