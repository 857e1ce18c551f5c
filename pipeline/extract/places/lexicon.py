"""Word lists and name indexes for place recognition, loaded once per process.

From configs/gazetteer (see its README): lexicon.toml (suffix words, stop words, ...),
mt_renderings.tsv, en_zh_words.tsv, institutions.tsv, pinyin_chars.tsv; plus indexes over the
gazetteer's Chinese names for the Chinese scan.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ...config import CONFIG_DIR
from ...gazetteer import load_gazetteer, norm_key

GAZ_DIR = CONFIG_DIR / "gazetteer"
CJK = re.compile(r"[\u3400-\u9fff]")
TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’\-][A-Za-z\u00C0-\u024F]+)*")


# ---------------------------------------------------------------------------------------
# data files
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lexicon:
    admin_suffixes: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]   # (words), zh endings
    subcounty_suffixes: tuple[tuple[tuple[str, ...], str, str], ...]     # (words), level, canonical
    site_suffixes: tuple[tuple[tuple[str, ...], str], ...]               # (words), level
    name_word_pinyin: dict
    stop_words: frozenset
    generic_words: frozenset
    bare_stop: frozenset
    surnames: frozenset
    pinyin_word: re.Pattern
    zh_subcounty: dict
    zh_sites: dict
    zh_max_stem: int
    zh_boundary: tuple[str, ...]
    zh_boundary_len: int
    zh_conjunctions: str
    zh_list_marks: str
    town_suffix_words: frozenset
    ethnic_groups: frozenset
    zh_site_own_after: str
    zh_site_inner_heads: str
    zh_generic: frozenset
    zh_short_stop: frozenset
    zh_bad_following: tuple[str, ...]
    zh_road_after: re.Pattern
    zh_not_followed: dict
    renderings: tuple[tuple[tuple[str, ...], str, str], ...]             # (words lower), stem, mode
    site_stop: frozenset = frozenset()
    site_connectors: frozenset = frozenset()
    site_connector_hosts: frozenset = frozenset()
    site_generic: frozenset = frozenset()
    site_regions: frozenset = frozenset()
    not_admin_after: frozenset = frozenset()
    word_chars: dict = field(default_factory=dict)                       # english word -> (Chinese, ...)
    zh_site_max_stem: int = 9
    zh_site_generic: frozenset = frozenset()
    zh_site_words: tuple = ()
    zh_site_heads: dict = field(default_factory=dict)
    zh_generic_units: frozenset = frozenset()
    zh_not_admin_after: str = ""


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in TOKEN.finditer(phrase))


@lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    with open(GAZ_DIR / "lexicon.toml", "rb") as f:
        d = tomllib.load(f)
    en, zh = d["en"], d["zh"]
    renderings = []
    with open(GAZ_DIR / "mt_renderings.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            phrase, stem, mode = line.rstrip("\n").split("\t")[:3]
            renderings.append((_words(phrase), stem, mode))
    word_chars: dict[str, list[str]] = {}
    with open(GAZ_DIR / "en_zh_words.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, chars = line.rstrip("\n").split("\t")[:2]
            bucket = word_chars.setdefault(word.strip().lower(), [])
            bucket += [c for c in chars.split("|") if c and c not in bucket]
    sites = en["sites"]
    by_len = lambda item: -len(item[0])  # noqa: E731
    return Lexicon(
        admin_suffixes=tuple(sorted(((_words(k), tuple(v)) for k, v in en["admin_suffixes"].items()), key=by_len)),
        subcounty_suffixes=tuple(sorted(((_words(k), v[0], v[1]) for k, v in en["subcounty_suffixes"].items()),
                                        key=by_len)),
        site_suffixes=tuple(sorted(((_words(k), v) for k, v in en["site_suffixes"].items()), key=by_len)),
        name_word_pinyin={k.lower(): v for k, v in en["name_word_pinyin"].items()},
        stop_words=frozenset(w.lower() for w in en["stop_words"]),
        generic_words=frozenset(w.lower() for w in en["generic_words"]),
        bare_stop=frozenset(en["bare_stop"]),
        surnames=frozenset(w.lower() for w in en["surnames"]),
        pinyin_word=re.compile(d["en_pinyin"]["word"]),
        zh_subcounty=dict(zh["subcounty_suffixes"]),
        zh_sites=dict(zh["site_suffixes"]),
        zh_max_stem=int(zh["max_stem"]),
        zh_boundary=tuple(sorted(zh["boundary_words"], key=len, reverse=True)),
        zh_boundary_len=max(map(len, zh["boundary_words"])),
        zh_conjunctions=zh.get("conjunctions", ""),
        zh_list_marks=zh.get("list_marks", "、"),
        town_suffix_words=frozenset(w.lower() for w in en.get("town_suffix_words", ())),
        ethnic_groups=frozenset(w.lower() for w in en.get("ethnic_groups", ())),
        zh_site_own_after=zh.get("site_own_name_after", ""),
        zh_site_inner_heads=zh.get("site_inner_heads", ""),
        zh_generic=frozenset(zh["generic_stems"]),
        zh_short_stop=frozenset(zh["short_stop"]),
        zh_bad_following=tuple(zh["bad_following"]),
        zh_road_after=re.compile(zh["road_after_short"]),
        zh_not_followed=dict(zh["suffix_not_followed_by"]),
        renderings=tuple(sorted(renderings, key=by_len)),
        site_stop=frozenset(w.lower() for w in sites["stop"]),
        site_connectors=frozenset(sites["connectors"]),
        site_connector_hosts=frozenset(w.lower() for w in sites["connector_hosts"]),
        site_generic=frozenset(w.lower() for w in sites["generic"]),
        site_regions=frozenset(w.lower() for w in sites.get("regions", ())),
        not_admin_after=frozenset(sites["not_admin_after"]),
        word_chars={k: tuple(v) for k, v in word_chars.items()},
        zh_site_max_stem=int(zh["site_max_stem"]),
        zh_site_generic=frozenset(zh["site_generic_stems"]),
        zh_site_words=tuple(sorted(zh["site_words"].items(), key=lambda kv: -len(kv[0]))),
        zh_site_heads=dict(zh["site_heads"]),
        zh_generic_units=frozenset(zh["generic_units"]),
        zh_not_admin_after=zh["not_admin_after_short"],
    )


@lru_cache(maxsize=None)
def institutions() -> tuple[dict, tuple]:
    """norm_key(any English name) -> (canonical, name_zh); abbreviations (case-sensitive) -> same."""
    by_key, abbrevs = {}, []
    with open(GAZ_DIR / "institutions.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            zh, canonical = cells[0], cells[1]
            for name in [canonical] + [x for x in (cells[2] if len(cells) > 2 else "").split("|") if x]:
                if name.isupper() and " " not in name:
                    abbrevs.append((name, canonical, zh))
                else:
                    by_key[norm_key(name)] = (canonical, zh)
    return by_key, tuple(abbrevs)


@lru_cache(maxsize=None)
def pinyin_chars() -> dict:
    table = {}
    with open(GAZ_DIR / "pinyin_chars.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            ch, syl = line.rstrip("\n").split("\t")
            table[ch] = syl
    return table


def romanise_zh(stem: str) -> str:
    table = pinyin_chars()
    out = []
    for i, ch in enumerate(stem):
        syl = table.get(ch)
        if syl is None:
            out.append(ch)
            continue
        out.append(("'" + syl) if i and syl[0] in "aoe" else syl)
    word = "".join(out)
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=None)
def zh_index() -> tuple[dict, int]:
    """Chinese name -> [("full"|"short", Division) | ("town", Township)], and the longest key."""
    gz = load_gazetteer()
    lex = lexicon()
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
    return index, max(len(k) for k in index)


@lru_cache(maxsize=None)
def zh_lengths() -> dict[str, tuple[int, ...]]:
    """First character -> lengths (2+, longest first) of the zh_index names starting with it."""
    index, _ = zh_index()
    out: dict[str, set[int]] = {}
    for name in index:
        if len(name) >= 2:
            out.setdefault(name[0], set()).add(len(name))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in out.items()}


@lru_cache(maxsize=None)
def zh_suffixes() -> dict[str, tuple[tuple[str, str], ...]]:
    """First character -> (suffix, level) of the Chinese street/site suffixes, longest first."""
    lex = lexicon()
    ordered = sorted(list(lex.zh_subcounty.items()) + list(lex.zh_sites.items()), key=lambda kv: -len(kv[0]))
    out: dict[str, list] = {}
    for suf, level in ordered:
        out.setdefault(suf[0], []).append((suf, level))
    return {ch: tuple(v) for ch, v in out.items()}


TITLE = re.compile(r"《[^》\n]{1,40}》")       # a film or book title: names inside are not places
