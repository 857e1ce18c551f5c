"""Chinese place recognition: gazetteer names matched longest-first, and names before a suffix
word (街道/镇/乡/社区/村, 小学/广场/纪念馆 ...), with English names made from their characters.

    find_zh(text) -> [Place, ...]
"""
from __future__ import annotations

from ..doc import Spans
from .lexicon import Lexicon, PlaceData, ZhNames
from .resolve import AdminMention, Place, admin_places
from .zh_english import english_name


def find_zh(text: str, data: PlaceData, titles: Spans) -> list[Place]:
    gz, lex, names = data.gz, data.lex, data.zh_names
    index = names.index
    n = len(text)
    matches = []  # (start, end, entries)
    starts = names.starts
    lengths_from2 = names.lengths_by_pair
    after_window, next_lengths = lex.zh.after_window, lex.zh.next_name_lengths
    i = 0
    while i < n:
        # jump to the next CJK character that can start a name (the others never match)
        hit = starts.search(text, i)
        if hit is None:
            break
        i = hit.start()
        found = None
        for length in lengths_from2.get(text[i:i + 2], ()):
            if length > n - i:
                continue
            sub = text[i:i + length]
            entries = index.get(sub)
            if not entries:
                continue
            after = text[i + length:i + length + after_window]
            if any((sub[-1] + after).startswith(b) for b in lex.zh_bad_following):
                continue
            if all(kind == "short" for kind, _ in entries) and lex.zh_road_after.match(after):
                continue
            if all(kind == "short" for kind, _ in entries) and after[:1] and after[0] in lex.zh_not_admin_after \
                    and not any(index.get(text[i + length:i + length + L]) for L in next_lengths):
                continue      # 赤水河, 井冈山 ... a river or mountain
            found = (i, i + length, entries)
            break
        if found:
            matches.append(found)
            i = found[1]
        else:
            i += 1

    hard_ends = {e for s, e, entries in matches if entries[0][0] in ("full", "town")}
    hard_ends |= {s for s, e, entries in matches if entries[0][0] in ("full", "town")}
    suffix_places = _zh_suffix_places(text, matches, hard_ends, lex, names)
    taken = [(s, e) for s, e, *_ in suffix_places]
    prefixes = {sp[6] for sp in suffix_places if sp[6]}

    def inside(s, e):
        return any(ts <= s and e <= ts2 and (ts, ts2) != (s, e) for ts, ts2 in taken)

    admin: list[AdminMention] = []
    towns: dict[str, Place] = {}
    for s, e, entries in matches:
        if inside(s, e) and (s, e) not in prefixes:
            continue
        kind = entries[0][0]
        if kind == "short" and titles.find(s) is not None:
            continue      # 《四渡赤水》: a film title
        if kind != "town" and text[s:e] in lex.zh_generic_units:
            if s > 0 and text[s - 1] in lex.zh.generic_unit_not_after:
                continue  # 中心城区, 主城区
            divs = [d for _, d in entries]
            admin.append(AdminMention((s, e), divs, "generic"))
            continue
        if kind == "town":
            t = entries[0][1]
            p = towns.setdefault(t.name_zh, Place(t.name_en, t.name_zh, "township", None, key="town:" + t.name_zh))
            p.mentions.append((s, e))
            continue
        divs = [d for _, d in entries]
        admin.append(AdminMention((s, e), divs, "full" if kind == "full" else "short"))
    places = admin_places(gz, admin, lex)

    local: dict[str, Place] = {}
    for s, e, name_zh, level, stem, suffix, prefix in suffix_places:
        key = name_zh
        if name_zh in towns:
            towns[name_zh].mentions.append((s, e))
            continue
        if key not in local:
            lead = None
            if prefix:
                lead = next((m.chosen or m.cands[0] for m in admin if m.span == prefix and m.cands), None)
                if lead is None:
                    lead = next((p for p in towns.values() if (prefix[0], prefix[1]) in p.mentions), None)
            local[key] = Place(english_name(stem, suffix, level, data.pinyin, lex, lead,
                                            prefix[1] - prefix[0] if prefix else 0),
                               name_zh, level, None, key=key)
        local[key].mentions.append((s, e))
    return places + list(towns.values()) + list(local.values())


def _zh_suffix_places(text: str, matches, hard_ends: set[int], lex: Lexicon, names: ZhNames):
    """(start, end, name_zh, level, stem, suffix, prefix_match) for names before a suffix word."""
    by_first = names.suffixes
    hard_starts = {s for s, e, entries in matches if entries[0][0] in ("full", "town")}
    spans = [(s, e) for s, e, _ in matches]
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
                nxt = text[i + len(suf):i + len(suf) + 1]
                if nxt and nxt in lex.zh_not_followed.get(suf, ""):
                    continue
                hit = (suf, level)
                break
        if not hit:
            i += 1
            continue
        suf, level = hit
        items = []
        if i > 0 and text[i - 1] == zh.list_end:
            # 荷花池、凤鸣塔等社区
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
            items = [(s, e, st) for s, e, st in items if not any(st.endswith(g) for g in lex.zh_generic)
                     and _road_ok(st, True, lex)]
            for s, e, st in items:
                out.append((s, e, st + suf, level, st, suf, None))
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
        if prefix is None and i - stem_start > lex.zh_max_stem and not _has_site_word(text[stem_start:i], lex):
            stem_start = i      # a long name with no place before it and no site word: a clause
        stem = text[stem_start:i]
        ok = min_stem <= len(stem) and _road_ok(stem, bounded, lex)
        if ok and prefix is None:
            ok = not any(stem.endswith(g) for g in lex.zh_generic) and stem not in lex.zh_site_generic \
                and not ((len(stem) > min_stem or stem[0] in zh.level_chars) and stem[1:] in lex.zh_site_generic) \
                and (stem_start not in hard_starts or suf in lex.zh_sites)
        elif ok:
            ok = len(stem) > prefix[1] - prefix[0] and stem[prefix[1] - prefix[0]:] not in ("", zh.possessive)
        if ok:
            out.append((stem_start, i + len(suf), stem + suf, level, stem, suf, prefix))
            hard_ends.add(i + len(suf))
        i += len(suf)
    return out


def _own_site_name(text: str, name_start: int, suffix_start: int, lex: Lexicon) -> bool:
    """After a district or county named in full (红桥区), a site name of its own (平津战役
    纪念馆) is not named after it; an ordinal or generic stem is (区第一中学, 县人民医院)."""
    rest = text[name_start:suffix_start]
    return text[name_start - 1] in lex.zh_site_own_after and len(rest) >= lex.zh.min_stem \
        and rest[0] != lex.zh_english.ordinal_mark \
        and not any(rest.startswith(g) for g in lex.zh_site_generic) and not any(rest.endswith(g) for g in lex.zh_generic)


def _has_site_word(stem: str, lex: Lexicon) -> bool:
    return any(zh in stem for zh, _ in lex.zh_site_words)


def _road_ok(stem: str, bounded: bool, lex: Lexicon) -> bool:
    """A street name inside a name needs a proper boundary: 青阳路社区 yes; 红色...路...岛 no."""
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
    boundary word (走进和平社区). After a clause's comma it is a preposition (，与荷花池社区)."""
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

