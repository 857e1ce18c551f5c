"""English names of Chinese places found by their suffix: the stem romanised, with the site
words, ordinals and the place a site is named after put into English (lexicon.toml
[zh.english], [zh.site_words], [zh.site_heads]).

    english_name("枫林", "社区", "community", ...)            -> "Fenglin Community"
    english_name("梅州市第十", "中学", "institution", ...)    -> "Meizhou No. 10 Middle School"
"""
from __future__ import annotations

from .lexicon import Lexicon, romanise_zh


def zh_number(numerals: str, lex: Lexicon) -> int | None:
    """一 .. 九十九 as a number (the numerals of an ordinal), else None."""
    digits = lex.zh_digits
    ten = lex.zh_english.digits[9]
    if len(numerals) == 1:
        return digits.get(numerals)
    if numerals[0] == ten:
        return 10 + digits.get(numerals[1], 0) if len(numerals) == 2 else None
    if len(numerals) >= 2 and numerals[1] == ten:
        tens = digits.get(numerals[0], 0) * 10
        return tens + (digits.get(numerals[2], 0) if len(numerals) == 3 else 0)
    return None


def english_name(stem: str, suffix: str, level: str, table: dict[str, str], lex: Lexicon,
                 lead=None, lead_len: int = 0) -> str:
    """The English name of stem + suffix; `lead` is the unit the first `lead_len` characters
    name (a site named after its city keeps the city's English name)."""
    head = lex.zh_site_heads.get(suffix, "")
    if level not in ("institution", "other"):
        return f"{romanise_zh(stem, table)} {head}".strip()
    english = lex.zh_english
    words: list[str] = []
    rest = stem
    if lead is not None and lead_len:
        words.append(getattr(lead, "bare_en", None) or romanise_zh(stem[:lead_len], table))
        rest = stem[lead_len:]
    pinyin = ""
    k = 0
    while k < len(rest):
        m = lex.zh_ordinal.match(rest, k)
        piece = None
        if m and zh_number(m.group(1), lex):
            num = zh_number(m.group(1), lex)
            piece = english.number.format(n=num) if suffix in lex.zh_numbered or num > 10 \
                else english.ordinal_words[num - 1]
            step = m.end() - k
        else:
            for zh, en in lex.zh_site_words:
                if rest.startswith(zh, k):
                    piece, step = en, len(zh)
                    break
        if piece is None:
            pinyin += rest[k]
            k += 1
            continue
        if pinyin:
            words.append(romanise_zh(pinyin, table))
            pinyin = ""
        words.append(piece)
        k += step
    if pinyin:
        words.append(romanise_zh(pinyin, table))
    if suffix in lex.zh_head_first and words:
        return english.head_first.format(head=head, name=" ".join(words))
    return " ".join(words + [head]).strip()
