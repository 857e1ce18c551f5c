"""Counts in Chinese text: a number, a measure word and the counted noun.

    开展宣讲活动936场   -> 936 场, unit 宣讲活动 (noun before the number)
    936场宣讲活动       -> 936 场, unit 宣讲活动 (noun after the measure word)
    4.8万余场(次)       -> 48000 more_than;  百余名 -> 100 more_than;  数千件 -> 1000 more_than

A regular expression built from the lexicons in configs/zh/ finds number + measure word;
grammar rules drop what is no count (ordinals, formulas, slogans, durations, idioms);
jieba's part-of-speech tags over a short window on each side find the counted noun.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_toml
from ..zh import parse_number, tag

# A number never starts inside a run of digits (a later start in the run cannot match where the
# run's first digit did not), and at most six thousands groups: both keep the search linear on
# long runs of digits ("1111...", "1,000,000,...") with no measure word after them.
_ARABIC = r"(?<!\d)\d+(?:[,，]\d{3}){0,6}(?:\.\d+)?"
_CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_PUNCT = set("，。、；：！？,.;:!?\n\r\t “”\"'‘’「」『』《》【】()（）·—-…/|")
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'))
_SENTENCE_END = re.compile(r"[。！？!?\n]")
WINDOW = 16          # characters looked at on each side for the counted noun


@dataclass(frozen=True)
class Lexicon:
    pattern: re.Pattern
    measure_words: dict
    qualifiers_before: tuple[tuple[str, str], ...]     # longest first
    qualifiers_infix: dict
    qualifiers_after: tuple[tuple[str, str], ...]
    vague_prefixes: dict
    durations: tuple[str, ...]
    excluded_before: tuple[re.Pattern, ...]
    excluded_after: tuple[re.Pattern, ...]
    idioms: re.Pattern
    frequency: re.Pattern
    frequency_measure_words: frozenset
    max_slogan_quote: int
    heads: dict
    boundary: frozenset
    nounlike: frozenset
    noun_tags: frozenset
    modifier_tags: frozenset
    links: frozenset


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    measures = load_toml("zh/measure_words.toml")
    numerals = load_toml("zh/numerals.toml")
    qualifiers = load_toml("zh/qualifiers.toml")
    exclusions = load_toml("zh/exclusions.toml")
    units = load_toml("zh/units.toml")
    vague = numerals["vague_prefixes"]
    magnitudes = "".join(numerals["units"])
    number = (rf"(?:(?P<low>{_ARABIC})\s?(?:至|到|-|~|～|－|—)\s?)?"
              rf"(?P<num>{_ARABIC}[{magnitudes}]*"
              rf"|[{''.join(vague)}][{magnitudes}]+"
              rf"|(?<![{_CN}])[{_CN}]+)")       # likewise never inside a run of numerals
    infix = _alternation(qualifiers["infix"])
    pattern = re.compile(
        rf"{number}(?P<infix>{infix})?(?P<mag>[万亿])?\s?(?P<mw>{_alternation(measures['measure_words'])})")
    by_length = lambda table: tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))  # noqa: E731
    return Lexicon(
        pattern=pattern,
        measure_words=measures["measure_words"],
        qualifiers_before=by_length(qualifiers["before"]),
        qualifiers_infix=qualifiers["infix"],
        qualifiers_after=by_length(qualifiers["after"]),
        vague_prefixes=vague,
        durations=tuple(measures["durations"]["after_ge"]),
        excluded_before=tuple(re.compile(p) for p in exclusions["before"]),
        excluded_after=tuple(re.compile(p) for p in exclusions["after"]),
        idioms=re.compile(_alternation(exclusions["idioms"])),
        frequency=re.compile(exclusions["frequency"]),
        frequency_measure_words=frozenset(exclusions["frequency_measure_words"]),
        max_slogan_quote=exclusions["max_slogan_quote"],
        heads=units["heads"],
        boundary=frozenset(units["boundary"]),
        nounlike=frozenset(units["nounlike"]),
        noun_tags=frozenset(units["noun_tags"]),
        modifier_tags=frozenset(units["modifier_tags"]),
        links=frozenset(units["links"]),
    )


# ------------------------------------------------------------------ numbers and qualifiers

def number_value(m: re.Match, lex: Lexicon) -> tuple[float | None, str | None]:
    """The value of a matched number and the qualifier its own form implies (数千 -> more_than)."""
    num = m.group("num")
    if len(num) > 40:
        return None, None            # a run of digits this long is no count (and no finite float)
    qualifier = None
    if num[0] in lex.vague_prefixes and len(num) > 1 and not num[0].isdigit():
        qualifier = lex.vague_prefixes[num[0]]
        value = parse_number("一" + num[1:])
    else:
        value = parse_number(num)
    if value is None:
        return None, None
    if m.group("mag"):
        value = parse_number(f"{value}{m.group('mag')}")
    if m.group("infix"):
        qualifier = qualifier or lex.qualifiers_infix[m.group("infix")]
    return value, qualifier


_BY_LAST: dict[int, tuple] = {}


def _qualifiers_before_by_last(table: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """The before-qualifiers grouped by their last character, longest first as in `table`."""
    cached = _BY_LAST.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    out: dict[str, list] = {}
    for word, qualifier in table:
        out.setdefault(word[-1:], []).append((word, qualifier))
    grouped = {ch: tuple(v) for ch, v in out.items()}
    _BY_LAST[id(table)] = (table, grouped)
    return grouped


def qualifier_before(text: str, start: int, lex: Lexicon) -> tuple[str | None, int]:
    """(qualifier, its start) for a qualifier word ending at `start` (超5万, 不少于3名)."""
    table = lex.qualifiers_before
    if start > 0 and all(word for word, _ in table[-1:]):
        # a word ending at start ends with text[start - 1]: only those can match (same order)
        table = _qualifiers_before_by_last(table).get(text[start - 1], ())
    for word, qualifier in table:
        if text.startswith(word, start - len(word)):
            return qualifier, start - len(word)
    return None, start


def qualifier_after(text: str, end: int, lex: Lexicon) -> tuple[str | None, int]:
    for word, qualifier in lex.qualifiers_after:
        if text.startswith(word, end):
            return qualifier, end + len(word)
    return None, end


# ------------------------------------------------------------------------------ exclusions

def inside_short_quote(text: str, start: int, end: int, limit: int) -> bool:
    """“七个一”: a count inside a short quotation is a slogan's numeral."""
    for left, right in _QUOTES:
        open_at = text.rfind(left, max(0, start - limit), start)
        if open_at < 0:
            continue
        close_at = text.find(right, end, open_at + limit + 2)
        if close_at >= 0 and close_at - open_at - 1 <= limit:
            return True
    return False


def is_duration(text: str, mw_end: int, measure: str, lex: Lexicon) -> bool:
    """2个多小时, 为期一个月: 个 + time noun."""
    if measure != "个":
        return False
    rest = text[mw_end:mw_end + 4].lstrip("多半")
    return any(rest.startswith(noun) for noun in lex.durations)


def _overlaps_idiom(idiom_spans: list[tuple[int, int]], idiom_ends: list[int], start: int,
                    end: int) -> bool:
    """Whether [start, end) overlaps an idiom; the spans are sorted and do not overlap (one
    finditer), so their ends are sorted too: only the first idiom ending after start counts."""
    i = bisect.bisect_right(idiom_ends, start)
    return i < len(idiom_spans) and idiom_spans[i][0] < end


_COMBINED: dict[int, tuple] = {}


def _any_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern that searches like `any(p.search(x) for p in patterns)`, or None when they
    cannot be joined safely (groups, differing flags)."""
    if not patterns:
        return re.compile(r"(?!)")
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or any(p.groups for p in patterns) or any("(?" in p.pattern.replace("(?:", "")
                                                                  for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
    except re.error:
        return None


class _AnyOf:
    """Fallback: the patterns one by one."""

    def __init__(self, patterns):
        self.patterns = patterns

    def search(self, text):
        return any(p.search(text) for p in self.patterns)


def _combined_exclusions(lex: Lexicon):
    cached = _COMBINED.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    pair = tuple(_any_of(ps) or _AnyOf(ps) for ps in (lex.excluded_before, lex.excluded_after))
    _COMBINED[id(lex)] = (lex, pair)
    return pair


def excluded(text: str, m: re.Match, span_start: int, mw_end: int, lex: Lexicon,
             idiom_spans: list[tuple[int, int]], idiom_ends: list[int] | None = None) -> bool:
    start = m.start()
    before = text[max(0, span_start - 4):span_start]
    before_number = text[max(0, start - 4):start]
    after = text[mw_end:mw_end + 4]
    measure = m.group("mw")
    blocked = lex.measure_words[measure].get("blocked_by", "")
    if after[:1] and after[0] in blocked:
        return True
    any_before, any_after = _combined_exclusions(lex)
    if any_before.search(before) or any_before.search(before_number):
        return True
    if any_after.search(after):
        return True
    if is_duration(text, mw_end, measure, lex):
        return True
    if measure in lex.frequency_measure_words and lex.frequency.search(_clause_behind(text, span_start)):
        return True                      # 每月开展2次: a frequency
    if idiom_ends is None:
        idiom_ends = [e for _, e in idiom_spans]
    if _overlaps_idiom(idiom_spans, idiom_ends, start, mw_end):
        return True
    return inside_short_quote(text, start, mw_end, lex.max_slogan_quote)


# ------------------------------------------------------------------------- counted noun

def _is_noun(word: str, flag: str, lex: Lexicon) -> bool:
    return word not in lex.boundary and (flag in lex.noun_tags or word in lex.nounlike
                                         or word in lex.heads)


def noun_after(text: str, pos: int, lex: Lexicon) -> str:
    """The noun phrase starting right after the measure word (936场宣讲活动 -> 宣讲活动)."""
    window = _clause_ahead(text, pos)
    if not window:
        return ""
    words = tag(window)
    phrase: list[str] = []
    noun_end = 0
    i = 0
    while i < len(words):
        word, flag = words[i]
        if word in ("(", "（") and phrase:
            close = next((j for j in range(i + 1, min(i + 4, len(words)))
                          if words[j][0] in (")", "）")), None)
            if close is None:
                break
            phrase.extend(w for w, _ in words[i:close + 1])
            i = close + 1
            continue
        if word in lex.boundary or not word.strip():
            break
        if _is_noun(word, flag, lex):
            phrase.append(word)
            noun_end = len(phrase)
        elif flag in lex.modifier_tags or (flag == "v" and not phrase):
            phrase.append(word)        # 大网格, 专职网格员; a verb only as a first modifier (集中服务活动)
        else:
            break
        i += 1
    return "".join(phrase[:noun_end])


def noun_before(text: str, pos: int, lex: Lexicon) -> str:
    """The noun phrase ending right before the number (开展宣讲活动936场 -> 宣讲活动)."""
    window = _clause_behind(text, pos).rstrip()
    for left, right in _QUOTES:            # 收集“我为群众办实事” 77件: the quoted name
        if window.endswith(right):
            open_at = window.rfind(left, 0, len(window) - 1)
            if open_at >= 0:
                return window[open_at + 1:-1]
            return ""
    words = list(tag(window))
    if words and words[-1][0] in lex.links:     # 党员群众共计360余人
        words.pop()
    phrase: list[tuple[str, str]] = []
    for word, flag in reversed(words):
        if word in lex.boundary or not word.strip():
            break
        if _is_noun(word, flag, lex) or (flag in lex.modifier_tags and phrase):
            phrase.append((word, flag))
        else:
            break
    phrase.reverse()
    # verb + object before a number (办理实事2000件, 走访居民500户): the object is the noun
    while len(phrase) > 1 and phrase[0][1] == "v":
        phrase.pop(0)
    return "".join(word for word, _ in phrase)


def _class_without(chars) -> str:
    return "[^" + "".join(re.escape(ch) for ch in sorted(chars)) + "]*"


# the clause ends at punctuation, brackets excepted (ahead) or quotes and spaces excepted (behind)
_AHEAD = re.compile(_class_without(ch for ch in _PUNCT if ch not in "()（）"))
_BEHIND = re.compile(_class_without(ch for ch in _PUNCT if ch not in "“”「」\"" + " ") + r"\Z")


def _clause_ahead(text: str, pos: int) -> str:
    """text from pos up to the first clause-ending punctuation, at most WINDOW characters."""
    return _AHEAD.match(text, pos, pos + WINDOW).group()


def _clause_behind(text: str, pos: int) -> str:
    """text back from pos to the last clause-ending punctuation, at most WINDOW characters."""
    window = text[max(0, pos - WINDOW):pos]
    return _BEHIND.search(window).group()


def category_of(unit: str, measure: str, lex: Lexicon) -> str:
    info = lex.measure_words[measure]
    if info.get("person") or info.get("money") or info.get("names_thing"):
        return info["category"]
    for size in range(len(unit), 0, -1):
        head = unit[-size:]
        if head in lex.heads:
            return lex.heads[head]
    return info["category"]


def sentence_ends(text: str) -> list[int]:
    """Where each sentence-ending character is, found once per text."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def sentence_around(text: str, start: int, end: int, ends: list[int] | None = None) -> str:
    """The sentence holding text[start:end]: from after the last sentence end before start to
    the first sentence end at or after end. `ends` (sentence_ends(text)) makes it a bisection."""
    if ends is None:
        ends = sentence_ends(text)
    i = bisect.bisect_left(ends, start)
    left = ends[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, end)
    return text[left:ends[j] if j < len(ends) else len(text)]


# ------------------------------------------------------------------------------- counts

def _standalone_one(m: re.Match) -> bool:
    return m.group("num") == "一" and not m.group("infix") and not m.group("low")


def find_counts_zh(text: str, view=None) -> list[dict]:
    from .doc import DocView
    from .link import count_type_zh

    view = view or DocView(text, "zh")     # the document's view (extract_document passes it)
    lex = lexicon()
    idiom_spans = [mm.span() for mm in lex.idioms.finditer(text)]
    idiom_ends = [e for _, e in idiom_spans]
    found: list[tuple[re.Match, dict]] = []
    for m in lex.pattern.finditer(text):
        value, qualifier = number_value(m, lex)
        if value is None:
            continue
        measure = m.group("mw")
        before_q, span_start = qualifier_before(text, m.start(), lex)
        after_q, span_end = qualifier_after(text, m.end(), lex)
        if excluded(text, m, span_start, m.end(), lex, idiom_spans, idiom_ends):
            continue
        qualifier = before_q or qualifier or after_q or "exact"
        info = lex.measure_words[measure]
        # money is counted in 元; a measure word that names the thing (户: households) is the unit
        fixed_unit = info.get("money") or info.get("names_thing")
        unit = "" if fixed_unit else noun_after(text, span_end, lex)
        unit_start, unit_end = span_start, span_end + len(unit)
        if not unit and not fixed_unit:
            unit = noun_before(text, span_start, lex)
            if unit:
                unit_start = text.rfind(unit, 0, span_start)
                unit_start = unit_start if unit_start >= 0 else span_start
                unit_end = span_end
        if not unit:
            unit = "元" if info.get("money") else measure
        low = parse_number(m.group("low")) if m.group("low") else None
        count = {
            "value": low if low is not None else value,
            "low": low, "high": value if low is not None else None,
            "qualifier": qualifier, "unit": unit, "unit_normalized": None,
            "category": category_of(unit, measure, lex),
            "activity": count_type_zh(view, unit, unit_span=(unit_start, unit_end)),
            "span": [min(unit_start, span_start), max(unit_end, span_end)],
        }
        found.append((m, count))
    if not any(_standalone_one(m) for m, _ in found):
        return [count for _, count in found]
    by_start: dict[int, list[dict]] = {}
    by_end: dict[int, list[dict]] = {}
    for _, count in found:
        if count["value"] != 1:
            by_start.setdefault(count["span"][0], []).append(count)
            by_end.setdefault(count["span"][1], []).append(count)
    return [count for m, count in found
            if not _standalone_one(m) or _in_count_list(text, count, by_start, by_end)]


_LIST_GAPS = ("、", "，", ",", "和", "及")


def _in_count_list(text: str, count: dict, by_start: dict, by_end: dict) -> bool:
    """一个区级宣讲团、六类宣讲主体: 一 counts when it heads a 、-list of other counts (another
    count, not of 1, at most two characters of 、/，/和 away on either side). The other counts
    are looked up by where they start and end, not scanned: a text may hold thousands."""
    start, end = count["span"]
    for gap_len in (0, 1, 2):
        for other in by_start.get(end + gap_len, ()):       # the other count after this one
            if other is not count and text[end:end + gap_len].strip() in _LIST_GAPS:
                return True
        for other in by_end.get(start - gap_len, ()):       # the other count before this one
            s = other["span"][0]
            if other is not count and s < end and text[start - gap_len:start].strip() in _LIST_GAPS:
                return True
    return False
