"""Chinese place recognition: gazetteer names matched longest-first (official, former and
short names of units; townships), and names before a suffix word (zh_suffix.py), with English
names made from their characters (zh_english.py).

    find_zh(text, data, titles, found) -> [Place, ...]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...gazetteer import read_gazetteer
from ..data import DataFiles
from ..doc import Spans
from .lexicon import PlaceData, build_lexicon
from .resolve import AdminMention, Place, admin_places
from .rules import FULL_NAME, ZH_EXACT, ZH_SHORT, ZH_TOWNSHIP, first_rejection
from .zh_english import english_name
from .zh_suffix import suffix_places
from .zh_words import ClauseWords


def _char_class(chars) -> re.Pattern:
    chars = sorted(chars)
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]" if chars else r"(?!)")


@dataclass(frozen=True)
class ZhNames:
    index: dict          # name -> [("full"|"short", Division) | ("town", Township)]
    lengths_by_pair: dict   # first two characters -> lengths (2+, longest first) of names starting so
    starts: re.Pattern   # the CJK characters some name (2+ characters) starts with
    suffixes: dict       # first character -> (suffix, level) of the street/site suffixes, longest first
    suffix_starts: re.Pattern


def zh_names(files: DataFiles) -> ZhNames:
    """The gazetteer's Chinese names by first characters, and the suffixes (built once per folder)."""
    gz = files.build(read_gazetteer)
    lex = files.build(build_lexicon)
    index: dict[str, list] = {}
    for name, divs in gz.by_zh_full.items():
        index.setdefault(name, []).extend(("full", d) for d in divs)
    for name, divs in gz.by_zh_short.items():
        if name in index or name in lex.zh_short_stop:
            continue
        index.setdefault(name, []).extend(("short", d) for d in divs)
    for name, towns in gz.townships_by_zh.items():
        if name not in index:
            index[name] = [("town", t) for t in towns]
    pairs: dict[str, set[int]] = {}
    firsts = set()
    for name in index:
        if len(name) >= 2:
            pairs.setdefault(name[:2], set()).add(len(name))
            firsts.add(name[0])
    ordered = sorted(list(lex.zh_subcounty.items()) + list(lex.zh_sites.items()), key=lambda kv: -len(kv[0]))
    suffixes: dict[str, list] = {}
    for suf, level in ordered:
        suffixes.setdefault(suf[0], []).append((suf, level))
    return ZhNames(
        index=index,
        lengths_by_pair={pair: tuple(sorted(ls, reverse=True)) for pair, ls in pairs.items()},
        starts=_char_class(ch for ch in firsts if lex.zh_name_char.match(ch)),
        suffixes={ch: tuple(v) for ch, v in suffixes.items()},
        suffix_starts=_char_class(suffixes),
    )


class ZhScan:
    """One Chinese text being read: what the steps and their predicates (zh_filters.py) share."""

    def __init__(self, text: str, data: PlaceData, titles: Spans, found):
        self.text = text
        self.data = data
        self.lex = data.lex
        self.names = data.build(zh_names)
        self.after_window = data.lex.zh.after_window    # characters after a name the traps look at
        self.titles = titles                   # 《film and book titles》
        self.checks = data.checks              # the rejecting predicates of each step
        self.found = found                     # the trace's record (rules.Found), or NOT_TRACED
        self.matches: list[tuple] = []         # (start, end, entries): gazetteer names, in order
        self.hard_ends: set[int] = set()       # where a name ends (or a unit's name starts)
        self.hard_starts: set[int] = set()     # where a unit's or township's name starts
        self.taken: list[tuple[int, int]] = []          # the names found before suffixes
        self.prefixes: set[tuple[int, int]] = set()     # the places those names start with
        self.words = ClauseWords(text, data.lex)        # jieba's words of a clause, on first use


def _gazetteer_names(scan: ZhScan) -> None:
    """The gazetteer's names in the text, longest first at each position, left to right."""
    text, names, found = scan.text, scan.names, scan.found
    checks = scan.checks.zh_match
    index, starts, lengths_from2 = names.index, names.starts, names.lengths_by_pair
    matches = scan.matches
    n = len(text)
    i = 0
    while i < n:
        # jump to the next CJK character that can start a name (the others never match)
        hit = starts.search(text, i)
        if hit is None:
            break
        i = hit.start()
        match = None
        for length in lengths_from2.get(text[i:i + 2], ()):
            if length > n - i:
                continue
            entries = index.get(text[i:i + length])
            if not entries:
                continue
            why = first_rejection(checks, scan, i, i + length, entries)
            if why is not None:     # 区域, 南京东路, 赤水河 ...: try a shorter name here
                found.drop((i, i + length), _RULE_OF[entries[0][0]], why)
                continue
            match = (i, i + length, entries)
            break
        if match:
            matches.append(match)
            i = match[1]
        else:
            i += 1


_RULE_OF = {"full": ZH_EXACT, "short": ZH_SHORT, "town": ZH_TOWNSHIP}


def find_zh(text: str, data: PlaceData, titles: Spans, found) -> list[Place]:
    scan = ZhScan(text, data, titles, found)
    gz, lex = data.gz, data.lex
    _gazetteer_names(scan)
    hard = [(s, e) for s, e, entries in scan.matches if entries[0][0] in ("full", "town")]
    scan.hard_ends = {e for s, e in hard} | {s for s, e in hard}
    found_before_suffix = suffix_places(scan)
    scan.taken = [(s, e) for s, e, *_ in found_before_suffix]
    scan.prefixes = {sp[6] for sp in found_before_suffix if sp[6]}

    admin: list[AdminMention] = []
    towns: dict[str, Place] = {}
    checks = scan.checks.zh_admin
    for s, e, entries in scan.matches:
        kind = entries[0][0]
        why = first_rejection(checks, scan, s, e, entries)
        if why is not None:          # inside a longer name, a short name in a title, 中心城区 ...
            found.drop((s, e), _RULE_OF[kind], why)
            continue
        if kind != "town" and text[s:e] in lex.zh_generic_units:
            divs = [d for _, d in entries]
            admin.append(AdminMention((s, e), divs, "generic", rule=_RULE_OF[kind]))
            continue
        if kind == "town":
            t = entries[0][1]
            p = towns.setdefault(t.name_zh, Place(t.name_en, t.name_zh, "township", None, key="town:" + t.name_zh))
            p.mentions.append((s, e))
            found.keep((s, e), ZH_TOWNSHIP, FULL_NAME)
            continue
        divs = [d for _, d in entries]
        admin.append(AdminMention((s, e), divs, "full" if kind == "full" else "short", rule=_RULE_OF[kind]))
    places = admin_places(gz, admin, lex, found)

    local: dict[str, Place] = {}
    for s, e, name_zh, level, stem, suffix, prefix, rule, support in found_before_suffix:
        key = name_zh
        if name_zh in towns:
            towns[name_zh].mentions.append((s, e))
            found.keep((s, e), rule, support)
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
        found.keep((s, e), rule, support)
    return places + list(towns.values()) + list(local.values())
