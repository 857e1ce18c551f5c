"""Metadata a page carries around the bulletin: title, date, byline, source and issuer.

The byline and date live on meta lines that the `bylines` fix removes, so that fix reads
them first (`read_meta_line`); `capture_metadata` runs after the debris fixes and takes the
title (the first heading-like line) and the issuer (a trailing parenthesised body such as
"(Wuhan Party History Learning Education Office ...)") from the cleaned text, which keeps them.
"""
from __future__ import annotations

import re

from ..offsets import Edit
from . import CleanContext, fix
from .patterns import meta_label

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
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

# a title is a line of at most this many characters that does not end like a sentence
_TITLE_MAX = {"en": 200, "zh": 80}
_SENTENCE_END = re.compile(r"[.。;；,，:：]$")


def iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_meta_line(line: str) -> dict:
    """Fields of one meta/byline line: {"date", "byline", "source"} (only those found)."""
    found: dict = {}
    date = iso_date(line)
    if date:
        found["date"] = date
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
        elif "date" not in found or len(line) > 40:
            found["byline"] = _REPORTER_MARK.sub("", line).strip()
    return {k: v for k, v in found.items() if v}


def record_meta(ctx: CleanContext, fields: dict) -> None:
    """Keep the first value seen for each field (the page header comes first)."""
    for key, value in fields.items():
        ctx.meta.setdefault(key, value)


def find_title(text: str, language: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= _TITLE_MAX.get(language, 200) and not _SENTENCE_END.search(line):
            return line
        return None
    return None


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
    """Title and issuer into ctx.meta; the text is left as it is (no edits).

    When no trailing issuer is found, a `source:` field that names a government body
    stands in for it ("source:Office of Lu'an Municipal People's Government").
    """
    title = find_title(text, ctx.language)
    if title:
        ctx.meta.setdefault("title", title)
    issuer, byline = find_issuer(text)
    if issuer:
        ctx.meta["issuer"] = issuer
    elif ctx.meta.get("source") and _ISSUER_WORDS.search(ctx.meta["source"]):
        ctx.meta.setdefault("issuer", ctx.meta["source"])
    if byline:
        ctx.meta.setdefault("byline", byline)
    return []
