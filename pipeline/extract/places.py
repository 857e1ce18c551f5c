"""Places: named administrative units, streets, communities, villages and sites.

    find_places(text, language) -> [{"name", "name_zh", "level", "adcode", "mentions"}, ...]

Pure and fast: the gazetteer (pipeline.gazetteer) and the word lists of
configs/gazetteer/lexicon.toml and mt_renderings.tsv load once per process.

English (machine-translated) text: capitalised word runs whose letters spell a unit's pinyin
(`Hongshan`, `Hong Shan`, `Xi'an`) with or without a level word after them (`District`,
`County`, ...); known MT renderings of name characters (`Seongbuk`, `three stations`,
`West District`); street/community/village/town names before their suffix word; named sites
before `University`, `Middle School`, `Park`, ... Chinese text: gazetteer names (official,
former and short) matched longest-first, and names before 街道/镇/乡/社区/村/小学/广场....

Units whose name repeats across China are resolved by the document's other places (a parent
mentioned, a sibling in the same city or province); when that cannot decide, adcode is null.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import CONFIG_DIR
from ..gazetteer import LEVEL_RANK, Division, Gazetteer, Township, load_gazetteer, norm_key
from .place_towns import close, town_index

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


# ---------------------------------------------------------------------------------------
# collecting places
# ---------------------------------------------------------------------------------------
@dataclass
class AdminMention:
    span: tuple[int, int]
    cands: list[Division]
    kind: str             # suffix | bare | full | short | render-any | render-suffix | render-context
    text_name: str = ""
    chosen: Division | None = None
    score: int = 0


@dataclass
class Place:
    name: str
    name_zh: str | None
    level: str
    adcode: str | None
    mentions: list = field(default_factory=list)
    key: str = ""

    def as_dict(self) -> dict:
        spans = sorted({tuple(m) for m in self.mentions})
        return {"name": self.name, "name_zh": self.name_zh, "level": self.level,
                "adcode": self.adcode, "mentions": [list(s) for s in spans]}


def _suffix_ok(div: Division, endings: tuple[str, ...]) -> bool:
    return any(n.endswith(endings) for n in div.all_names_zh)


def _resolve(gz: Gazetteer, mentions: list[AdminMention]) -> None:
    """Pick each mention's unit, using the document's unambiguous places as context."""
    sure = [m.cands[0] for m in mentions if len(m.cands) == 1 and m.kind in ("suffix", "full")]
    sure += [m.cands[0] for m in mentions if len(m.cands) == 1 and m.kind in ("bare", "short")
             and m.cands[0].level in ("province", "city")]
    for _ in range(2):
        ctx_codes, ctx_parents, ctx_provs = set(), set(), set()
        for d in sure:
            ctx_codes.add(d.code)
            ctx_codes |= gz.ancestors(d.code)
            if d.parent:
                ctx_parents.add(d.parent)
            ctx_provs.add(d.code[:2])
        newly = []
        for m in mentions:
            scored = []
            for d in m.cands:
                s = 0
                if d.parent and d.parent in ctx_codes:
                    s += 3
                if d.code in ctx_parents or (d.level != "province" and d.code in ctx_codes):
                    s += 3
                if d.parent in ctx_parents and d.level in ("district", "county"):
                    s += 2
                if d.code[:2] in ctx_provs:
                    s += 1
                scored.append((s, d))
            best = max(s for s, _ in scored)
            top = [d for s, d in scored if s == best]
            if len(top) == 1:
                m.chosen, m.score = top[0], best
            elif m.kind in ("bare", "short"):
                ranks = sorted(((LEVEL_RANK.get(d.level, 0), d) for d in top), key=lambda x: -x[0])
                if ranks[0][0] >= 2 and (len(ranks) == 1 or ranks[0][0] > ranks[1][0]):
                    m.chosen, m.score = ranks[0][1], best
                else:
                    m.chosen, m.score = None, best
            else:
                m.chosen, m.score = None, best
            if m.chosen is not None and m.chosen not in sure and (
                    m.score > 0 or m.kind in ("suffix", "full") or m.chosen.level in ("province", "city")):
                newly.append(m.chosen)
        if not newly:
            break
        sure += newly


def _accept(m: AdminMention, suffix_codes: set[str], lex: Lexicon, bare_counts: dict) -> bool:
    d = m.chosen
    if m.kind in ("suffix", "full", "render-any"):
        return True
    if d is None:
        return False
    if m.kind == "render-suffix":
        return m.score > 0
    if m.kind == "generic":
        return m.score >= 3     # 老城区 is Luoyang's only when Luoyang is in the document
    if m.kind == "render-context":
        return m.score > 0 or d.code in suffix_codes
    # bare / short names: backed by a parent or a sibling (a shared province alone is weak)
    if d.code in suffix_codes or m.score >= 2:
        return True
    if d.level in ("province", "city"):
        return len(m.cands) == 1 or LEVEL_RANK[d.level] > max(LEVEL_RANK.get(c.level, 0) for c in m.cands if c is not d)
    # a county-level name alone, with nothing around it from its city or province: only when
    # unique in China and used more than once (one-off hits are mostly people and words)
    # (Chinese short names are ordinary words too often: 同心, 平安; they need context)
    return m.kind == "bare" and len(m.cands) == 1 and len(d.short_zh) >= 2 and bare_counts.get(d.code, 0) >= 2


def _admin_places(gz: Gazetteer, mentions: list[AdminMention], lex: Lexicon) -> list[Place]:
    _resolve(gz, mentions)
    suffix_codes = {m.chosen.code for m in mentions if m.chosen and m.kind in ("suffix", "full")}
    bare_counts: dict[str, int] = {}
    for m in mentions:
        if m.chosen is not None and m.kind in ("bare", "short"):
            bare_counts[m.chosen.code] = bare_counts.get(m.chosen.code, 0) + 1
    places: dict[str, Place] = {}
    for m in mentions:
        if not _accept(m, suffix_codes, lex, bare_counts):
            continue
        if m.chosen is not None:
            d = m.chosen
            key = "adm:" + d.code
            if key not in places:
                places[key] = Place(d.name_en, d.name_zh, d.level, d.code, key=key)
        else:
            names_zh = {d.name_zh for d in m.cands}
            levels = {d.level for d in m.cands}
            name_zh = names_zh.pop() if len(names_zh) == 1 else None
            name = m.text_name or (m.cands[0].name_en if len(names_zh) <= 1 else "")
            if not name:
                continue
            key = "admzh:" + (name_zh or norm_key(name))
            if key not in places:
                places[key] = Place(name, name_zh, levels.pop() if len(levels) == 1 else "district", None, key=key)
        places[key].mentions.append(m.span)
    return list(places.values())


# ---------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------
_GAP_SPACES = frozenset(" \u00a0\u3000\t")


class Tokens:
    """Word tokens of a text, with per-token flags computed once: capitalised, joined to the next."""

    def __init__(self, text: str):
        self.text = text
        self.items = items = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.lower = [t[0].lower() for t in items]
        self.caps = [t[0][:1].isupper() for t in items]
        # token i and i+1 are separated by spaces only (no newline)
        self.join = [_GAP_SPACES.issuperset(text[items[i][2]:items[i + 1][1]]) for i in range(len(items) - 1)] + [False]

    def __len__(self):
        return len(self.items)

    def joined(self, i: int) -> bool:
        """Token i and i+1 are separated by spaces only."""
        if i + 1 >= len(self.items):
            return False
        if i >= 0:
            return self.join[i]
        gap = self.text[self.items[i][2]:self.items[i + 1][1]]     # as before for negative i
        return gap.strip(" \u00a0\u3000\t") == "" and "\n" not in gap

    def cap(self, i: int) -> bool:
        return self.caps[i]

    def match_phrase(self, i: int, words: tuple[str, ...]) -> bool:
        n = len(words)
        if i + n > len(self.items):
            return False
        if tuple(self.lower[i:i + n]) != words:
            return False
        return all(self.joined(k) for k in range(i - 1, i + n - 1)) if i > 0 else \
            all(self.joined(k) for k in range(i, i + n - 1))


@lru_cache(maxsize=None)
def _by_first(table: tuple) -> dict:
    """A phrase table (entries whose [0] is a word tuple) by first word, keeping table order."""
    out: dict[str, list] = {}
    for entry in table:
        out.setdefault(entry[0][0], []).append(entry)
    return out


def _suffix_at(toks: Tokens, i: int, table) -> tuple[int, tuple] | None:
    """Longest suffix phrase from `table` starting at token i and joined to token i-1."""
    if i >= len(toks) or i == 0 or not toks.join[i - 1]:
        return None
    for entry in _by_first(table).get(toks.lower[i], ()):
        words = entry[0]
        n = len(words)
        if tuple(toks.lower[i:i + n]) == words and all(toks.join[k] for k in range(i, i + n - 1)):
            return n, entry
    return None


def _name_key(words: list[str], lex: Lexicon) -> str:
    """'Chenglong Road' -> 'chenglonglu', 'Wugong Mountain' -> 'wugongshan' (pinyin before)."""
    out = []
    for k, w in enumerate(words):
        lw = w.lower()
        if k and lw in lex.name_word_pinyin and lex.pinyin_word.match(norm_key(words[k - 1])):
            out.append(lex.name_word_pinyin[lw])
        else:
            out.append(norm_key(w))
    return "".join(out)


def _display_name(words: list[str], lex: Lexicon) -> str:
    out: list[str] = []
    for k, w in enumerate(words):
        lw = w.lower()
        if k and lw in lex.name_word_pinyin and lex.pinyin_word.match(norm_key(words[k - 1])):
            out[-1] = out[-1] + lex.name_word_pinyin[lw]
        else:
            out.append(w.replace("’", "'"))
    return " ".join(out)


_ORDINAL_TOKENS = frozenset({"st", "nd", "rd", "th"})
_NO_GAP = re.compile(r"\.?[ \u00a0]*\d+[ \u00a0]+")
_ORDINAL_GAP = re.compile(r"[ \u00a0]+\d+")


def _is_ordinal(toks: "Tokens", x: int) -> bool:
    """'st' of '1st', 'th' of '10th' (digits are not tokens)."""
    s = toks.items[x][1]
    return toks.lower[x] in _ORDINAL_TOKENS and s > 0 and toks.text[s - 1].isdigit()


def _site_gap_ok(toks: "Tokens", x: int) -> bool:
    """May tokens x-1 and x belong to one site name ("No. 3 Middle", "August 1st")?"""
    gap = toks.text[toks.items[x - 1][2]:toks.items[x][1]]
    if gap.strip(" \u00a0\t") == "" and "\n" not in gap:
        return True
    if toks.lower[x - 1] == "no" and _NO_GAP.fullmatch(gap):
        return True
    return _is_ordinal(toks, x) and bool(_ORDINAL_GAP.fullmatch(gap))


def _site_word(toks: "Tokens", x: int, lex: Lexicon) -> bool:
    return _is_ordinal(toks, x) or (toks.cap(x) and toks.lower[x] not in lex.site_stop)


def _site_start(toks: "Tokens", j: int, blocked: list, lex: Lexicon) -> int:
    """First token of a site's name ending before head token j: capitalised words, "No. 3",
    ordinals, and "of the" after a host word ("Former Site of the ... Institute")."""
    start = j
    while start > 0 and j - start < 9:
        x = start - 1
        if blocked[x] or not _site_gap_ok(toks, start):
            break
        if _site_word(toks, x, lex):
            start = x
            continue
        if toks.lower[x] in lex.site_connectors:
            y = x
            while y >= 0 and toks.lower[y] in lex.site_connectors and not blocked[y] and _site_gap_ok(toks, y + 1):
                y -= 1
            if y >= 0 and not blocked[y] and toks.lower[y] in lex.site_connector_hosts and toks.cap(y) \
                    and _site_gap_ok(toks, y + 1):
                start = y
                continue
        break
    while start < j and (not toks.cap(start) or toks.lower[start] in lex.site_stop):
        start += 1
    return start


def _site_continues(toks: "Tokens", r: int, lex: Lexicon) -> bool:
    """After a site head at r: does a longer site name follow ("University Second Hospital")?"""
    n = len(toks)
    for x in range(r, min(n, r + 4)):
        if not _site_gap_ok(toks, x) or not _site_word(toks, x, lex):
            return False
        for words, _level in lex.site_suffixes:
            if toks.lower[x:x + len(words)] == list(words) and toks.cap(x):
                return True
    return False


_WORD_SUFFIX_ENDINGS = {"district": ("区",), "county": ("县", "旗", "市"), "banner": ("旗",)}
_TITLE = re.compile(r"《[^》\n]{1,40}》")


def _translated_units(gz: Gazetteer, words: list[str], endings: tuple[str, ...], lex: Lexicon) -> list[Division]:
    """County-level units whose name is these English words put back into characters."""
    out: list[Division] = []
    combos = [""]
    for w in words:
        combos = [c + ch for c in combos for ch in lex.word_chars[w]][:512]
    for stem in combos:
        for end in endings:
            for d in gz.by_zh_full.get(stem + end, ()):
                if d.level in ("district", "county") and d not in out:
                    out.append(d)
    return out


def _site_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _find_en(text: str) -> list[dict]:
    gz = load_gazetteer()
    lex = lexicon()
    toks = Tokens(text)
    n = len(toks)
    used = [False] * n
    admin: list[AdminMention] = []

    # 1. MT renderings of name characters ("three stations", "Seongbuk", "West District")
    renderings = _by_first(lex.renderings)
    for i in range(n):
        if used[i] or toks.lower[i] not in renderings:
            continue
        for words, stem, mode in renderings[toks.lower[i]]:
            k = len(words)
            if tuple(toks.lower[i:i + k]) != words or not all(toks.joined(j) for j in range(i, i + k - 1)):
                continue
            if mode == "any" and not toks.cap(i):
                continue
            suf = _suffix_at(toks, i + k, lex.admin_suffixes)
            if mode == "suffix" and not suf:
                continue
            endings = suf[1][1] if suf else ()
            cands = [d for d in gz.by_zh_short.get(stem, []) if not endings or _suffix_ok(d, endings)]
            cands += [d for d in gz.lookup_zh(stem, short=False) if d not in cands]
            if not cands:
                continue
            end_tok = i + k + (suf[0] if suf else 0) - 1
            kind = "render-any" if mode == "any" else ("render-suffix" if mode == "suffix" else "render-context")
            if mode == "context" and suf:
                kind = "suffix"
            name = None
            if suf:
                name = f"{cands[0].bare_en} {' '.join(w.capitalize() for w in suf[1][0])}"
            admin.append(AdminMention((toks.items[i][1], toks.items[end_tok][2]), cands, kind, name or ""))
            for j in range(i, end_tok + 1):
                used[j] = True
            break

    # 1b. "<English words> District/County" where MT translated the name's characters as words
    #     ("City Pass District" = 城关区, "Small Shop District" = 小店区): translate them back
    for j in range(1, n):
        if used[j] or toks.lower[j] not in _WORD_SUFFIX_ENDINGS or not toks.cap(j) or not toks.joined(j - 1):
            continue
        for k in (3, 2, 1):
            i = j - k
            if i < 0 or any(used[x] or not toks.cap(x) or toks.lower[x] not in lex.word_chars for x in range(i, j)) \
                    or not all(toks.joined(x) for x in range(i, j)):
                continue
            if gz.by_en.get(norm_key("".join(toks.items[x][0] for x in range(i, j)))):
                break     # a real romanised name: step 2 takes it
            cands = _translated_units(gz, [toks.lower[x] for x in range(i, j)], _WORD_SUFFIX_ENDINGS[toks.lower[j]],
                                      lex)
            if not cands:
                continue
            names = {d.name_zh for d in cands}
            text_name = cands[0].name_en if len(names) == 1 else \
                " ".join(toks.items[x][0] for x in range(i, j + 1))
            admin.append(AdminMention((toks.items[i][1], toks.items[j][2]), cands, "suffix", text_name))
            for x in range(i, j + 1):
                used[x] = True
            break

    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]

    # 2. romanised names of administrative units followed by a level word ("Hongshan District")
    suffix_first = {e[0][0] for e in lex.admin_suffixes + lex.subcounty_suffixes + lex.site_suffixes}

    def admin_names(bare: bool) -> None:
        i = 0
        while i < n:
            if used[i] or not toks.cap(i) or toks.lower[i] in lex.stop_words:
                i += 1
                continue
            hit = None
            for k in (4, 3, 2, 1):
                if i + k > n or any(used[j] for j in range(i, i + k)):
                    continue
                if not all(toks.joined(j) and toks.cap(j + 1) for j in range(i, i + k - 1)):
                    continue
                if any(toks.lower[j] in suffix_first or toks.lower[j] in lex.name_word_pinyin
                       for j in range(i + 1, i + k)):
                    continue
                key = norm_key("".join(toks.items[j][0] for j in range(i, i + k)))
                cands = gz.by_en.get(key)
                if cands:
                    hit = (k, key, list(cands))
                    break
            if not hit:
                i += 1
                continue
            k, key, cands = hit
            suf = _suffix_at(toks, i + k, lex.admin_suffixes)
            if suf and not bare:
                fitting = [d for d in cands if _suffix_ok(d, suf[1][1])]
                cands = fitting or [d for d in cands if d.level in ("district", "county")] or cands
                end_tok = i + k + suf[0] - 1
                admin.append(AdminMention((toks.items[i][1], toks.items[end_tok][2]), cands, "suffix",
                                          text_name=_display_name([toks.items[j][0] for j in range(i, end_tok + 1)], lex)))
                for j in range(i, end_tok + 1):
                    used[j] = True
                i = end_tok + 1
                continue
            if not bare or suf:
                i += k
                continue
            # bare name: not a single syllable, not a person's given name, not a common noun
            prev_surname = i > 0 and toks.joined(i - 1) and toks.lower[i - 1] in lex.surnames
            next_is_given = (k == 1 and toks.lower[i] in lex.surnames and i + 1 < n and toks.joined(i)
                             and toks.cap(i + 1))
            short_ok = [d for d in cands if len(d.short_zh) >= 2]
            # "the Chishui River", "Jinggang Mountains": a river or mountain, not the unit; names
            # inside a film or book title are not places either
            river = i + k < n and toks.joined(i + k - 1) and toks.lower[i + k] in lex.not_admin_after
            in_title = any(a <= toks.items[i][1] < b for a, b in titles)
            if short_ok and not prev_surname and not next_is_given and key not in lex.bare_stop \
                    and not river and not in_title:
                admin.append(AdminMention((toks.items[i][1], toks.items[i + k - 1][2]), short_ok, "bare",
                                          text_name=" ".join(toks.items[j][0] for j in range(i, i + k))))
                for j in range(i, i + k):
                    used[j] = True
            i += k

    admin_names(bare=False)

    # 3. streets, communities, villages, towns and sites, by their suffix word
    local: dict[str, Place] = {}
    order: list[str] = []
    admin_used = list(used)

    def add_local(name_words, suffix_words, level, canonical_suffix, span, display=None):
        name = display or _display_name(name_words, lex)
        key = level + ":" + (_site_key(name) if display else _name_key(name_words, lex))
        if key not in local:
            if display:
                full = display
            else:
                full = f"{name} {canonical_suffix}" if canonical_suffix else f"{name} {' '.join(suffix_words)}"
            local[key] = Place(full, None, level, None, key=key)
            order.append(key)
        local[key].mentions.append(span)

    def lead_admin(start: int, j: int) -> int:
        """A province or city name at the start of a longer name: how many tokens it takes."""
        for lead in (2, 1):
            if j - start > lead and all(toks.cap(x) for x in range(start, start + lead)) \
                    and all(toks.joined(x) for x in range(start, start + lead - 1)):
                lead_key = norm_key("".join(toks.items[x][0] for x in range(start, start + lead)))
                if any(d.level in ("province", "city") for d in gz.by_en.get(lead_key, [])):
                    return lead
        return 0

    subcounty_by_first = _by_first(lex.subcounty_suffixes)
    site_by_first = _by_first(lex.site_suffixes)
    for j in range(1, n):
        if used[j]:
            continue
        first = toks.lower[j]
        if first not in suffix_first:
            continue
        found = None
        for words, level, canonical in subcounty_by_first.get(first, ()):
            if toks.match_phrase(j, words):
                found = (len(words), level, canonical)
                break
        site = False
        if not found:
            for words, level in site_by_first.get(first, ()):
                if toks.cap(j) and tuple(toks.lower[j:j + len(words)]) == words and _site_gap_ok(toks, j) \
                        and all(toks.joined(x) for x in range(j, j + len(words) - 1)):
                    found = (len(words), level, " ".join(toks.items[x][0] for x in range(j, j + len(words))))
                    site = True
                    break
        if not found:
            continue
        k, level, canonical = found
        if site:
            if _site_continues(toks, j + k, lex):
                continue   # "Lanzhou University Second Hospital": the hospital is the site
            blocked = [u and not a for u, a in zip(used, admin_used)]
            start = _site_start(toks, j, blocked, lex)
            words_before = [toks.lower[x] for x in range(start, j)]
            if not words_before or all(w in lex.site_generic or w in lex.generic_words or w in lex.site_stop
                                       or _is_ordinal(toks, x) for x, w in zip(range(start, j), words_before)):
                continue
            end = j + k - 1
            span = (toks.items[start][1], toks.items[end][2])
            display = re.sub(r"\s+", " ", text[span[0]:span[1]]).replace("’", "'")
            lead = lead_admin(start, j)
            if lead and start >= 2 and toks.lower[start - 1] == "of" and \
                    toks.lower[start - 2] in ("city", "province", "county", "district"):
                # "the city of Xining Lu Qing Park": the city belongs to "the city of"
                start += lead
                span = (toks.items[start][1], toks.items[end][2])
                display = re.sub(r"\s+", " ", text[span[0]:span[1]]).replace("’", "'")
                admin.append(AdminMention((toks.items[start - lead][1], toks.items[start - 1][2]),
                                          list(gz.by_en.get(norm_key("".join(
                                              toks.items[x][0] for x in range(start - lead, start))), [])), "bare"))
                lead = 0
            if lead and not any(admin_used[x] for x in range(start, start + lead)) \
                    and toks.lower[start + lead] not in lex.name_word_pinyin:
                key = norm_key("".join(toks.items[x][0] for x in range(start, start + lead)))
                cands = [d for d in gz.by_en.get(key, []) if len(d.short_zh) >= 2]
                if cands:
                    admin.append(AdminMention((toks.items[start][1], toks.items[start + lead - 1][2]), cands,
                                              "bare", text_name=" ".join(toks.items[x][0]
                                                                         for x in range(start, start + lead))))
            add_local(None, None, level, "", span, display=display)
            for x in range(start, end + 1):
                used[x] = True
            continue
        start = j
        while start - 1 >= 0 and j - (start - 1) <= 5 and not used[start - 1] and toks.joined(start - 1) \
                and (toks.cap(start - 1) or toks.lower[start - 1] in lex.name_word_pinyin) \
                and toks.lower[start - 1] not in lex.stop_words:
            start -= 1
        # a province or city name before the street's own name is a place of its own, but
        # "Zhangye Road Street", "Shanghai Road Street" are streets named after a city
        lead = lead_admin(start, j)
        if lead and not all(toks.lower[x] in lex.name_word_pinyin for x in range(start + lead, j)):
            start += lead
        name_words = [toks.items[x][0] for x in range(start, j)]
        if not name_words or all(w.lower() in lex.generic_words or w.lower() in lex.stop_words for w in name_words):
            continue
        end = j + k - 1
        # "Huacheng Community of Jintai Silk Road": MT put the name's head after "of"
        if level == "community" and end + 2 < n and toks.lower[end + 1] == "of" and toks.joined(end) \
                and toks.joined(end + 1) and toks.cap(end + 2) and not used[end + 2]:
            r = end + 2
            while r + 1 < n and r - end < 5 and toks.joined(r) and toks.cap(r + 1) and not used[r + 1] \
                    and toks.lower[r + 1] not in lex.stop_words:
                r += 1
            tail = [toks.items[x][0] for x in range(end + 2, r + 1)]
            if not (_suffix_at(toks, r + 1, lex.subcounty_suffixes) or _suffix_at(toks, r + 1, lex.admin_suffixes)
                    or gz.by_en.get(norm_key("".join(tail)))):
                name_words = tail + name_words
                end = r
        canonical_suffix = canonical if level in ("township", "community") else ""
        suffix_words = [toks.items[x][0] for x in range(j, j + k)]
        add_local(name_words, suffix_words, level, canonical_suffix,
                  (toks.items[start][1], toks.items[end][2]))
        for x in range(start, end + 1):
            used[x] = True

    # 4. bare names of administrative units ("Wuhan", "Huangzhong"), then resolution
    admin_names(bare=True)
    places = _admin_places(gz, admin, lex)
    ctx_counties = set()
    for p in places:
        if p.adcode:
            d = gz.get(p.adcode)
            if d.level in ("district", "county"):
                ctx_counties.add(d.code)
            elif d.level == "city":
                ctx_counties |= {c.code for c in gz.children(d.code)}
    towns = any(gz.townships_by_county.get(c) for c in ctx_counties)

    town_scope = town_index().scope(ctx_counties)
    town_memo: dict[str, Township | None] = {}

    def town_for(key: str) -> Township | None:
        if key in town_memo:
            return town_memo[key]
        found = town_scope.find(key)
        town_memo[key] = found
        return found

    # merge near-identical spellings of one township/community, and name townships from the data
    groups: list[list[Place]] = []
    for key in order:
        p = local[key]
        level, nk = key.split(":", 1)
        if level == "township":
            t = town_for(nk)
            if t is not None:
                p.name_zh = t.name_zh
                p.name = t.name_en
                p.key = "township:" + norm_key(t.bare_en)
        target = None
        for g in groups:
            if g[0].level != p.level:
                continue
            if any(q.key == p.key or (level != "institution" and close(q.key.split(":", 1)[1], p.key.split(":", 1)[1]))
                   for q in g):
                target = g
                break
        if target is None:
            groups.append([p])
        else:
            target.append(p)
    merged: dict[str, Place] = {}
    for g in groups:
        named = [q for q in g if q.name_zh]
        head = named[0] if named else max(g, key=lambda q: len(q.mentions))
        for q in g:
            if q is not head:
                head.mentions += q.mentions
        merged[head.key] = head

    # known institutions: canonical names, Chinese names, abbreviations ("CCNU")
    inst_by_key, abbrevs = institutions()
    for p in list(merged.values()):
        if p.level == "institution" and norm_key(p.name) in inst_by_key:
            p.name, p.name_zh = inst_by_key[norm_key(p.name)]
    for abbr, canonical, zh in abbrevs:
        for m in re.finditer(r"\b%s\b" % re.escape(abbr), text):
            p = next((q for q in merged.values() if q.name_zh == zh), None)
            if p is None:
                p = Place(canonical, zh, "institution", None, key="institution:" + norm_key(canonical))
                merged[p.key] = p
            p.mentions.append((m.start(), m.end()))

    # 5. bare runs: more mentions of places found above ("Shake Labor Company", "Dong'an Road"),
    #    and townships of the document's counties named without their suffix ("In Huangbei")
    by_key = {}
    for p in merged.values():
        by_key.setdefault(p.key.split(":", 1)[1], p)
    for p in places:
        pass
    i = 0
    while i < n:
        if used[i] or not toks.cap(i) or toks.lower[i] in lex.stop_words:
            i += 1
            continue
        j = i
        while j + 1 < n and j - i < 3 and not used[j + 1] and toks.joined(j) and \
                (toks.cap(j + 1) or toks.lower[j + 1] in lex.name_word_pinyin):
            j += 1
        hit = False
        for end in range(j, i - 1, -1):
            words = [toks.items[x][0] for x in range(i, end + 1)]
            key = _name_key(words, lex)
            span = (toks.items[i][1], toks.items[end][2])
            if key in by_key and len(key) >= 4:
                by_key[key].mentions.append(span)
                hit = True
            elif len(key) >= 5 and towns:
                t = town_for(key)
                if t is not None and norm_key(t.bare_en) == key:
                    p = Place(t.name_en, t.name_zh, "township", None, key="township:" + key)
                    merged[p.key] = p
                    by_key[key] = p
                    p.mentions.append(span)
                    hit = True
            if hit:
                for x in range(i, end + 1):
                    used[x] = True
                i = end + 1
                break
        if not hit:
            i += 1

    # bare admin names that are the name of a street found above belong to the street
    out = []
    for p in places:
        if p.adcode and p.level != "province":
            d = gz.get(p.adcode)
            same = by_key.get(norm_key(d.bare_en))
            if same is not None and same.level == "township":
                rest = []
                for s in p.mentions:
                    if norm_key(text[s[0]:s[1]]) == norm_key(d.bare_en):
                        same.mentions.append(s)
                    else:
                        rest.append(s)
                p.mentions = rest
                if not rest:
                    continue
        out.append(p)
    return _finish(out + list(merged.values()))


def _finish(places: list[Place]) -> list[dict]:
    result = [p.as_dict() for p in places if p.mentions]
    result.sort(key=lambda p: p["mentions"][0][0])
    return result


# ---------------------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------------------
def _find_zh(text: str) -> list[dict]:
    gz = load_gazetteer()
    lex = lexicon()
    index, maxlen = zh_index()
    lengths_from = zh_lengths()
    n = len(text)
    matches = []  # (start, end, entries)
    i = 0
    while i < n:
        if not CJK.match(text[i]):
            i += 1
            continue
        found = None
        for length in lengths_from.get(text[i], ()):
            if length > n - i:
                continue
            sub = text[i:i + length]
            entries = index.get(sub)
            if not entries:
                continue
            after = text[i + length:i + length + 3]
            if any((sub[-1] + after).startswith(b) for b in lex.zh_bad_following):
                continue
            if all(kind == "short" for kind, _ in entries) and lex.zh_road_after.match(after):
                continue
            if all(kind == "short" for kind, _ in entries) and after[:1] and after[0] in lex.zh_not_admin_after \
                    and not any(index.get(text[i + length:i + length + L]) for L in range(2, 5)):
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
    suffix_places = _zh_suffix_places(text, matches, hard_ends, lex)
    taken = [(s, e) for s, e, *_ in suffix_places]
    prefixes = {sp[6] for sp in suffix_places if sp[6]}
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]

    def inside(s, e):
        return any(ts <= s and e <= ts2 and (ts, ts2) != (s, e) for ts, ts2 in taken)

    admin: list[AdminMention] = []
    towns: dict[str, Place] = {}
    for s, e, entries in matches:
        if inside(s, e) and (s, e) not in prefixes:
            continue
        kind = entries[0][0]
        if kind == "short" and any(a <= s < b for a, b in titles):
            continue      # 《四渡赤水》: a film title
        if kind != "town" and text[s:e] in lex.zh_generic_units:
            if s > 0 and text[s - 1] in "中主老新":
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
    places = _admin_places(gz, admin, lex)

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
            local[key] = Place(_zh_english(stem, suffix, level, lex, lead, prefix[1] - prefix[0] if prefix else 0),
                               name_zh, level, None, key=key)
        local[key].mentions.append((s, e))
    return _finish(places + list(towns.values()) + list(local.values()))


ZH_SUFFIX_EN = {"街道": "Subdistrict", "镇": "Town", "乡": "Township", "社区": "Community", "村": "Village",
                "大学": "University", "学院": "College", "中学": "Middle School", "小学": "Primary School",
                "一中": "No. 1 Middle School", "二中": "No. 2 Middle School", "三中": "No. 3 Middle School",
                "高级中学": "Senior High School", "纪念馆": "Memorial Hall", "博物馆": "Museum",
                "图书馆": "Library", "广场": "Square", "公园": "Park", "岛": "Island"}


_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ZH_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3})")
_EN_ORDINALS = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]


def _zh_number(s: str) -> int | None:
    if len(s) == 1:
        return _ZH_DIGITS.get(s)
    if s[0] == "十":
        return 10 + _ZH_DIGITS.get(s[1], 0) if len(s) == 2 else None
    if len(s) >= 2 and s[1] == "十":
        tens = _ZH_DIGITS.get(s[0], 0) * 10
        return tens + (_ZH_DIGITS.get(s[2], 0) if len(s) == 3 else 0)
    return None


def _zh_english(stem: str, suffix: str, level: str, lex: Lexicon | None = None, lead=None, lead_len: int = 0) -> str:
    """English name of a place found by its suffix: 苏州市第十中学 -> Suzhou No. 10 Middle School,
    井冈山革命博物馆 -> Jinggangshan Revolution Museum, 龙泉社区 -> Longquan Community."""
    head = ZH_SUFFIX_EN.get(suffix) or (lex.zh_site_heads.get(suffix, "") if lex else "")
    if lex is None or level not in ("institution", "other"):
        return f"{romanise_zh(stem)} {head}".strip()
    words: list[str] = []
    rest = stem
    if lead is not None and lead_len:
        words.append(getattr(lead, "bare_en", None) or romanise_zh(stem[:lead_len]))
        rest = stem[lead_len:]
    pinyin = ""
    k = 0
    while k < len(rest):
        m = _ZH_ORDINAL.match(rest, k)
        piece = None
        if m and _zh_number(m.group(1)):
            num = _zh_number(m.group(1))
            piece = f"No. {num}" if suffix in ("中学", "小学", "幼儿园") or num > 10 else _EN_ORDINALS[num]
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
            words.append(romanise_zh(pinyin))
            pinyin = ""
        words.append(piece)
        k += step
    if pinyin:
        words.append(romanise_zh(pinyin))
    if suffix in ("旧址", "故居") and words:
        return f"{head} of the {' '.join(words)}"
    return " ".join(words + [head]).strip()


def _zh_suffix_places(text: str, matches, hard_ends: set[int], lex: Lexicon):
    """(start, end, name_zh, level, stem, suffix, prefix_match) for names before a suffix word."""
    by_first = zh_suffixes()
    hard_starts = {s for s, e, entries in matches if entries[0][0] in ("full", "town")}
    spans = [(s, e) for s, e, _ in matches]
    out = []
    i = 0
    n = len(text)
    while i < n:
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
        if i > 0 and text[i - 1] == "等":
            # 荷花池、凤鸣塔等社区
            j = i - 1
            while True:
                stem_start = _stem_start(text, j, hard_ends, lex)
                stem = text[stem_start:j]
                if stem_start < j and 2 <= len(stem):
                    items.append((stem_start, j, stem))
                if stem_start > 0 and text[stem_start - 1] == "、" and len(items) < 8:
                    j = stem_start - 1
                    continue
                break
            items = [(s, e, st) for s, e, st in items if not any(st.endswith(g) for g in lex.zh_generic)
                     and _road_ok(st, True)]
            for s, e, st in items:
                out.append((s, e, st + suf, level, st, suf, None))
            hard_ends.add(i + len(suf))
            i += len(suf)
            continue
        stem_start, bounded = _stem_bounds(text, i, hard_ends, lex)
        prefix = None
        if suf in lex.zh_sites and not bounded:
            # a site's name may be longer than a street's: take more when a boundary then shows
            longer, long_bounded = _stem_bounds(text, i, hard_ends, lex, lex.zh_site_max_stem)
            if long_bounded and longer < stem_start:
                stem_start, bounded = longer, True
        if suf in lex.zh_sites:
            # the place a site is named after comes with it: 苏州市第十中学, 湖南第一师范学院
            for ms, me in spans:
                if me < i and (me == stem_start or ms <= stem_start < me) and me - ms >= 2:
                    prefix, stem_start, bounded = (ms, me), ms, True
                    break
        stem = text[stem_start:i]
        ok = 2 <= len(stem) and _road_ok(stem, bounded)
        if ok and prefix is None:
            ok = not any(stem.endswith(g) for g in lex.zh_generic) and stem not in lex.zh_site_generic \
                and not (stem[0] in "省市县区镇乡村" and stem[1:] in lex.zh_site_generic) \
                and (stem_start not in hard_starts or suf in lex.zh_sites)
        elif ok:
            ok = len(stem) > prefix[1] - prefix[0] and stem[prefix[1] - prefix[0]:] not in ("", "的")
        if ok:
            out.append((stem_start, i + len(suf), stem + suf, level, stem, suf, prefix))
            hard_ends.add(i + len(suf))
        i += len(suf)
    return out


def _road_ok(stem: str, bounded: bool) -> bool:
    """A street name inside a name needs a proper boundary: 青阳路社区 yes; 红色...路...岛 no."""
    pos = stem.find("路")
    if pos < 0:
        return True
    if pos != len(stem) - 1:
        return False
    return bounded and len(stem) >= 3


def _stem_bounds(text: str, end: int, hard_ends: set[int], lex: Lexicon, max_stem: int = 0) -> tuple[int, bool]:
    """_stem_start, and whether the name's left edge is a real boundary (punctuation, another
    place, a boundary word) rather than the length limit."""
    start = end
    while start > 0 and end - start < (max_stem or lex.zh_max_stem) and CJK.match(text[start - 1]) and start not in hard_ends:
        start -= 1
    bounded = start == 0 or not CJK.match(text[start - 1]) or start in hard_ends
    window = text[start:end]
    cut = 0
    for w in lex.zh_boundary:
        pos = window.rfind(w)
        if pos >= 0:
            cut = max(cut, pos + len(w))
    if cut:
        bounded = True
    return (start + cut, bounded) if cut < len(window) else (end, bounded)


def _stem_start(text: str, end: int, hard_ends: set[int], lex: Lexicon) -> int:
    """Where the name before text[end] starts: after punctuation, a place found before it,
    or a boundary word, at most max_stem characters back."""
    start = end
    while start > 0 and end - start < lex.zh_max_stem and CJK.match(text[start - 1]) and start not in hard_ends:
        start -= 1
    window = text[start:end]
    cut = 0
    for w in lex.zh_boundary:
        pos = window.rfind(w)
        if pos >= 0:
            cut = max(cut, pos + len(w))
    return start + cut if cut < len(window) else end


# ---------------------------------------------------------------------------------------
def find_places(text: str, language: str) -> list[dict]:
    """Places named in `text` ("en" machine translation or "zh" Chinese), in order of first mention."""
    if not text:
        return []
    if language == "zh":
        return _find_zh(text)
    return _find_en(text)
