"""Chinese counts: a number, a measure word and the counted noun.

    find_counts_zh(view) -> list[dict]   # view.text (cleaned)

    开展宣讲活动5场   -> 5 场, unit 宣讲活动 (the noun before the number)
    5场宣讲活动       -> 5 场, unit 宣讲活动 (the noun after the measure word)
    2.3万余场(次)     -> 23000 more_than;  百余名 -> 100 more_than;  数千件 -> 1000 more_than

For every number with a measure word (the lexicon's pattern; suggested as `count.zh.digits`,
`count.zh.numerals` or `count.zh.vague_magnitude`):
1. its value and qualifiers are read (`numbers.zh`); a number with no value is dropped;
2. the filters of exclusions.toml [rules] drop what is no count (an ordinal, a formula, a
   duration, an idiom, a slogan's numeral, ...: `zh_filters`), each with its rule id as reason;
3. the counted noun is looked for after the measure word, else before the number (`zh_units`);
   a kept count carries first how its unit was found (`count.zh.noun_after`, ...), and its
   activity type comes from `link.count_type_zh`;
4. a lone 一 (一名干部) is kept only inside a list of counts (`count.zh.lone_one`).
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import link
from ..decisions import RULES, Candidate
from ..numbers.zh import number_value, parse_number, qualifier_after, qualifier_before
from .zh_filters import LONE_ONE, ZhNumber, in_count_list, rejection
from .zh_lexicon import ZhCountLexicon
from .zh_units import ZhCountText, category_of, noun_after, noun_before

DIGITS = RULES.add("count.zh.digits", "suggest",
                   "a number in Arabic digits before a measure word (12场, 3.6万余名), with its qualifier or range")
NUMERALS = RULES.add("count.zh.numerals", "suggest",
                     "a Chinese numeral before a measure word (十二场, 两千户), with its qualifier")
VAGUE = RULES.add("count.zh.vague_magnitude", "suggest",
                  "a vague magnitude before a measure word (数千件, 上万名): more than it")
TOO_LONG = RULES.add("count.zh.too_long", "reject",
                     "a number longer than numerals.toml reading.max_number_chars: a code, no count")
DIGIT_BY_DIGIT = RULES.add("count.zh.digit_by_digit", "reject",
                           "a numeral read digit by digit (二〇二三, 一二): a year or a code, no count")

# How a kept count's unit was found: the support reason its candidate carries first.
NOUN_AFTER = RULES.add("count.zh.noun_after", "support",
                       "the counted noun follows the measure word (5场宣讲活动)")
NOUN_BEFORE = RULES.add("count.zh.noun_before", "support",
                        "the counted noun stands before the number (开展宣讲活动5场)")
QUOTED_NAME = RULES.add("count.zh.quoted_name_before", "support",
                        "a quoted name right before the number is the counted thing (征集“金点子”30条)")
MONEY = RULES.add("count.zh.money", "support",
                  "an amount of money (发放补贴12.5万元): counted in measure_words.toml money.unit")
NAMES_THING = RULES.add("count.zh.measure_word_names_thing", "support",
                        "the measure word says what is counted (走访居民80户: households)")
MEASURE_AS_UNIT = RULES.add("count.zh.measure_word_as_unit", "support",
                            "no noun beside the number: the measure word is the unit (线上观看超8万人次)")
IN_COUNT_LIST = RULES.add("count.zh.one_in_count_list", "support",
                          "a lone 一 heads a list of other counts (一个宣讲队、五支服务队): a count")


def find_counts_zh(view) -> list[dict]:
    ct = ZhCountText(view)
    text, lex, trace = ct.text, ct.lex, view.trace
    nums = lex.numbers
    one = nums.one
    found: list[tuple] = []        # (match, count, how its unit was found)
    lone_ones = False
    for m in numbers_with_measure_words(lex, text):
        value, qualifier = number_value(m, nums)
        if value is None:
            if trace.enabled:
                too_long = len(m.group("num")) > nums.max_number_chars
                trace.reject(_candidate(lex, m, m.start(), m.end(), None),
                             TOO_LONG if too_long else DIGIT_BY_DIGIT)
            continue
        measure = m.group("mw")
        before_q, span_start = qualifier_before(text, m.start(), nums)
        after_q, span_end = qualifier_after(text, m.end(), nums)
        dropped = rejection(ct, ZhNumber(ct, m, span_start))
        if dropped:
            if trace.enabled:
                trace.reject(_candidate(lex, m, span_start, span_end, value), dropped)
            continue
        qualifier = before_q or qualifier or after_q or "exact"
        info = lex.measure_words[measure]
        # money is counted in 元; a measure word that names the thing (户: households) is the unit
        fixed_unit = info.money or info.names_thing
        unit = "" if fixed_unit else noun_after(ct, span_end)
        found_by = NOUN_AFTER
        unit_start, unit_end = span_start, span_end + len(unit)
        if not unit and not fixed_unit:
            unit, before_start, quoted = noun_before(ct, span_start)
            if unit:
                found_by = QUOTED_NAME if quoted else NOUN_BEFORE
                unit_start, unit_end = before_start, span_end
        if not unit:
            unit = lex.money_unit if info.money else measure
            found_by = MONEY if info.money else NAMES_THING if info.names_thing else MEASURE_AS_UNIT
        low = parse_number(m.group("low"), nums) if m.group("low") else None
        count = {
            "value": low if low is not None else value,
            "low": low, "high": value if low is not None else None,
            "qualifier": qualifier, "unit": unit, "unit_normalized": None,
            "category": category_of(unit, measure, lex),
            "activity": link.count_type_zh(view, unit, unit_span=(unit_start, unit_end)),
            "span": [min(unit_start, span_start), max(unit_end, span_end)],
        }
        found.append((m, count, found_by))
        if not lone_ones and m.group("num") == one:
            lone_ones = _lone_one(m, one)
    if lone_ones and LONE_ONE in lex.document_filters:
        return _without_lone_ones(ct, found)
    if trace.enabled:
        for m, count, found_by in found:
            trace.accept(_candidate(lex, m, *count["span"], count["value"], found_by), count)
    return [count for _, count, _ in found]


def numbers_with_measure_words(lex: ZhCountLexicon, text: str) -> Iterator[re.Match]:
    """The matches of lex.pattern in text, the same as its finditer gives. Where a match may
    start (lex.starts: digits, numerals, vague prefixes) is searched for first, so the pattern
    is tried only there, not at every character of the text."""
    if lex.starts is None:
        yield from lex.pattern.finditer(text)
        return
    search, match = lex.starts.search, lex.pattern.match
    pos = 0
    while (found := search(text, pos)) is not None:
        at = found.start()
        m = match(text, at)          # (its lookbehinds still see the text before `at`)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()            # (a match is never empty)


def _lone_one(m: re.Match, one: str) -> bool:
    """一 alone before its measure word (一名干部), not 一万, 一余, 一至三."""
    return m.group("num") == one and not m.group("infix") and not m.group("low")


def _without_lone_ones(ct: ZhCountText, found: list[tuple]) -> list[dict]:
    """The counts, a lone 一 only when it heads a list of other counts (count.zh.lone_one)."""
    by_start: dict[int, list[dict]] = {}
    by_end: dict[int, list[dict]] = {}
    for _, count, _ in found:
        if count["value"] != 1:
            by_start.setdefault(count["span"][0], []).append(count)
            by_end.setdefault(count["span"][1], []).append(count)
    lex, trace = ct.lex, ct.view.trace
    kept = []
    for m, count, found_by in found:
        lone = _lone_one(m, lex.numbers.one)
        if lone and not in_count_list(ct, count, by_start, by_end):
            if trace.enabled:
                trace.reject(_candidate(lex, m, *count["span"], 1, found_by, count["unit"]), LONE_ONE)
            continue
        kept.append(count)
        if trace.enabled:
            cand = _candidate(lex, m, *count["span"], count["value"], found_by)
            if lone:
                cand.support(IN_COUNT_LIST)
            trace.accept(cand, count)
    return kept


def _candidate(lex: ZhCountLexicon, m: re.Match, start: int, end: int, value,
               found_by: str | None = None, unit: str | None = None) -> Candidate:
    """The trace's record of a number (made only when explaining or counting rules): the rule
    that proposed it, and how its unit was found when it was."""
    num = m.group("num")
    rule = DIGITS if num[0].isdigit() else VAGUE if num[0] in lex.numbers.vague_prefixes else NUMERALS
    cand = Candidate("count", start, end, rule, {"value": value, "unit": unit})
    if found_by:
        cand.support(found_by)
    return cand
