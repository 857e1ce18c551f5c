"""Date mentions in a bulletin's text (English or Chinese): the dates a story happened on.

Copies of one story share its dates ("On June 23" and "6月23日"); near misses (the same place
and campaign another month) do not. A mention is (year or None, month, day or None): a day
without a month ("18日") and a bare year tell too little and are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}


@dataclass(frozen=True, slots=True)
class DateMention:
    year: int | None
    month: int
    day: int | None

    def as_date(self, year: int | None = None) -> date | None:
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return date(y, self.month, self.day)
        except ValueError:
            return None

    def __str__(self) -> str:
        y = f"{self.year:04d}" if self.year else "????"
        return f"{y}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    # Month names capitalised only: "may" and "march" are also verbs.
    names = "|".join(sorted((n.capitalize() for n in MONTHS), key=len, reverse=True))
    month = rf"(?P<mname>{names})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    return (
        re.compile(rf"(?<!\d){year}\s*[-/.年]\s*(?P<month>[01]?\d)\s*[-/.月]\s*(?P<day>[0-3]?\d)(?!\d)"),
        re.compile(rf"(?<![\d年])(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*[日号]"),
        re.compile(rf"(?<!\d){year}\s*年\s*(?P<month>[01]?\d)\s*月(?!\s*\d)"),
        re.compile(rf"\b{month}\s+{day}\b(?:,?\s+{year}\b)?"),
        re.compile(rf"\b{day}\s+(?:of\s+)?{month}\b(?:,?\s+{year}\b)?"),
        re.compile(rf"\b{month},?\s+{year}\b"),
    )


def _mention(m: re.Match) -> DateMention | None:
    groups = m.groupdict()
    month = MONTHS[groups["mname"].lower()] if groups.get("mname") else int(groups["month"])
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return DateMention(year, month, day)


def parse_iso(value: str | None) -> DateMention | None:
    """A record's `date` (YYYY-MM-DD or YYYY-MM) as a mention; a bare year says too little."""
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?", value or "")
    if not m:
        return None
    return DateMention(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)


def find_dates(text: str, published: str | None = None) -> tuple[DateMention, ...]:
    """Every date mention of the text, plus the publication date; yearless day mentions get
    the year of the publication (or of the first dated mention): news reports recent days."""
    found: dict[tuple[int, int], DateMention] = {}
    for pattern in _patterns():
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in found):
                continue            # already read by an earlier, longer pattern
            mention = _mention(m)
            if mention is not None:
                found[m.span()] = mention
    mentions = [found[k] for k in sorted(found)]
    pub = parse_iso(published)
    if pub is not None:
        mentions.insert(0, pub)
    anchor = next((d.as_date() for d in mentions if d.year and d.day and d.as_date()), None)
    out = []
    for d in mentions:
        if d.year is None and d.day is not None and anchor is not None:
            # the latest year that does not put the day more than a week after the anchor
            year = anchor.year
            dated = d.as_date(year)
            if dated is not None and (dated - anchor).days > 7:
                year -= 1
            d = DateMention(year, d.month, d.day)
        out.append(d)
    return tuple(dict.fromkeys(out))
