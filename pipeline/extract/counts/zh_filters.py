"""Why a Chinese number with a measure word is not a count: the rejecting filters, each a rule id
with a predicate.

A filter runs only when its id is listed in exclusions.toml [rules] filters, in that order; the
first that fires is the candidate's reason for being dropped. Every predicate reads the document
(`ZhCountText`) and the number (`ZhNumber`: where it stands, its measure word and the text
around it). The filters run before the counted noun is looked for: most numbers that are no
counts are dropped by the characters right around them, and that is the cheaper test.
`count.zh.lone_one` reads the document's other counts, so it runs once the others have
(exclusions.toml [rules] document_filters). Data: configs/zh/exclusions.toml.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

from ..decisions import RULES
from .zh_units import ZhCountText, clause_behind

Filter = Callable[[ZhCountText, "ZhNumber"], bool]
FILTERS: dict[str, Filter] = {}
# the filters that can fire only when a `before` or `after` pattern matches near the number
READS: dict[str, frozenset] = {}
DOCUMENT_FILTERS: set[str] = set()       # filters that read the document's other counts


class ZhNumber:
    """A number matched with its measure word, on its way to a decision: [start, end) from the
    number to the end of its measure word, span_start where its qualifier starts (else start),
    and the text the `before` / `after` patterns read (exclusions.toml [context])."""

    __slots__ = ("m", "start", "end", "span_start", "measure", "before", "before_number", "after",
                 "near")

    def __init__(self, ct: ZhCountText, m: re.Match, span_start: int):
        text, context = ct.text, ct.lex.context
        self.m = m
        self.start = start = m.start()
        self.end = end = m.end()
        self.span_start = span_start
        self.measure = m.group("mw")
        self.before = text[max(0, span_start - context.before_chars):span_start]
        # before the number itself, when a qualifier stands between (超过5名); else None
        self.before_number = (text[max(0, start - context.before_chars):start]
                              if span_start != start else None)
        self.after = text[end:end + context.after_chars]
        # which of the before / after patterns (any of them) match: most numbers have none near
        # them, and then no filter that reads them needs to run
        lex = ct.lex
        self.near = (lex.any_before.search(self.before) is not None
                     or (self.before_number is not None
                         and lex.any_before.search(self.before_number) is not None),
                     lex.any_after.search(self.after) is not None)


def _filter(rule_id: str, meaning: str, reads: tuple[str, ...] = ()):
    """Register a filter; `reads`: "before" / "after" when it fires only where a pattern of that
    list of exclusions.toml matches."""
    RULES.add(rule_id, "reject", meaning)

    def register(predicate: Filter) -> Filter:
        FILTERS[rule_id] = predicate
        if reads:
            READS[rule_id] = frozenset(reads)
        return predicate
    return register


def listed_filters(rule_ids) -> dict[tuple[bool, bool], tuple]:
    """(rule id, predicate) of the listed filters, in their order, for each (a before pattern
    matches, an after pattern matches): those that may fire then."""
    out = {}
    for near in ((False, False), (False, True), (True, False), (True, True)):
        hits = {side for side, hit in zip(("before", "after"), near) if hit}
        out[near] = tuple((rule_id, FILTERS[rule_id]) for rule_id in rule_ids
                          if rule_id not in READS or READS[rule_id] & hits)
    return out


@_filter("count.zh.measure_word_in_word",
         "the measure word starts another word (名单, 场所): no count (measure_words.toml blocked_by)")
def measure_word_in_word(ct: ZhCountText, n: ZhNumber) -> bool:
    nxt = ct.text[n.end:n.end + 1]
    return nxt != "" and nxt in ct.lex.measure_words[n.measure].blocked_by


# ---------------------------------------------------------------- the characters around it

def _before(name: str) -> Filter:
    def fires(ct: ZhCountText, n: ZhNumber) -> bool:
        pattern = ct.lex.before[name]
        return pattern.search(n.before) is not None or (
            n.before_number is not None and pattern.search(n.before_number) is not None)
    return fires


for _name, _rule, _meaning in (
        ("ordinal", "count.zh.ordinal", "an ordinal (第五届, 首批)"),
        ("rate", "count.zh.rate", "a rate (每3个月): every N, not N of them"),
        ("code", "count.zh.code", "a Latin letter or digit right before the number: part of a code (A12栋)"),
        ("dot", "count.zh.after_dot", "a dot right before the number: a date or version written with dots")):
    _filter(_rule, f"{_meaning} (exclusions.toml before.{_name})", ("before",))(_before(_name))


_formula_before = _before("formula")


@_filter("count.zh.formula", "part of a formula (1+6+N) (exclusions.toml before.formula, after.formula)",
         ("before", "after"))
def formula(ct: ZhCountText, n: ZhNumber) -> bool:
    return _formula_before(ct, n) or ct.lex.after["formula"].search(n.after) is not None


@_filter("count.zh.numeral_after",
         "a numeral right after the measure word: a slogan's formula (三个一) (exclusions.toml after.numeral)",
         ("after",))
def numeral_after(ct: ZhCountText, n: ZhNumber) -> bool:
    return ct.lex.after["numeral"].search(n.after) is not None


# -------------------------------------------------------------------------- what it counts

@_filter("count.zh.duration", "个 before a time noun: a duration (2个多小时, 为期一个月)")
def duration(ct: ZhCountText, n: ZhNumber) -> bool:
    d = ct.lex.durations
    if n.measure != d.measure_word:
        return False
    rest = ct.text[n.end:n.end + d.after_chars].lstrip(d.skip)
    return rest.startswith(d.nouns)


@_filter("count.zh.frequency", "a frequency (每月开展2次): how often, not how many")
def frequency(ct: ZhCountText, n: ZhNumber) -> bool:
    lex = ct.lex
    return n.measure in lex.frequency_measure_words and \
        lex.frequency.search(clause_behind(ct, n.span_start)) is not None


@_filter("count.zh.idiom", "inside an idiom or fixed phrase with numerals (千家万户, 三会一课)")
def idiom(ct: ZhCountText, n: ZhNumber) -> bool:
    """Whether [start, end) overlaps an idiom; the idioms' spans are sorted and do not overlap
    (one finditer), so their ends are sorted too: only the first idiom ending after start counts."""
    spans, ends = ct.idioms()
    i = bisect.bisect_right(ends, n.start)
    return i < len(spans) and spans[i][0] < n.end


@_filter("count.zh.slogan_quote", "inside a short quotation: a slogan's numeral (“三个一”)")
def slogan_quote(ct: ZhCountText, n: ZhNumber) -> bool:
    """The view's quotation around the number, in exclusions.toml slogans.marks, holds it with
    its measure word and is at most slogans.max_quote_chars long inside."""
    lex = ct.lex
    # such a quotation opens at most max_quote_chars before the number: most numbers have no
    # opening mark that near, and then the view's quotations need not be read
    if lex.slogan_opening.search(ct.text, max(0, n.start - lex.max_slogan_quote), n.start) is None:
        return False
    quote = ct.view.quotes.find(n.start, lex.max_slogan_quote, lex.slogan_marks)
    return quote is not None and n.end < quote.end


def rejection(ct: ZhCountText, n: ZhNumber) -> str | None:
    """The first listed filter that fires on the number, or None."""
    for rule_id, predicate in ct.lex.filters[n.near]:
        if predicate(ct, n):
            return rule_id
    return None


# ------------------------------------------------------------------- the document's counts

LONE_ONE = RULES.add("count.zh.lone_one", "reject",
                     "一 before a measure word, outside a list of counts: an article (一名干部), no count")
DOCUMENT_FILTERS.add(LONE_ONE)


def in_count_list(ct: ZhCountText, count: dict, by_start: dict, by_end: dict) -> bool:
    """一个宣讲队、五支服务队: 一 counts when it heads a 、-list of other counts (another count,
    not of 1, at most max_gap_chars characters of exclusions.toml lone_one.gaps away on either
    side). The other counts are looked up by where they start and end, not scanned: a text may
    hold thousands."""
    text, gaps = ct.text, ct.lex.list_gaps
    start, end = count["span"]
    for gap_len in range(1, ct.lex.max_gap_chars + 1):     # (no gap at all is no list)
        for other in by_start.get(end + gap_len, ()):       # the other count after this one
            if other is not count and text[end:end + gap_len].strip() in gaps:
                return True
        for other in by_end.get(start - gap_len, ()):       # the other count before this one
            s = other["span"][0]
            if other is not count and s < end and text[start - gap_len:start].strip() in gaps:
                return True
    return False
