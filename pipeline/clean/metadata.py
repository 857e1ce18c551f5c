"""Metadata a page carries around the bulletin: byline, source and issuer.

The byline lives on meta lines that the `bylines` fix removes, so that fix reads them first
(`read_meta_line`); the title, the date and the labelled publisher are the `page_header`
fix's (header.py). `capture_metadata` runs after the debris fixes and settles the issuer: a
trailing parenthesised body ("(Wuhan Party History Learning Education Office ...)"), else the
publisher the header names ("来源:", "Source:", "发布单位:").
"""
from __future__ import annotations

import re

from ..offsets import Edit
from . import CleanContext, fix
from .dates import find_dates
from .patterns import meta_label

_AUTHOR_LABELS = {"author", "reporter", "作者", "记者", "通讯员", "供稿", "文字"}
SOURCE_LABELS = {"source", "来源"}
_BY = re.compile(r"^by\s+(.+)$", re.IGNORECASE)
_REPORTER_MARK = re.compile(r"^[□(（]\s*|\s*[)）]$")

# the last paragraph ends with "(... Office ...)." naming who issued the bulletin
_TRAILING_PARENS = re.compile(r"[(（]([^()（）\n]{4,240})[)）][.。]?\s*$")
_ISSUER_WORDS = re.compile(
    r"\b(office|committee|department|bureau|commission|government|center|centre|league|"
    r"federation|association)\b|办公室|委员会|宣传部|组织部|政府|办事处|领导小组|文明办|工委|党委|局$",
    re.IGNORECASE)
_PERSON_WORDS = re.compile(r"记者|通讯员|作者|编辑|author|reporter|editor|photo", re.IGNORECASE)


def read_meta_line(line: str) -> dict:
    """Fields of one meta/byline line: {"byline", "source"} (only those found). Its date is
    the `page_header` fix's to judge, with the rest of the header."""
    found: dict = {}
    has_date = bool(find_dates(line))
    labels = list(meta_label().finditer(line))
    for k, m in enumerate(labels):
        label = m.group(0).rstrip(":： ").strip().lower()
        value_end = labels[k + 1].start() if k + 1 < len(labels) else len(line)
        value = line[m.end():value_end].strip(" |\u3000()（）")
        if not value:
            continue
        if label in _AUTHOR_LABELS:
            found.setdefault("byline", value)
        elif label in SOURCE_LABELS:
            found.setdefault("source", value)
    if not labels:
        by = _BY.match(line)
        if by:
            found["byline"] = by.group(1).strip()
        elif not has_date or len(line) > 40:
            found["byline"] = _REPORTER_MARK.sub("", line).strip()
    return {k: v for k, v in found.items() if v}


def record_meta(ctx: CleanContext, fields: dict) -> None:
    """Keep the first value seen for each field (the page header comes first)."""
    for key, value in fields.items():
        ctx.meta.setdefault(key, value)


def find_issuer(text: str) -> tuple[str | None, str | None]:
    """(issuer, byline) from a trailing parenthesised note, whichever it names."""
    m = _TRAILING_PARENS.search(text)
    if not m:
        return None, None
    inner = m.group(1).strip()
    if _PERSON_WORDS.search(inner):
        return None, inner
    if _ISSUER_WORDS.search(inner):
        return inner, None
    return None, inner


@fix("capture_metadata")
def capture_metadata(text: str, ctx: CleanContext) -> list[Edit]:
    """The issuer into ctx.meta; the text is left as it is (no edits).

    A trailing parenthesised office names who issued the bulletin; failing that, the
    publisher a header line names ("来源: 宣城文明网", "Source: Anhui Daily") does.
    """
    issuer, byline = find_issuer(text)
    publisher = ctx.meta.pop("publisher", None)
    if issuer or publisher:
        ctx.meta["issuer"] = issuer or publisher
    if byline:
        ctx.meta.setdefault("byline", byline)
    return []
