"""Chinese names before a suffix word: streets, communities and villages (街道/镇/乡/社区/村)
and sites (小学/广场/纪念馆 ...), with the place a site is named after (a city, a district);
names listed before 等 and a suffix they share. A name's left edge is punctuation, a place
found before it, a boundary word (lexicon.toml zh.boundary_words) or the length limit.

    suffix_places(scan) -> [(start, end, name_zh, level, stem, suffix, prefix, rule, support), ...]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .rules import (AFTER_BOUNDARY, AT_LENGTH_LIMIT, LISTED_WITH_OTHERS, NAMED_AFTER_PLACE, ZH_LISTED, ZH_SITE,
                    ZH_SUFFIX, first_rejection)

if TYPE_CHECKING:
    from .zh import ZhScan


def suffix_places(scan: ZhScan) -> list[tuple]:
    """(start, end, name_zh, level, stem, suffix, prefix_match, rule, support) for names before a suffix
    word; `scan.matches` are the gazetteer names found, `scan.hard_ends` where names end."""
    text, lex, names, hard_ends = scan.text, scan.lex, scan.names, scan.hard_ends
    checks, found = scan.checks, scan.found
    by_first = names.suffixes
    scan.hard_starts = {s for s, e, entries in scan.matches if entries[0][0] in ("full", "town")}
    spans = [(s, e) for s, e, _ in scan.matches]
    out = []
    i = 0
    n = len(text)
    suffix_starts = names.suffix_starts
    zh = lex.zh
    min_stem = zh.min_stem
    while i < n:
        # jump to the next character some suffix starts with (no other position can hit)
        jump = suffix_starts.search(text, i)
        if jump is None:
            break
        i = jump.start()
        hit = None
        for suf, level in by_first.get(text[i], ()):
            if text.startswith(suf, i):
                why = first_rejection(checks.zh_suffix_word, scan, i, suf)
                if why is not None:      # 村民: part of another word
                    found.drop((i, i + len(suf)), ZH_SITE if suf in lex.zh_sites else ZH_SUFFIX, why)
                    continue
                hit = (suf, level)
                break
        if not hit:
            i += 1
            continue
        suf, level = hit
        items = []
        if i > 0 and text[i - 1] == zh.list_end:
            # 梅园、竹林等社区
            j = i - 1
            while True:
                stem_start = _stem_start(text, j, hard_ends, lex)
                stem = text[stem_start:j]
                if stem_start < j and min_stem <= len(stem):
                    items.append((stem_start, j, stem))
                if stem_start > 0 and text[stem_start - 1] in lex.zh_list_marks and len(items) < zh.list_max_items:
                    j = stem_start - 1
                    continue
                break
            for s, e, st in items:
                why = first_rejection(checks.zh_list, scan, s, e)
                if why is None:
                    out.append((s, e, st + suf, level, st, suf, None, ZH_LISTED, LISTED_WITH_OTHERS))
                else:
                    found.drop((s, e), ZH_LISTED, why)
            hard_ends.add(i + len(suf))
            i += len(suf)
            continue
        # a former site may be named after an institution whose word is otherwise a boundary
        # (讲习所旧址): the name then ends with that word
        name_end = i - 1 if suf in lex.zh_sites and i > 0 and text[i - 1] in lex.zh_site_inner_heads else i
        stem_start, bounded = _stem_bounds(text, name_end, hard_ends, lex)
        prefix = None
        if suf in lex.zh_sites and not bounded:
            # a site's name may be longer than a street's: take more when a boundary then shows
            longer, long_bounded = _stem_bounds(text, name_end, hard_ends, lex, lex.zh_site_max_stem)
            if long_bounded and longer < stem_start:
                stem_start, bounded = longer, True
        if suf in lex.zh_sites:
            # the place a site is named after comes with it: 苏州市第十中学, 湖南第一师范学院
            for ms, me in spans:
                if me < i and (me == stem_start or ms <= stem_start < me) and me - ms >= min_stem:
                    prefix, stem_start, bounded = (ms, me), ms, True
                    if _own_site_name(text, me, i, lex):
                        prefix, stem_start = None, me      # 红桥区 | 平津战役纪念馆
                    break
        if prefix is None and suf not in lex.zh_sites:
            # a verb inside the name is its left edge (完成|大田村), when a name is left after it
            cut = scan.words.after_verb(stem_start, i)
            if cut > stem_start and i - cut >= min_stem:
                stem_start, bounded = cut, True
        rule = ZH_SITE if suf in lex.zh_sites else ZH_SUFFIX
        why = first_rejection(checks.zh_suffix, scan, stem_start, i, suf, bounded, prefix)
        if why is None:
            stem = text[stem_start:i]
            support = NAMED_AFTER_PLACE if prefix else (AFTER_BOUNDARY if bounded else AT_LENGTH_LIMIT)
            out.append((stem_start, i + len(suf), stem + suf, level, stem, suf, prefix, rule, support))
            hard_ends.add(i + len(suf))
        else:
            found.drop((min(stem_start, i), i + len(suf)), rule, why)
        i += len(suf)
    return out


def _own_site_name(text: str, name_start: int, suffix_start: int, lex: Lexicon) -> bool:
    """After a district or county named in full (红桥区), a site name of its own (平津战役
    纪念馆) is not named after it; an ordinal or generic stem is (区第一中学, 县人民医院)."""
    rest = text[name_start:suffix_start]
    return text[name_start - 1] in lex.zh_site_own_after and len(rest) >= lex.zh.min_stem \
        and rest[0] != lex.zh_english.ordinal_mark \
        and not rest.startswith(lex.zh_site_generic_starts) and not rest.endswith(lex.zh_generic)


def has_site_word(stem: str, lex: Lexicon) -> bool:
    return any(zh in stem for zh, _ in lex.zh_site_words)


def road_ok(stem: str, bounded: bool, lex: Lexicon) -> bool:
    """A street name inside a name needs a proper boundary: 松林路社区 yes; 红色...路...岛 no."""
    pos = stem.find(lex.zh.road_char)
    if pos < 0:
        return True
    if pos != len(stem) - 1:
        return False
    return bounded and len(stem) > lex.zh.min_stem


def _stem_bounds(text: str, end: int, hard_ends: set[int], lex: Lexicon, max_stem: int = 0) -> tuple[int, bool]:
    """_stem_start, and whether the name's left edge is a real boundary (punctuation, another
    place, a boundary word) rather than the length limit."""
    start = end
    while start > 0 and end - start < (max_stem or lex.zh_max_stem) and lex.zh_name_char.match(text[start - 1]) and start not in hard_ends:
        start -= 1
    bounded = start == 0 or not lex.zh_name_char.match(text[start - 1]) or start in hard_ends
    cut = _boundary_cut(text, start, end, lex, hard_ends)
    if cut >= 0:
        bounded = True
    cut = max(cut, 0)
    return (start + cut, bounded) if cut < end - start else (end, bounded)


def _boundary_cut(text: str, start: int, end: int, lex: Lexicon, hard_ends: set[int]) -> int:
    """How far into text[start:end] the last boundary word ends; -1: none ends inside it or
    at its left edge. A boundary word may begin before the window (依托|龙华烈士陵园)."""
    lead = 0
    while lead < lex.zh_boundary_len - 1 and start - lead > 0 and lex.zh_name_char.match(text[start - lead - 1]) \
            and start - lead not in hard_ends:
        lead += 1
    window = text[start - lead:end]
    base = start - lead
    cut = -1
    for w in lex.zh_boundary:
        pos = window.rfind(w)
        while pos >= 0 and w in lex.zh_conjunctions and _joins_nothing(text, base + pos, hard_ends, lex):
            pos = window.rfind(w, 0, pos)
        if pos >= 0:
            cut = max(cut, pos + len(w))
    return cut - lead if cut >= lead else -1


def _joins_nothing(text: str, at: int, hard_ends: set[int], lex: Lexicon) -> bool:
    """A conjunction at text[at] with nothing before it to join: a list comma (、和平村) or a
    boundary word (走进和平社区). After a clause's comma it is a preposition (，与梅园社区)."""
    if at == 0 or text[at - 1] in lex.zh_list_marks:
        return True
    if not lex.zh_name_char.match(text[at - 1]):
        return False
    before = text[max(0, at - lex.zh_boundary_len):at]
    return any(before.endswith(b) for b in lex.zh_boundary)


def _stem_start(text: str, end: int, hard_ends: set[int], lex: Lexicon) -> int:
    """Where the name before text[end] starts: after punctuation, a place found before it,
    or a boundary word, at most max_stem characters back."""
    start = end
    while start > 0 and end - start < lex.zh_max_stem and lex.zh_name_char.match(text[start - 1]) and start not in hard_ends:
        start -= 1
    cut = max(_boundary_cut(text, start, end, lex, hard_ends), 0)
    return start + cut if cut < end - start else end

