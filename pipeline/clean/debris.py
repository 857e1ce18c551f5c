"""Page debris: whole lines that a site, mirror or app wrapped around the bulletin.

Each fix decides, line by line, which lines to drop (patterns in configs/clean/debris.toml
and aggregators.txt) and removes them whole with `remove_lines`, so no span of the kept
text moves inside itself. Debris often carries numbers (page counters, dates, image names,
comment counts) that would otherwise become false counts.
"""
from __future__ import annotations

import re

from ..offsets import Edit
from . import CleanContext, fix
from .lines import Line, remove_lines, split_lines
from .metadata import read_meta_line, record_meta
from .patterns import (aggregator_lines, debris, debris_lines, exact_lines, meta_label,
                       normalize_line)

_PUNCTUATION = re.compile(r"[，。,.!?！？;；:：、“”\"]")


def _matching(lines: list[Line], pattern: re.Pattern) -> set[int]:
    return {i for i, line in enumerate(lines) if line.text and pattern.search(line.text)}


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
    drop = _matching(lines, debris_lines("navigation"))
    words = exact_lines("navigation")
    drop |= {i for i, line in enumerate(lines) if line.text and normalize_line(line.text) in words}
    separators = re.compile(debris()["navigation"]["separators"])
    for i in sorted(drop):
        # a section heading just above a breadcrumb repeats one of its segments
        before = _previous_content(lines, i)
        if before is not None and before not in drop:
            segments = {normalize_line(s) for s in separators.split(lines[i].text)}
            if normalize_line(lines[before].text) in segments:
                drop.add(before)
    edits = remove_lines(text, lines, drop)
    tag = re.compile(debris()["navigation"]["column_tag"])
    for i, line in enumerate(lines):
        if i in drop or not line.text:
            continue
        raw_line = text[line.start:line.end]
        indent = len(raw_line) - len(raw_line.lstrip())
        m = tag.match(raw_line, indent)
        if m and m.end() < len(raw_line.rstrip()):
            edits.append(Edit(line.start + m.start(), line.start + m.end(), ""))
    return sorted(edits)


@fix("bylines")
def bylines(text: str, ctx: CleanContext) -> list[Edit]:
    """Bylines and page meta lines (`By admin`, `来源: 作者: 点击数:`, `Date: source: visits:`,
    `Description:`, `责编:`, a date on its own line); their date, byline and source go to
    ctx.meta first. Also the `date 2022-10-01` stamp a page store put before the text."""
    config = debris()["bylines"]
    lines = split_lines(text)
    label = meta_label()
    pattern = debris_lines("bylines")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        s = line.text
        if not s or i in drop:
            continue
        labels = list(label.finditer(s))
        is_meta = (
            (len(labels) >= 2 and len(s) <= config["many_labels_line"])
            or (labels and labels[0].start() == 0 and len(s) <= config["short_line"])
            or pattern.search(s) is not None
        )
        if not is_meta:
            continue
        drop.add(i)
        record_meta(ctx, read_meta_line(s))
        # an empty label ("来源:") whose value stands on the next line
        if len(labels) == 1 and labels[0].start() == 0 and labels[0].end() == len(s):
            j = _next_content(lines, i)
            if j is not None and _is_short_name(lines[j].text, config["value_line"]):
                drop.add(j)
                record_meta(ctx, read_meta_line(s + lines[j].text))
    edits = remove_lines(text, lines, drop)
    stamp = re.compile(config["date_stamp"], re.IGNORECASE).match(text)
    if stamp and stamp.end() < len(text) and not (0 in drop):
        record_meta(ctx, {"date": stamp.group(1)})
        edits.append(Edit(0, stamp.end(), ""))
    return sorted(edits)


@fix("comment_form")
def comment_form(text: str, ctx: CleanContext) -> list[Edit]:
    """`Leave a Reply ... Your email address will not be published`, `评论一下 ... 抢沙发`."""
    lines = split_lines(text)
    start, form = debris_lines("comment_form", "start"), debris_lines("comment_form")
    drop = _matching(lines, debris_lines("comment_form", "anywhere"))
    in_form = False
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if start.search(line.text):
            in_form = True
        elif not (in_form and form.search(line.text)):
            in_form = False
        if in_form:
            drop.add(i)
    return remove_lines(text, lines, drop)


@fix("share_widget")
def share_widget(text: str, ctx: CleanContext) -> list[Edit]:
    """`Share to: WeChat Weibo`, `分享到:`, and follow-us blocks (`文明武威 / 公众号`)."""
    config = debris()["share_widget"]
    lines = split_lines(text)
    drop = _matching(lines, debris_lines("share_widget"))
    labels = {normalize_line(x) for x in config["platform_labels"]}
    for i, line in enumerate(lines):
        if line.text and normalize_line(line.text) in labels:
            drop.add(i)
            before = _previous_content(lines, i)
            if before is not None and _is_short_name(lines[before].text, config["account_name"]):
                drop.add(before)
    return remove_lines(text, lines, drop)


@fix("icp_footer")
def icp_footer(text: str, ctx: CleanContext) -> list[Edit]:
    """ICP registration, copyright, sponsor and visit-counter lines of a page footer."""
    lines = split_lines(text)
    return remove_lines(text, lines, _matching(lines, debris_lines("icp_footer")))


@fix("aggregator")
def aggregator(text: str, ctx: CleanContext) -> list[Edit]:
    """Aggregator site names (`laitimes`) and app boilerplate (`打开网易新闻 查看更多图片`)."""
    lines = split_lines(text)
    names = aggregator_lines()
    drop = {i for i, line in enumerate(lines) if line.text and normalize_line(line.text) in names}
    return remove_lines(text, lines, drop)


@fix("related_links")
def related_links(text: str, ctx: CleanContext) -> list[Edit]:
    """`相关文章`, `related recommendations`: the label of a links widget."""
    lines = split_lines(text)
    labels = exact_lines("related_links")
    drop = {i for i, line in enumerate(lines) if line.text and normalize_line(line.text) in labels}
    return remove_lines(text, lines, drop)


@fix("image_filename")
def image_filename(text: str, ctx: CleanContext) -> list[Edit]:
    """Lines that are only an image file name (`640 (5).png`)."""
    lines = split_lines(text)
    return remove_lines(text, lines, _matching(lines, debris_lines("image_filename")))


@fix("repeated_title")
def repeated_title(text: str, ctx: CleanContext) -> list[Edit]:
    """Later copies of a heading-like line (the title copied under every photo); the first stays."""
    config = debris()["repeated_title"]
    lines = split_lines(text)
    seen: set[str] = set()
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not (config["min_length"] <= len(line.text) <= config["max_length"]):
            continue
        key = normalize_line(line.text)
        if key in seen:
            drop.add(i)
        seen.add(key)
    return remove_lines(text, lines, drop)
