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


class DocumentFacts:
    """What every place's main-place features compare against, read once per document: the
    first mentions, the largest mention count, the most specific level, and the sentences that
    hold a count."""

    def __init__(self, ev: PlaceEvidence, counts: list[dict]):
        view, places = ev.view, ev.places
        n = self.n = len(view.text) or 1
        self.firsts = sorted(_first(p, n) for p in places)
        self.most = max(len(p.get("mentions") or ()) for p in places)
        self.body_first = min(min((m[0] for m in p.get("mentions") or () if m[0] >= ev.title_end), default=n)
                              for p in places)
        self.most_specific = max(SPECIFICITY[group_of(p)] for p in places)
        self.count_sentences = [view.sentence_at(c["span"][0]) for c in counts]
        self.codes = [p.get("adcode") for p in places]


def place_features(ev: PlaceEvidence, facts: DocumentFacts, i: int, language: str) -> dict[str, float]:
    """Evidence that place i is the bulletin's main place."""
    view, words = ev.view, ev.words
    text, place = view.text, ev.places[i]
    n = facts.n
    first = _first(place, n)
    own = place.get("mentions") or ()
    first_body = min((m[0] for m in own if m[0] >= ev.title_end), default=n)
    doing = words.doing_zh if language == "zh" else words.doing_en
    bodies = words.bodies_zh if language == "zh" else words.bodies_en
    subject = sum(1 for s, e in own if re.match(doing, text[e:e + 60]))
    body = sum(1 for s, e in own if re.match(bodies, text[e:e + 40]))
    located = sum(1 for s, e in own if re.search(words.located_before, text[max(0, s - 6):s]))
    code = place.get("adcode")
    group = group_of(place)
    counted = sum(1 for s_start, s_end in facts.count_sentences if any(s_start <= m[0] < s_end for m in own))
    f = {
        "bias": 1.0,
        "in_title": float(ev.named_in(place, ev.title) or first < ev.title_end),
        "in_title_prefix": float(ev.named_in(place, ev.title_prefix)),
        "first_named": float(first == facts.firsts[0]),
        "second_named": float(len(facts.firsts) > 1 and first == facts.firsts[1]),
        "first_in_body": float(first_body == facts.body_first),
        "relative_first": first / n,
        "log_mentions": math.log1p(len(own)),
        "most_mentioned": float(len(own) == facts.most),
        "only_place": float(len(ev.places) == 1),
        "subject": min(subject, 3) / 3,
        "reporting_body": min(body, 2) / 2,
        "located_in": min(located, 2) / 2,
        "counts_near": counted / max(1, len(facts.count_sentences)),
        "heads_chain": float(ev.container[i]),
        "in_chain": float(ev.contained[i]),
        "contains_other": float(any(_contains_code(code, c) for c in facts.codes)),
        "inside_other": float(any(_contains_code(c, code) for c in facts.codes)),
        "most_specific": float(SPECIFICITY[group] == facts.most_specific),
        "has_code": float(bool(code)),
        "zh": float(language == "zh"),
    }
    for g in GROUPS:
        f[f"level_{g}"] = float(group == g)
    return f


class CountContext:
    """Where one count stands, read once for all the places it may belong to: the mentions of
    its sentence before and after it, its clause, its paragraph, the heading above it and the
    place an anaphor in its sentence ("the subdistrict") points to."""

    __slots__ = ("main", "main_spec", "p_index", "c_start", "c_end", "before", "after", "last_named",
                 "paragraph", "heading", "anaphor_place", "counted_places", "money", "start")

    def __init__(self, ev: PlaceEvidence, count: dict, main: int | None):
        view = ev.view
        start, end = count["span"]
        self.start = start
        self.main = main
        self.main_spec = SPECIFICITY[group_of(ev.places[main])] if main is not None else 0
        self.c_start, self.c_end = _clause(view, start)
        s_start, s_end = view.sentence_at(start)
        self.p_index = view.paragraphs.index(start)
        p_start = view.paragraphs.spans[self.p_index][0] if self.p_index >= 0 else 0
        before = ev.mentions_before(start, s_start)
        self.before: dict[int, tuple[int, int]] = {}      # place -> its last mention before the count
        for m_start, m_end, i in before:
            self.before[i] = (m_start, m_end)
        self.after: dict[int, int] = {}                   # place -> its first mention after, in the sentence
        for m_start, _, i in ev.mentions_after(end, s_end):
            self.after.setdefault(i, m_start)
        self.last_named = before[-1][2] if before else None
        self.paragraph = {i for _, _, i in ev.mentions_before(start, p_start)}
        self.heading = ev.heading_before(start)
        sentence = view.text[s_start:s_end]
        anaphor = re.search(ev.words.anaphor_zh if view.language == "zh" else ev.words.anaphor_en, sentence)
        self.anaphor_place = None
        if anaphor:
            group = ev.words.anaphor_levels.get(anaphor.group("level").lower())
            same = [i for _, _, i in ev.mentions_before(start, 0) if group_of(ev.places[i]) == group]
            self.anaphor_place = same[-1] if same else None
        self.counted_places = float(count.get("category") == "place")
        self.money = float(count.get("category") == "money")

    @classmethod
    def far(cls, ev: PlaceEvidence, main: int | None) -> "CountContext":
        """A count with no place named near it (no clause, sentence, paragraph, heading or
        anaphor of its own) and nothing count-specific: what every far place scores."""
        ctx = cls.__new__(cls)
        ctx.start, ctx.main = 0, main
        ctx.main_spec = SPECIFICITY[group_of(ev.places[main])] if main is not None else 0
        ctx.p_index, ctx.c_start, ctx.c_end = -2, 0, 0
        ctx.before, ctx.after, ctx.paragraph = {}, {}, set()
        ctx.last_named = ctx.heading = ctx.anaphor_place = None
        ctx.counted_places = ctx.money = 0.0
        return ctx

    def near_places(self, paragraph_first: dict[int, int]) -> set[int]:
        """The places whose features for this count differ from a far place's."""
        near = set(self.before) | set(self.after) | self.paragraph
        near.update(i for i in (self.main, self.last_named, self.heading, self.anaphor_place,
                                paragraph_first.get(self.p_index)) if i is not None)
        return near


def pair_features(ev: PlaceEvidence, ctx: CountContext, i: int,
                  paragraph_first: dict[int, int]) -> dict[str, float]:
    """Evidence that the count of `ctx` belongs to place i."""
    before = ctx.before.get(i)
    after = ctx.after.get(i)
    spec_gap = SPECIFICITY[group_of(ev.places[i])] - ctx.main_spec
    return {
        "bias": 1.0,
        "is_main": float(i == ctx.main),
        "clause_before": float(before is not None and before[0] >= ctx.c_start),
        "clause_after": float(after is not None and after < ctx.c_end),
        "sentence_before": float(before is not None),
        "sentence_after": float(after is not None),
        "last_named_before": float(ctx.last_named == i),
        "near": 1.0 / (1.0 + ((ctx.start - before[1]) if before else 10_000) / 20.0),
        "paragraph_before": float(i in ctx.paragraph),
        "paragraph_first": float(paragraph_first.get(ctx.p_index) == i),
        "heading": float(ctx.heading == i),
        "anaphor": float(ctx.anaphor_place == i),
        "more_specific": float(spec_gap > 0),
        "less_specific": float(spec_gap < 0),
        "heads_chain": float(ev.container[i]),
        "counted_places": ctx.counted_places,
        "money": ctx.money,
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
