"""Page debris: whole lines that a site, mirror or app wrapped around the bulletin.

Each fix decides, line by line, which lines to drop (patterns in configs/clean/debris.toml
and aggregators.txt) and removes them whole with `remove_lines`, so no span of the kept
text moves inside itself. Debris often carries numbers (page counters, dates, image names,
comment counts) that would otherwise become false counts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..offsets import Edit
from . import CleanContext, fix
from .lines import Line, normalized_lines, remove_lines, split_lines
from .dates import iso_date
from .metadata import SOURCE_LABELS as _SOURCE_LABELS, read_meta_line, record_meta
from .patterns import (Hint, LinePattern, aggregator_lines, debris, debris_lines, exact_lines,
                       meta_label, normalize_line)

_PUNCTUATION = re.compile(r"[，。,.!?！？;；:：、“”\"]")


def _matching(text: str, lines: list[Line], pattern: LinePattern) -> set[int]:
    """Lines of `text` the pattern finds something in; paragraphs longer than any debris
    line are never debris, and skipping them keeps the fixes fast."""
    longest = debris()["longest_line"]
    search = pattern.for_text(text)
    return {i for i, line in enumerate(lines)
            if line.text and len(line.text) <= longest and search(line.text)}


def _next_content(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if not lines[j].blank:
            return j
    return None


def _previous_content(lines: list[Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if not lines[j].blank:
            return j
    return None


def _is_short_name(line: str, limit: int) -> bool:
    """A short line without punctuation: an account name, a person's name."""
    return 0 < len(line) <= limit and not _PUNCTUATION.search(line)


@fix("navigation")
def navigation(text: str, ctx: CleanContext) -> list[Edit]:
    """Breadcrumbs, `当前位置`, `设为首页`, e-paper labels, lone navigation words, and a
    section tag before the title (`|党史学习教育|`)."""
    lines = split_lines(text)
    # a line is judged without its section tag, so that taking the tag off never
    # uncovers a navigation line for a second pass
    tags = _column_tags(text, lines)
    content = [line.text[len(tags[i].group(0)):].strip() if i in tags else line.text
               for i, line in enumerate(lines)]
    search, words = debris_lines("navigation").for_text(text), exact_lines("navigation")
    normalized = normalized_lines(text)
    drop = {i for i, s in enumerate(content)
            if s and (search(s) or (normalize_line(s) if i in tags else normalized[i]) in words)}
    separators = re.compile(debris()["navigation"]["separators"])
    for i in sorted(drop):
        # a section heading just above a breadcrumb repeats one of its segments
        before = _previous_content(lines, i)
        if before is not None and before not in drop:
            segments = {normalize_line(s) for s in separators.split(content[i])}
            if normalize_line(content[before]) in segments:
                drop.add(before)
    edits = remove_lines(text, lines, drop)
    for i, m in tags.items():
        if i not in drop:
            offset = lines[i].start + len(text[lines[i].start:lines[i].end]) - len(text[lines[i].start:lines[i].end].lstrip())
            edits.append(Edit(offset + m.start(), offset + m.end(), ""))
    return sorted(edits)


@lru_cache(maxsize=None)
def _date_stamp() -> re.Pattern:
    return re.compile(debris()["bylines"]["date_stamp"], re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=None)
def _column_tag() -> re.Pattern:
    return re.compile(debris()["navigation"]["column_tag"])


def _column_tags(text: str, lines: list[Line]) -> dict[int, re.Match]:
    """Section tags at the start of lines that go on after the tag: {line index: match}
    (match offsets relative to the stripped line)."""
    found = {}
    tag = _column_tag()
    if Hint.of(tag).absent(text):      # no tag anywhere in the text: none at a line start
        return found
    for i, line in enumerate(lines):
        m = tag.match(line.text) if line.text else None
        if m and m.end() < len(line.text):
            found[i] = m
    return found


_BULLET = re.compile(r"^[•·●▪◆■*\-–]\s*")


def strip_bullet(line: str) -> str:
    """A line without the list bullet a page put before it (`• 发布时间:...`)."""
    return _BULLET.sub("", line, count=1) if line and line[0] in "•·●▪◆■*-–" else line


def meta_line_labels(s: str) -> list[re.Match] | None:
    """The labels of a page meta line (`Source:Author:小编Click:`, `来源:周道客户端`, `By admin`,
    a date line), or None when `s` (a stripped line without its bullet) is no meta line."""
    config = debris()["bylines"]
    if len(s) > config["many_labels_line"]:
        return None
    # every label ends in a colon
    labels = list(meta_label().finditer(s)) if (":" in s or "：" in s) else []
    if ((len(labels) >= 2)
            or (labels and labels[0].start() == 0 and len(s) <= config["short_line"])
            or debris_lines("bylines").search(s) is not None):
        return labels
    return None


@fix("bylines")
def bylines(text: str, ctx: CleanContext) -> list[Edit]:
    """Bylines and page meta lines (`By admin`, `来源: 作者: 点击数:`, `Date: source: visits:`,
    `Description:`, `责编:`, a date on its own line, each with or without a list bullet);
    their byline and source go to ctx.meta first (their date is `page_header`'s). A meta
    line with a `source` field keeps that field (see _source_field)."""
    config = debris()["bylines"]
    lines = split_lines(text)
    drop: set[int] = set()
    edits: list[Edit] = []
    for i, line in enumerate(lines):
        if not line.text or i in drop or len(line.text) > config["many_labels_line"]:
            continue
        bullet = len(line.text) - len(strip_bullet(line.text))
        s = line.text[bullet:]
        labels = meta_line_labels(s)
        if labels is None:
            continue
        record_meta(ctx, read_meta_line(s))
        kept = _source_field(s, labels)
        if kept:
            edits += _keep_only(text, line, kept[0] + bullet, kept[1] + bullet)
            continue
        drop.add(i)
        # an empty label ("来源:") whose value stands on the next line
        if len(labels) == 1 and labels[0].start() == 0 and labels[0].end() == len(s):
            j = _next_content(lines, i)
            if j is not None and _is_short_name(lines[j].text, config["value_line"]):
                drop.add(j)
                record_meta(ctx, read_meta_line(s + lines[j].text))
    edits += remove_lines(text, lines, drop)
    return sorted(edits)


@fix("date_stamp")
def date_stamp(text: str, ctx: CleanContext) -> list[Edit]:
    """The `date 2022-10-01` stamp a page store put before the first sentence (its date is
    read by `page_header`, which runs first). Taken at the start of any line, so that
    removing lines above it cannot uncover a new one. (Runs before the other debris fixes:
    the line it opens may be one.)"""
    stamp_at_line_start = _date_stamp()
    edits = []
    if Hint.of(stamp_at_line_start).absent(text):
        return edits
    for stamp in stamp_at_line_start.finditer(text):
        if stamp.end() < len(text) and text[stamp.end()] != "\n":
            edits.append(Edit(stamp.start(), stamp.end(), ""))
    return edits


def _source_field(s: str, labels: list[re.Match]) -> tuple[int, int] | None:
    """The part of a meta line to keep: its `source`/`来源` field, when it has a value.

    The source names the publisher ("来源: 武威日报", "source:Office of Lu'an Municipal
    People's Government") and so, often, the only mention of the bulletin's city; it
    carries no numbers. The field runs from its label (or the line start, when only words
    stand before it: "Chinese source:") to the next label.
    """
    for k, m in enumerate(labels):
        if m.group(0).rstrip(":： ").strip().lower() not in _SOURCE_LABELS:
            continue
        end = labels[k + 1].start() if k + 1 < len(labels) else len(s)
        value = s[m.end():end].strip(" |\u3000")
        if not value or iso_date(value):
            return None
        start = 0 if k == 0 and not re.search(r"\d", s[:m.start()]) else m.start()
        return start, len(s[:end].rstrip(" |\u3000"))
    return None


def _keep_only(text: str, line: Line, keep_start: int, keep_end: int) -> list[Edit]:
    """Edits deleting a line's characters outside [keep_start, keep_end) of its stripped text."""
    raw_line = text[line.start:line.end]
    offset = line.start + len(raw_line) - len(raw_line.lstrip())
    edits = []
    if offset + keep_start > line.start:
        edits.append(Edit(line.start, offset + keep_start, ""))
    if offset + keep_end < line.end:
        edits.append(Edit(offset + keep_end, line.end, ""))
    return edits


@fix("comment_form")
def comment_form(text: str, ctx: CleanContext) -> list[Edit]:
    """`Leave a Reply ... Your email address will not be published`, `评论一下 ... 抢沙发`."""
    lines = split_lines(text)
    start, form = debris_lines("comment_form", "start"), debris_lines("comment_form")
    form = form.for_text(text)
    drop = _matching(text, lines, debris_lines("comment_form", "anywhere"))
    in_form = False
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if start.search(line.text):
            in_form = True
        elif not (in_form and form(line.text)):
            in_form = False
        if in_form:
            drop.add(i)
    return remove_lines(text, lines, drop)


@fix("share_widget")
def share_widget(text: str, ctx: CleanContext) -> list[Edit]:
    """`Share to: WeChat Weibo`, `分享到:`, and follow-us blocks (`文明武威 / 公众号`)."""
    config = debris()["share_widget"]
    lines = split_lines(text)
    drop = _matching(text, lines, debris_lines("share_widget"))
    labels = {normalize_line(x) for x in config["platform_labels"]}
    normalized = normalized_lines(text)
    for i, line in enumerate(lines):
        if line.text and normalized[i] in labels:
            drop.add(i)
            before = _previous_content(lines, i)
            if before is not None and _is_short_name(lines[before].text, config["account_name"]):
                drop.add(before)
    return remove_lines(text, lines, drop)


@fix("icp_footer")
def icp_footer(text: str, ctx: CleanContext) -> list[Edit]:
    """ICP registration, copyright, sponsor and visit-counter lines of a page footer."""
    lines = split_lines(text)
    return remove_lines(text, lines, _matching(text, lines, debris_lines("icp_footer")))


@fix("aggregator")
def aggregator(text: str, ctx: CleanContext) -> list[Edit]:
    """Aggregator site names (`laitimes`) and app boilerplate (`打开网易新闻 查看更多图片`)."""
    return _remove_exact_lines(text, aggregator_lines())


@fix("related_links")
def related_links(text: str, ctx: CleanContext) -> list[Edit]:
    """`相关文章`, `related recommendations`: the label of a links widget."""
    return _remove_exact_lines(text, exact_lines("related_links"))


def _remove_exact_lines(text: str, names) -> list[Edit]:
    """Remove every line that, normalised, is one of `names`."""
    lines = split_lines(text)
    normalized = normalized_lines(text)
    drop = {i for i, line in enumerate(lines) if line.text and normalized[i] in names}
    return remove_lines(text, lines, drop)


@fix("image_filename")
def image_filename(text: str, ctx: CleanContext) -> list[Edit]:
    """Lines that are only an image file name (`640 (5).png`)."""
    lines = split_lines(text)
    return remove_lines(text, lines, _matching(text, lines, debris_lines("image_filename")))


@fix("repeated_title")
def repeated_title(text: str, ctx: CleanContext) -> list[Edit]:
    """Later copies of a heading-like line (the title copied under every photo); the first stays."""
    config = debris()["repeated_title"]
    lines = split_lines(text)
    normalized = normalized_lines(text)
    seen: set[str] = set()
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not (config["min_length"] <= len(line.text) <= config["max_length"]):
            continue
        key = normalized[i]
        if key in seen:
            drop.add(i)
        seen.add(key)
    return remove_lines(text, lines, drop)
