"""Dates as pages write them, read into ISO form (`YYYY-MM-DD`, or `YYYY-MM` when no day is
given): numeric with any separator (`2022-05-18`, `2022.06.27`, `2022/5/3`), Chinese
(`2022年05月18日`, `2022年05月18`, `2022年5月`), English month names (`Sep 14, 2022`,
`30 December 2019`, `March 2023`), and two-digit years after a publication label
(`Pub Date:22-08-22`). Words (month names, labels) live in configs/clean/dates.toml.

`find_dates(line)` returns every date of a line with whether a publication label stands
right before it; choosing the page's publication date among them is `pipeline/clean/header.py`'s.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from .data import dates_data

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\d{4}")
_LABEL_REACH = 40         # a label stands within this many characters before its date


class DateHit(NamedTuple):
    iso: str
    start: int          # offsets in the line
    end: int
    labelled: bool      # a publication label ("发布时间:", "Pub Date:") stands right before it


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[re.Pattern, str]]:
    """(pattern, order of its groups) in priority order: a full date before a partial one."""
    month = r"\b(?P<month>[A-Za-z]{3,9})\.?"          # a month name: checked in _read
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})"
    edge_before, edge_after = r"(?<![\d./-])", r"(?![\d:]|[./-]\d)"
    numeric = (rf"{edge_before}{year}\s*(?:年\s*(?P<m1>\d{{1,2}})\s*月\s*(?P<d1>\d{{1,2}})(?:\s*日)?"
               rf"|(?P<sep>[-/.])\s*(?P<m2>\d{{1,2}})\s*(?P=sep)\s*(?P<d2>\d{{1,2}})){edge_after}")
    return [
        (re.compile(numeric), "numeric"),
        (re.compile(rf"{month}\s+{day},?\s+{year}\b"), "english"),
        (re.compile(rf"\b{day}\s+{month},?\s+{year}\b"), "english"),
        (re.compile(rf"\b{year},?\s+{month}\s+{day}\b"), "english"),
        (re.compile(rf"{edge_before}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep){year}\b"), "day_first"),
        (re.compile(rf"{edge_before}{year}\s*年\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d)"), "year_month"),
        (re.compile(rf"{month},?\s+{year}\b"), "english_month"),
        (re.compile(rf"{edge_before}(?P<yy>\d{{2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){edge_after}"),
         "two_digit"),
    ]


_WORD = re.compile(r"[a-z]{3,9}")


def _has_month_name(line: str) -> bool:
    """A line without a month name holds no English date."""
    months = dates_data().months
    return any(w in months for w in _WORD.findall(line.lower()))


@lru_cache(maxsize=None)
def _label_before() -> re.Pattern:
    """A publication label at the end of the text before a date."""
    labels = sorted(dates_data().labels.publication, key=len, reverse=True)
    english = [r"\s+".join(map(re.escape, x.split())) for x in labels if x.isascii()]
    chinese = [re.escape(x) for x in labels if not x.isascii()]
    return re.compile(rf"(?:(?<![A-Za-z])(?:{'|'.join(english)})|(?<![{_CJK}])(?:{'|'.join(chinese)}))"
                      r"\s*[:：]?\s*$", re.IGNORECASE)


def _iso(year: int, month: int, day: int | None) -> str | None:
    data = dates_data()
    if not (data.first_year <= year <= data.last_year and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _read(m: re.Match, kind: str, labelled: bool) -> str | None:
    g = m.groupdict()
    if kind == "numeric":
        month, day = (g["m1"], g["d1"]) if g["m1"] else (g["m2"], g["d2"])
        return _iso(int(g["year"]), int(month), int(day))
    if kind in ("english", "english_month"):
        month = dates_data().months.get(g["month"].lower())
        if month is None or not g["month"][0].isupper():     # "may", "march" as words of a sentence
            return None
        return _iso(int(g["year"]), month, int(g["day"]) if kind == "english" else None)
    if kind == "day_first":                   # 30/12/2019; 03/04/2019 is ambiguous: no date
        d, mo = int(g["d"]), int(g["m"])
        if d <= 12 and mo <= 12 and d != mo:
            return None
        return _iso(int(g["year"]), mo, d) if mo <= 12 else _iso(int(g["year"]), d, mo)
    if kind == "year_month":
        return _iso(int(g["year"]), int(g["month"]), None)
    if kind == "two_digit" and labelled:      # 22-08-22 only after "Pub Date:"
        return _iso(2000 + int(g["yy"]), int(g["m"]), int(g["d"]))
    return None


def find_dates(line: str) -> list[DateHit]:
    """The dates in one line, left to right (overlapping readings: the fuller one)."""
    if not _DIGIT.search(line):
        return []
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    if not _YEAR.search(line):
        kinds = {"two_digit"}                 # every other form has a four-digit year
    else:
        kinds = {"numeric", "day_first"}
        if "年" in line:
            kinds.add("year_month")
        if _has_month_name(line):
            kinds |= {"english", "english_month"}
    for pattern, kind in _patterns():
        if kind not in kinds and not (kind == "two_digit" and not hits):
            continue
        for m in pattern.finditer(line):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            labelled = _label_before().search(line, max(0, start - _LABEL_REACH), start) is not None
            iso = _read(m, kind, labelled)
            if iso:
                hits.append(DateHit(iso, start, end, labelled))
                taken.append((start, end))
    return sorted(hits, key=lambda h: h.start)


def iso_date(text: str) -> str | None:
    """The first full date (`YYYY-MM-DD`) in `text`, or None."""
    return next((h.iso for h in find_dates(text) if len(h.iso) == 10), None)
