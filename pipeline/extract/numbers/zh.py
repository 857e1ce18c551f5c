"""Chinese numbers as written in bulletins: Arabic digits with Chinese magnitudes (3.6万, 1,200),
Chinese numerals (两千, 一百零五, 三万五千), vague magnitudes (数千, 上万) and the qualifiers
around a number (超过 before it, 余 inside it, 以上 after its measure word).

Whether a number is a *count* (it has a measure word, is no ordinal, date or idiom) is decided
by the callers (extract.counts). Data: configs/zh/numerals.toml and qualifiers.toml
(`zh_lexicon`).

    nums = zh_number_lexicon(view.data)
    parse_number("3.6万", nums)             # 36000
    parse_chinese_numeral("一百零五", nums)  # 105
"""
from __future__ import annotations

import re

from .zh_lexicon import MYRIAD, ZhNumberLexicon, zh_number_lexicon

__all__ = ["ZhNumberLexicon", "zh_number_lexicon", "parse_chinese_numeral", "parse_number",
           "number_value", "qualifier_before", "qualifier_after"]


def parse_chinese_numeral(text: str, nums: ZhNumberLexicon) -> int | None:
    """两千 -> 2000, 十二 -> 12, 一百零五 -> 105, 三万五千 -> 35000, 二〇二一 -> None
    (digit-by-digit readings are years, not counts). None when it is no numeral."""
    digits, units = nums.digits, nums.units
    if not text or any(ch not in digits and ch not in units for ch in text):
        return None
    if len(text) > 1 and all(ch in digits for ch in text):
        return None                       # 二〇二一, 一二: read digit by digit
    total = section = 0
    number = None
    for ch in text:
        if ch in digits:
            number = digits[ch]
            continue
        unit = units[ch]
        if unit >= MYRIAD:                 # 万, 亿 close a section
            section = (section + (number or 0)) or 1
            total = (total + section) * unit
            section = 0
        else:
            section += (1 if number is None else number) * unit
        number = None
    return total + section + (number or 0)


def parse_number(text: str, nums: ZhNumberLexicon) -> float | None:
    """Arabic digits with an optional Chinese magnitude (`3.6万`, `1,200`), or a Chinese numeral."""
    units = nums.units
    for separator in nums.separators:
        text = text.replace(separator, "")
    magnitude = 1
    while text and text[-1] in units and any(ch.isdigit() for ch in text[:-1]):
        magnitude *= units[text[-1]]
        text = text[:-1]
    try:
        value = float(text) * magnitude
    except ValueError:
        value = parse_chinese_numeral(text, nums)
        if value is None:
            return None
        value *= magnitude
    return int(value) if float(value).is_integer() else round(value, 6)


def number_value(m: re.Match, nums: ZhNumberLexicon) -> tuple[float | None, str | None]:
    """The value of a number matched by `nums.pattern` and the qualifier its own form implies
    (数千 -> 1000 more_than, 3万余 -> 30000 more_than). None when it has no value as a count:
    too long, or read digit by digit."""
    num = m.group("num")
    if len(num) > nums.max_number_chars:
        return None, None            # a run of digits this long is no count (and no finite float)
    qualifier = None
    if num[0] in nums.vague_prefixes and len(num) > 1 and not num[0].isdigit():
        qualifier = nums.vague_prefixes[num[0]]
        value = parse_number(nums.one + num[1:], nums)
    else:
        value = parse_number(num, nums)
    if value is None:
        return None, None
    if m.group("mag"):
        value = parse_number(f"{value}{m.group('mag')}", nums)
    if m.group("infix"):
        qualifier = qualifier or nums.qualifiers_infix[m.group("infix")]
    return value, qualifier


def qualifier_before(text: str, start: int, nums: ZhNumberLexicon) -> tuple[str | None, int]:
    """(qualifier, its start) for a qualifier word ending at `start` (超5万, 不少于3名)."""
    if start <= 0:
        return None, start
    # a word ending at start ends with text[start - 1]: only those can match (longest first)
    for word, qualifier in nums.qualifiers_before_by_last.get(text[start - 1], ()):
        if text.startswith(word, start - len(word)):
            return qualifier, start - len(word)
    return None, start


def qualifier_after(text: str, end: int, nums: ZhNumberLexicon) -> tuple[str | None, int]:
    """(qualifier, where it ends) for a qualifier word right after a count (40场以上)."""
    for word, qualifier in nums.qualifiers_after:
        if text.startswith(word, end):
            return qualifier, end + len(word)
    return None, end
