"""What the text says about each place: the evidence the attribution models weigh.

Place features (is this the bulletin's main place?): where the place is first named, how often,
whether the title or the byline names it, whether it heads a chain of names ("Wuhan Hongshan
District" — the later, more specific name is the one reported on), whether a reporting body is
named after it ("X District Party Committee", X街道党工委), whether it is the subject of a verb
of doing, its level, and where it stands in the gazetteer's hierarchy among the other places.

Pair features (does this count belong to this place?): whether the place is named in the count's
clause, sentence or paragraph and how far before or after it, whether it is the main place, the
first place of the paragraph (a paragraph per community), and how specific it is against the
main place.
"""
from __future__ import annotations

import bisect
import math
import re

from .lexicon import AttributionWords

LEVEL_GROUPS = {
    "country": "country", "province": "province", "city": "city", "district": "county",
    "county": "county", "township": "township", "community": "community",
    "institution": "site", "other": "site",
}
GROUPS = ("country", "province", "city", "county", "township", "community", "site")
# how specific a level is: a count belongs to the most specific named place
SPECIFICITY = {"country": 0, "province": 1, "city": 2, "county": 3, "township": 4, "community": 5, "site": 6}


def group_of(place: dict) -> str:
    return LEVEL_GROUPS.get(place.get("level") or "other", "site")


def _first(place: dict, end: int) -> int:
    return min((m[0] for m in place.get("mentions") or ()), default=end)


def _contains_code(outer: str | None, inner: str | None) -> bool:
    """Whether the unit with code `outer` contains the unit with code `inner` (by code prefix)."""
    if not outer or not inner or outer == inner:
        return False
    if outer.endswith("0000"):
        return inner[:2] == outer[:2]
    if outer.endswith("00"):
        return inner[:4] == outer[:4]
    return False


class PlaceEvidence:
    """Per-document facts shared by the place and pair features: every mention in text order,
    and which places head a chain of names."""

    def __init__(self, view, places: list[dict], words: AttributionWords):
        self.view, self.places, self.words = view, places, words
        text = view.text
        self.mentions = sorted((s, e, i) for i, p in enumerate(places) for s, e in p.get("mentions") or ())
        self.mention_starts = [s for s, _, _ in self.mentions]
        self.container = [False] * len(places)     # names another place right after itself
        self.contained = [False] * len(places)     # comes right after a containing name
        for (s1, e1, i), (s2, e2, j) in zip(self.mentions, self.mentions[1:]):
            if i != j and s2 - e1 <= 3 and re.fullmatch(words.chain_gap, text[e1:s2]):
                if SPECIFICITY[group_of(places[i])] < SPECIFICITY[group_of(places[j])]:
                    self.container[i] = self.contained[j] = True
        self.headings = self._headings()
        title = view.title or ""
        first_line_end = text.find("\n")
        self.title_end = first_line_end if first_line_end >= 0 else len(text)
        self.title = title
        self.title_prefix = re.split(words.title_prefix_end, title, maxsplit=1)[0] if re.search(
            words.title_prefix_end, title) else ""

    def _headings(self) -> list[tuple[int, int]]:
        """(paragraph start, place index) of heading lines that name a place: a short line with
        no sentence end ("Xinhua Community", "（一）新华社区") heads the lines after it."""
        out = []
        text, limit = self.view.text, self.words.heading_max_chars
        for s, e in self.view.paragraphs:
            line = text[s:e].strip()
            if len(line) > limit or re.search(self.words.sentence_end, line):
                continue
            named = [m for m in self.mentions_after(s, e)]
            if named:
                out.append((s, named[0][2]))
        return out

    def heading_before(self, pos: int) -> int | None:
        """The place of the nearest heading line before pos, if any."""
        i = bisect.bisect_right(self.headings, (pos, len(self.places))) - 1
        return self.headings[i][1] if i >= 0 else None

    def named_in(self, place: dict, passage: str) -> bool:
        if not passage:
            return False
        names = [place.get("name"), place.get("name_zh"), _bare_name(place.get("name") or "")]
        return any(n and len(n) >= 2 and n in passage for n in names)

    def body_after(self, end: int, width: int) -> str:
        return self.view.text[end:end + width]

    def mentions_before(self, pos: int, lo: int) -> list[tuple[int, int, int]]:
        """Mentions that end before pos and start at or after lo, nearest last."""
        i = bisect.bisect_left(self.mention_starts, pos)
        return [m for m in self.mentions[:i] if m[0] >= lo and m[1] <= pos]

    def mentions_after(self, pos: int, hi: int) -> list[tuple[int, int, int]]:
        i = bisect.bisect_left(self.mention_starts, pos)
        out = []
        for m in self.mentions[i:]:
            if m[0] >= hi:
                break
            out.append(m)
        return out


def _bare_name(name: str) -> str:
    return re.sub(r"\s+(District|County|City|Province|Town|Township|Subdistrict|Street|Community|"
                  r"Village|Autonomous \w+|New Area|Area)$", "", name)


def place_features(ev: PlaceEvidence, i: int, counts: list[dict], language: str) -> dict[str, float]:
    """Evidence that place i is the bulletin's main place."""
    view, places, words = ev.view, ev.places, ev.words
    text, place = view.text, ev.places[i]
    n = len(text) or 1
    firsts = sorted(_first(p, n) for p in places)
    first = _first(place, n)
    mentions = len(place.get("mentions") or ())
    most = max(len(p.get("mentions") or ()) for p in places)
    body_mentions = [m for m in place.get("mentions") or () if m[0] >= ev.title_end]
    body_rank = sorted({min((m[0] for m in p.get("mentions") or () if m[0] >= ev.title_end), default=n)
                        for p in places})
    first_body = min((m[0] for m in body_mentions), default=n)
    doing = words.doing_zh if language == "zh" else words.doing_en
    bodies = words.bodies_zh if language == "zh" else words.bodies_en
    subject = sum(1 for s, e in place.get("mentions") or () if re.match(doing, text[e:e + 60]))
    body = sum(1 for s, e in place.get("mentions") or () if re.match(bodies, text[e:e + 40]))
    located = sum(1 for s, e in place.get("mentions") or ()
                  if re.search(words.located_before, text[max(0, s - 6):s]))
    code = place.get("adcode")
    group = group_of(place)
    counted = 0
    for c in counts:
        s_start, s_end = view.sentence_at(c["span"][0])
        if any(s_start <= m[0] < s_end for m in place.get("mentions") or ()):
            counted += 1
    spec = SPECIFICITY[group]
    f = {
        "bias": 1.0,
        "in_title": float(ev.named_in(place, ev.title) or first < ev.title_end),
        "in_title_prefix": float(ev.named_in(place, ev.title_prefix)),
        "first_named": float(first == firsts[0]),
        "second_named": float(len(firsts) > 1 and first == firsts[1]),
        "first_in_body": float(first_body == body_rank[0]),
        "relative_first": first / n,
        "log_mentions": math.log1p(mentions),
        "most_mentioned": float(mentions == most),
        "only_place": float(len(places) == 1),
        "subject": min(subject, 3) / 3,
        "reporting_body": min(body, 2) / 2,
        "located_in": min(located, 2) / 2,
        "counts_near": counted / max(1, len(counts)),
        "heads_chain": float(ev.container[i]),
        "in_chain": float(ev.contained[i]),
        "contains_other": float(any(_contains_code(code, p.get("adcode")) for p in places)),
        "inside_other": float(any(_contains_code(p.get("adcode"), code) for p in places)),
        "most_specific": float(spec == max(SPECIFICITY[group_of(p)] for p in places)),
        "has_code": float(bool(code)),
        "zh": float(language == "zh"),
    }
    for g in GROUPS:
        f[f"level_{g}"] = float(group == g)
    return f


def pair_features(ev: PlaceEvidence, count: dict, i: int, main: int | None,
                  paragraph_first: dict[int, int]) -> dict[str, float]:
    """Evidence that `count` belongs to place i (main: the main place's index)."""
    view, place = ev.view, ev.places[i]
    start, end = count["span"]
    c_start, c_end = _clause(view, start)
    s_start, s_end = view.sentence_at(start)
    p_index = view.paragraphs.index(start)
    p_start = view.paragraphs.spans[p_index][0] if p_index >= 0 else 0
    before_sentence = [m for m in ev.mentions_before(start, s_start) if m[2] == i]
    after_sentence = [m for m in ev.mentions_after(end, s_end) if m[2] == i]
    in_clause_before = any(m[0] >= c_start for m in before_sentence)
    in_clause_after = any(m[0] < c_end for m in after_sentence)
    nearest_before = [m for m in ev.mentions_before(start, s_start)]
    last_named = nearest_before[-1][2] == i if nearest_before else False
    distance = start - before_sentence[-1][1] if before_sentence else None
    in_paragraph = any(m[2] == i for m in ev.mentions_before(start, p_start))
    group = group_of(place)
    sentence = view.text[s_start:s_end]
    anaphor = re.search(ev.words.anaphor_zh if view.language == "zh" else ev.words.anaphor_en, sentence)
    anaphor_group = ev.words.anaphor_levels.get(anaphor.group("level").lower()) if anaphor else None
    same_group_before = [m for m in ev.mentions_before(start, 0) if group_of(ev.places[m[2]]) == group]
    main_spec = SPECIFICITY[group_of(ev.places[main])] if main is not None else 0
    spec_gap = SPECIFICITY[group] - main_spec
    return {
        "bias": 1.0,
        "is_main": float(i == main),
        "clause_before": float(in_clause_before),
        "clause_after": float(in_clause_after),
        "sentence_before": float(bool(before_sentence)),
        "sentence_after": float(bool(after_sentence)),
        "last_named_before": float(last_named),
        "near": 1.0 / (1.0 + (distance or 10_000) / 20.0),
        "paragraph_before": float(in_paragraph),
        "paragraph_first": float(paragraph_first.get(p_index) == i),
        "heading": float(ev.heading_before(start) == i),
        "anaphor": float(anaphor_group == group and bool(same_group_before) and same_group_before[-1][2] == i),
        "more_specific": float(spec_gap > 0),
        "less_specific": float(spec_gap < 0),
        "heads_chain": float(ev.container[i]),
        "counted_places": float(count.get("category") == "place"),
        "money": float(count.get("category") == "money"),
    }


def _clause(view, pos: int) -> tuple[int, int]:
    i = view.clauses.index(pos)
    if i >= 0:
        s, e = view.clauses.spans[i]
        if s <= pos < e:
            return s, e
    return view.sentence_at(pos)


def paragraph_firsts(ev: PlaceEvidence) -> dict[int, int]:
    """Paragraph index -> the place named first in it."""
    out: dict[int, int] = {}
    for s, _, i in ev.mentions:
        p = ev.view.paragraphs.index(s)
        out.setdefault(p, i)
    return out
