"""The page header: headline, publication date and publisher, read before the debris fixes
take its lines away (the `page_header` fix; it makes no edits).

The header is the run of lines before the first line of running text. Each of its lines is
one of: a meta line (a date line, `发布时间:...`, `Source:...`, `By admin`), debris (navigation,
a navigation bar, a contact or advertisement line, a bracketed label, an outlet's name, page
furniture), a headline candidate (the shape of a headline: not a sentence, within the
lengths of configs/clean/header.toml), or something else (a section name too short to be a
headline). The headline is the candidate nearest before the first meta line that follows a
candidate (pages put the date and source under the headline); without such a meta line, the
candidate that opens the header. A page whose text starts with a sentence has no headline.

The publication date is a date of a header meta line: labelled ones first, those under the
headline before those above it (a page clock above the headline is no publication date);
failing those, a labelled date line further down. A date inside a sentence is an event's.

The title is quoted from the raw input as written (its script and annotations kept), with
only the character repairs of the line and page-layout characters at its ends taken off.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..offsets import Edit
from . import CleanContext, fix
from .data import dates_data, header_data
from .dates import DateHit, find_dates
from .debris import meta_line_labels, strip_bullet
from .fixes import repaired_line
from .lines import Line, split_lines
from .patterns import (FLAGS, LinePattern, aggregator_lines, debris_lines, exact_lines, meta_label,
                       normalize_line)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_CJK}]")
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(rf"[A-Za-z{_CJK}]")
_SPACES = re.compile(r"\s+")
# the debris fixes whose line patterns also mark a header line as no headline
_DEBRIS_SECTIONS = (("navigation", "lines"), ("share_widget", "lines"), ("icp_footer", "lines"),
                    ("image_filename", "lines"), ("comment_form", "start"), ("comment_form", "lines"))


class HeaderLine(NamedTuple):
    index: int                  # in split_lines(text)
    kind: str                   # meta | debris | candidate | body | other
    dates: list[DateHit]


@lru_cache(maxsize=None)
def _debris_patterns() -> list[LinePattern]:
    return [debris_lines(section, key) for section, key in _DEBRIS_SECTIONS] + [
        LinePattern(header_data().not_headline)]


@lru_cache(maxsize=None)
def _debris_words() -> frozenset[str]:
    """Lines that are nothing but one of these (or only these words) are page furniture."""
    return exact_lines("navigation") | exact_lines("related_links") | aggregator_lines()


@lru_cache(maxsize=None)
def _outlet() -> re.Pattern:
    suffixes = sorted(header_data().outlet_suffixes, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, suffixes))})\s*$", FLAGS)


@lru_cache(maxsize=None)
def _bar_separator() -> re.Pattern:
    return re.compile(header_data().bar_separators)


@lru_cache(maxsize=None)
def _sentence_end(language: str) -> re.Pattern:
    return re.compile(getattr(header_data(), language).sentence_end)


@lru_cache(maxsize=None)
def _labelled_number() -> re.Pattern:
    """A publication label with a number or a month name after it: what every labelled date
    line holds."""
    labels = sorted(dates_data().labels.publication, key=len, reverse=True)
    words = [r"\s+".join(map(re.escape, x.split())) for x in labels]
    return re.compile(rf"(?:{'|'.join(words)})\s*[:：]?\s*(?:\d|[A-Za-z]{{3}})", FLAGS)


@lru_cache(maxsize=None)
def _clause_marks(language: str) -> re.Pattern:
    return re.compile(getattr(header_data(), language).clause_marks)


@lru_cache(maxsize=None)
def _leading_debris() -> re.Pattern:
    """Layout characters before a title: spaces, and edge characters set off by a space
    ("• title", "| title"), not those that belong to it ("|专栏|title")."""
    edge = re.escape(header_data().edge_debris.replace(" ", ""))
    return re.compile(rf"(?:\s+|[{edge}]+(?=\s|$))*")


@lru_cache(maxsize=None)
def _subtitle() -> re.Pattern:
    return re.compile(header_data().subtitle)


@lru_cache(maxsize=None)
def _publisher_label() -> re.Pattern:
    labels = sorted(header_data().publisher_labels, key=len, reverse=True)
    alternatives = [rf"(?<![A-Za-z]){re.escape(x)}" if x.isascii() else rf"(?<![{_CJK}]){re.escape(x)}"
                    for x in labels]
    return re.compile(rf"(?:{'|'.join(alternatives)})\s*[:：]\s*", FLAGS)


def _is_bar(s: str) -> bool:
    """A navigation bar: `Home | News | Contact us | ...`, `中国西藏网 > 即时新闻 > 地方`."""
    config = header_data()
    segments = [x for x in _bar_separator().split(s) if x.strip()]
    return (len(segments) >= config.bar_min_segments
            and all(len(x.split()) <= config.bar_max_segment_words and len(x) <= 30 for x in segments))


@lru_cache(maxsize=None)
def _furniture_words() -> re.Pattern:
    """Any of the page-furniture words, in normalised (spaceless, case-folded) form."""
    words = sorted(_debris_words(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _is_debris(s: str, searches) -> bool:
    if not _LETTERS.search(s):
        return True           # "|||", "* * *", a lone number
    if any(search(s) for search in searches):
        return True
    normalized = normalize_line(s)
    if normalized in _debris_words():
        return True
    rest = _furniture_words().sub("", normalized)
    if rest != normalized and not _LETTERS.search(rest):
        return True           # only furniture words and numbers: "3 上一篇 下一篇 4 放大 缩小 默认"
    config = header_data()
    if len(s) <= config.outlet_max_chars and _outlet().search(s):
        return True           # "大理州人民政府门户网站": the outlet, not the headline
    return _is_bar(s)


def _besides_dates(s: str, dates: list[DateHit]) -> str:
    """What a line holds besides its dates and clock times."""
    for hit in reversed(dates):
        s = s[:hit.start] + " " + s[hit.end:]
    return _SPACES.sub(" ", _TIME.sub(" ", s)).strip(" ,|•·-()（）")


def _date_line(s: str, dates: list[DateHit]) -> bool:
    """A line that is a date (and time) with at most a few words beside it."""
    if not dates:
        return False
    if dates[0].start == 0:
        return True
    rest = _besides_dates(s, dates)
    return len(rest) <= header_data().meta_line_rest and len(rest.split()) <= 4


def _starts_lower(s: str) -> bool:
    """The line opens with a lower-case word: the rest of a sentence, not a headline."""
    opening = s.lstrip("\"“‘'([（【")
    return bool(opening) and opening[0].islower()


def _is_headline_shape(s: str, language: str) -> bool:
    shape = getattr(header_data(), "zh" if language == "zh" else "en")
    if len(s) > shape.max_chars or _sentence_end(language).search(s):
        return False
    if len(_clause_marks(language).findall(s)) > shape.max_clause_marks:
        return False
    if language == "zh":
        return len(_HAN.findall(s)) >= shape.min_han
    return shape.min_words <= len(_EN_WORD.findall(s)) <= shape.max_words and not _starts_lower(s)


def _is_long(s: str, language: str) -> bool:
    config = header_data()
    if language == "zh":
        return len(s) >= config.body_chars
    return len(s) >= 4 * config.body_words and len(_EN_WORD.findall(s)) >= config.body_words


def _is_body(s: str, language: str) -> bool:
    ends_sentence = _sentence_end(language).search(s) is not None
    if language == "zh":
        return _is_long(s, language) or (ends_sentence and len(s) >= 10)
    words = len(_EN_WORD.findall(s))
    return _is_long(s, language) or (words >= 6 and (ends_sentence or _starts_lower(s)))


def classify(s: str, language: str, searches=None) -> tuple[str, list[DateHit]]:
    """The kind of one header line (stripped, without its bullet) and its dates. `searches`:
    the debris patterns' search functions."""
    dates = find_dates(s)
    if any(h.labelled for h in dates) or _date_line(s, dates) or meta_line_labels(s) is not None:
        return "meta", dates
    if _is_long(s, language):
        return "body", []     # debris lines are short: a long line is running text
    if searches is None:
        searches = [pattern.search for pattern in _debris_patterns()]
    if _is_debris(s, searches):
        return "debris", []
    if _subtitle().search(s):
        return "other", []
    if _is_headline_shape(s, language):
        return "candidate", []
    if _is_short_sentence(s, language):
        return "sentence", []
    if _is_body(s, language):
        return "body", []
    return "other", []


def _is_short_sentence(s: str, language: str) -> bool:
    """An English headline written as a sentence ("Riverside plants 300 trees."): the headline
    only when a meta line follows it (read_header decides)."""
    if language == "zh" or not s.endswith(".") or _starts_lower(s):
        return False
    return getattr(header_data(), "en").min_words <= len(_EN_WORD.findall(s)) <= header_data().body_words


def read_header(lines: list[Line], language: str) -> list[HeaderLine]:
    """The header lines, up to the first line of running text."""
    searches = [pattern.search for pattern in _debris_patterns()]
    header: list[HeaderLine] = []
    content = [i for i, line in enumerate(lines) if line.text]
    for k, i in enumerate(content):
        if len(header) >= header_data().header_lines:
            break
        kind, dates = classify(strip_bullet(lines[i].text), language, searches)
        if kind == "sentence":
            # a sentence with a meta line under it is a headline; otherwise the text begins
            after = classify(strip_bullet(lines[content[k + 1]].text), language, searches)[0] \
                if k + 1 < len(content) else "body"
            kind = "candidate" if after == "meta" else "body"
        if kind == "body":
            break
        header.append(HeaderLine(i, kind, dates))
    return header


def choose_title(header: list[HeaderLine]) -> int | None:
    """Index of the headline line, or None.

    Under a meta line: the candidate nearest above it. Without one: the first candidate,
    unless more short lines follow it than a byline and a note (verse, slogans, a list of
    names: the page opens with no headline)."""
    candidates = [h.index for h in header if h.kind == "candidate"]
    if not candidates:
        return None
    for h in header:
        if h.kind == "meta" and h.index > candidates[0]:
            return max(c for c in candidates if c < h.index)
    after = [h for h in header if h.index > candidates[0] and h.kind in ("candidate", "other")]
    return candidates[0] if len(after) <= header_data().max_lines_under_headline else None


def choose_date(header: list[HeaderLine], title: int | None, lines: list[Line]) -> str | None:
    """The publication date among the header's meta lines, else a labelled date line below,
    else a date line that closes the page."""
    ranked = []
    for h in header:
        for hit in h.dates:
            below = title is None or h.index > title
            ranked.append(((0 if below else 2) + (0 if hit.labelled else 1), h.index, hit.iso))
    if ranked:
        return min(ranked)[2]
    last = header[-1].index if header else -1
    for line in lines[last + 1:]:
        # a long line (running text) is read only at its start, where a date stamp would stand
        s = strip_bullet(line.text if len(line.text) <= 240 else line.text[:40])
        if not (":" in s or "：" in s or _labelled_number().match(s)) or not _DIGIT.search(s):
            continue
        labelled = [hit for hit in find_dates(s) if hit.labelled]
        if labelled and (meta_line_labels(s) is not None or labelled[0].start <= 12):
            return labelled[0].iso
    # a notice closes with its issuer and a date line of its own (落款: "河畔区民政局 / 2022年5月18日")
    closing = [line for line in lines[last + 1:] if line.text][-header_data().closing_lines:]
    for line in reversed(closing):
        s = strip_bullet(line.text)
        dates = find_dates(s)
        if dates and len(_besides_dates(s, dates)) <= header_data().closing_rest:
            return dates[0].iso
    return None


def _publisher(lines: list[Line], header: list[HeaderLine]) -> str | None:
    """The value of a `来源:` / `Source:` / `发布单位:` field on a header meta line."""
    for h in header:
        if h.kind != "meta":
            continue
        s = strip_bullet(lines[h.index].text)
        m = _publisher_label().search(s)
        if not m:
            continue
        value = s[m.end():]
        ends = [x.start() for x in meta_label().finditer(value)]
        ends += [x.start for x in find_dates(value)]
        ends += [x.start() for x in re.finditer(r"\s{2,}|\s[|•·]\s?|[|•]", value)]
        value = value[:min(ends)] if ends else value
        value = value.strip(" |•·\u3000()（）")
        if value:
            return value
    return None


def _title_text(text: str, line: Line, ctx: CleanContext) -> str | None:
    """The headline as written in the raw input, page-layout characters off its ends."""
    s = text[line.start:line.end]
    start = line.start + _leading_debris().match(s).end()
    end = line.start + len(s.rstrip(header_data().edge_debris + " \t\u3000"))
    if end <= start:
        return None
    if ctx.raw:
        raw_start, raw_end = ctx.alignment.to_raw(start, end)
        written = ctx.raw[raw_start:raw_end]
    else:
        written = text[start:end]
    return repaired_line(written) or None


@fix("page_header")
def page_header(text: str, ctx: CleanContext) -> list[Edit]:
    """The headline, the publication date and the publisher from the page header into
    ctx.meta; the text is left as it is (no edits)."""
    lines = split_lines(text)
    header = read_header(lines, ctx.language)
    title = choose_title(header)
    if title is not None:
        written = _title_text(text, lines[title], ctx)
        if written:
            ctx.meta.setdefault("title", written)
    date = choose_date(header, title, lines)
    if date:
        ctx.meta.setdefault("date", date)
    publisher = _publisher(lines, header)
    if publisher:
        ctx.meta.setdefault("publisher", publisher)
    return []

