"""Administrative-unit mentions, their resolution by the document's context, and result places.

An `AdminMention` is a span with its candidate units (namesakes across China); `resolve` picks
one per mention by the document's unambiguous places (a parent mentioned, a sibling in the same
city or province); `admin_places` keeps the mentions strong enough to be places. `Place` is one
output place; `results` turns places into `find_places`' dicts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...gazetteer import LEVEL_RANK, Division, Gazetteer, norm_key
from .lexicon import Lexicon
from .rules import (BARE_NO_CONTEXT, CONTEXT, EN_PINYIN, EN_VARIANT, FULL_NAME, GENERIC_NO_PARENT, LEVEL_WORD,
                    NAMED_ELSEWHERE, OUTRANKED, PARENT_OR_SIBLING, PROVINCE_OR_CITY, RENDERING_NO_CONTEXT,
                    RENDERING_TRUSTED, UNDECIDED, UNIQUE_REPEATED, UNNAMED, FAR_FROM_OTHERS)


@dataclass(slots=True)
class AdminMention:
    span: tuple[int, int]
    cands: list[Division]
    kind: str             # suffix | bare | full | short | generic | render-any | render-suffix | render-context
    text_name: str = ""
    chosen: Division | None = None
    score: int = 0
    rule: str = ""        # the suggester's rule id; English unit names: see mention_rule
    key: str = ""         # English unit names: the key that matched (pinyin or another spelling)
    supports: tuple = ()  # support reasons found with it


def mention_rule(m: AdminMention) -> str:
    """The mention's suggester: an English name is a pinyin name when its key is a candidate's
    bare pinyin, else another spelling of it (Wade-Giles, postal, exonym, old reading)."""
    if m.rule != EN_PINYIN or not m.key:
        return m.rule
    return EN_PINYIN if any(m.key == norm_key(d.bare_en) for d in m.cands) else EN_VARIANT


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


def suffix_ok(div: Division, endings: tuple[str, ...]) -> bool:
    return any(n.endswith(endings) for n in div.all_names_zh)


def resolve(gz: Gazetteer, mentions: list[AdminMention], lex: Lexicon) -> None:
    """Pick each mention's unit, using the document's unambiguous places as context."""
    weights = lex.resolve
    parent_w, child_w, sibling_w, province_w = (weights.parent_in_document, weights.child_in_document,
                                                weights.sibling_in_document, weights.same_province)
    sure = [m.cands[0] for m in mentions if len(m.cands) == 1 and m.kind in ("suffix", "full")]
    sure += [m.cands[0] for m in mentions if len(m.cands) == 1 and m.kind in ("bare", "short")
             and m.cands[0].level in ("province", "city")]
    sure_codes = {d.code for d in sure}       # one unit per code: no field-by-field comparison
    for _ in range(weights.rounds):
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
                    s += parent_w
                if d.code in ctx_parents or (d.level != "province" and d.code in ctx_codes):
                    s += child_w
                if d.parent in ctx_parents and d.level in ("district", "county"):
                    s += sibling_w
                if d.code[:2] in ctx_provs:
                    s += province_w
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
            if m.chosen is not None and m.chosen.code not in sure_codes and (
                    m.score > 0 or m.kind in ("suffix", "full") or m.chosen.level in ("province", "city")):
                newly.append(m.chosen)
        if not newly:
            break
        sure += newly
        sure_codes.update(d.code for d in newly)


_NAMED = {"suffix": LEVEL_WORD, "full": FULL_NAME, "render-any": RENDERING_TRUSTED}


def accept(m: AdminMention, suffix_codes: set[str], lex: Lexicon, bare_counts: dict,
           provinces: frozenset = frozenset()) -> tuple[bool, str]:
    """The rule scorer of administrative mentions: (kept, the reason) — a support when kept, a
    rejection when not."""
    d = m.chosen
    named = _NAMED.get(m.kind)
    if named is not None:
        return True, named
    if d is None:
        return False, UNDECIDED
    if m.kind == "render-suffix":
        return (True, CONTEXT) if m.score > 0 else (False, RENDERING_NO_CONTEXT)
    if m.kind == "generic":      # 老城区 is a city's only when the city is in the document
        return (True, CONTEXT) if m.score >= lex.resolve.generic_min_score else (False, GENERIC_NO_PARENT)
    if m.kind == "render-context":
        if m.score > 0:
            return True, CONTEXT
        return (True, NAMED_ELSEWHERE) if d.code in suffix_codes else (False, RENDERING_NO_CONTEXT)
    # bare / short names: backed by a parent or a sibling (a shared province alone is weak)
    if d.code in suffix_codes:
        return True, NAMED_ELSEWHERE
    if m.score >= lex.resolve.bare_min_score:
        return True, PARENT_OR_SIBLING
    if d.level in ("province", "city"):
        if len(m.cands) == 1 or LEVEL_RANK[d.level] > max(LEVEL_RANK.get(c.level, 0) for c in m.cands if c is not d):
            return True, PROVINCE_OR_CITY
        return False, OUTRANKED
    # a county-level name alone, with nothing around it from its city or province: only when
    # unique in China and used more than once (one-off hits are mostly people and words)
    # (Chinese short names are ordinary words too often: 同心, 平安; they need context)
    if m.kind == "bare" and len(m.cands) == 1 and len(d.short_zh) >= lex.resolve.min_short_chars \
            and bare_counts.get(d.code, 0) >= lex.resolve.bare_min_mentions:
        # ... and not far from every other place: a document about other provinces names a
        # person, a newspaper or a nickname so ("reporter Long Li", "the Maple Evening News")
        if provinces and d.code[:2] not in provinces:
            return False, FAR_FROM_OTHERS
        return True, UNIQUE_REPEATED
    return False, BARE_NO_CONTEXT


def _would_be(m: AdminMention) -> dict:
    """The place a dropped mention would have been, as far as its candidates say."""
    d = m.chosen or (m.cands[0] if len(m.cands) == 1 else None)
    if d is not None:
        return {"name": d.name_en, "name_zh": d.name_zh, "adcode": d.code}
    names_zh = {c.name_zh for c in m.cands}
    return {"name": m.text_name, "name_zh": names_zh.pop() if len(names_zh) == 1 else None, "adcode": None}


def admin_places(gz: Gazetteer, mentions: list[AdminMention], lex: Lexicon, found) -> list[Place]:
    resolve(gz, mentions, lex)
    suffix_codes = {m.chosen.code for m in mentions if m.chosen and m.kind in ("suffix", "full")}
    bare_counts: dict[str, int] = {}
    for m in mentions:
        if m.chosen is not None and m.kind in ("bare", "short"):
            bare_counts[m.chosen.code] = bare_counts.get(m.chosen.code, 0) + 1
    # the provinces of the places the document names for sure (with a level word, in full, a
    # province or city)
    provinces = frozenset(m.chosen.code[:2] for m in mentions if m.chosen is not None and (
        m.kind in ("suffix", "full") or m.chosen.level in ("province", "city")))
    places: dict[str, Place] = {}
    for m in mentions:
        kept, why = accept(m, suffix_codes, lex, bare_counts, provinces)
        if not kept:
            if found.on:
                found.drop(m.span, mention_rule(m), why, *m.supports, item=_would_be(m))
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
                if found.on:
                    found.drop(m.span, mention_rule(m), UNNAMED, *m.supports, item=_would_be(m))
                continue
            key = "admzh:" + (name_zh or norm_key(name))
            if key not in places:
                places[key] = Place(name, name_zh, levels.pop() if len(levels) == 1 else "district", None, key=key)
        places[key].mentions.append(m.span)
        if found.on:
            found.keep(m.span, mention_rule(m), why, *m.supports)
    return list(places.values())


def results(places: list[Place]) -> list[dict]:
    """The places that have mentions, as dicts, in order of first mention."""
    result = [p.as_dict() for p in places if p.mentions]
    result.sort(key=lambda p: p["mentions"][0][0])
    return result
