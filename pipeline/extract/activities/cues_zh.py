"""Chinese activity cues: taxonomy keywords (plain substring search, every keyword also in
traditional characters) and quoted names followed by 活动; the filters of [rules] zh_keywords
(before overlaps are resolved) and zh_reported (after).

    hits = keyword_hits(view)     # every keyword, masks removed, longest first: naming cues
    hits = reported_cues(view)    # the ones the text reports as done
"""
from __future__ import annotations


from ..decisions import OFF, RULES, Candidate, Trace
from ..doc import Spans
from .decide import longest_first, overlaps_traced
from .lexicon import (FILTERS, GENERIC_PREFIX, WEAK_PREFIX, Filter, Hit, Lexicon, is_generic,
                      is_weak, load, type_of_label)

KEYWORD = RULES.add("activity.zh.keyword", "suggest", "a Chinese keyword of a type (zh)")
WEAK_KEYWORD = RULES.add("activity.zh.weak_keyword", "suggest", "a weak Chinese keyword (zh_weak)")
GENERIC_KEYWORD = RULES.add("activity.zh.generic_keyword", "suggest",
                            "a generic Chinese keyword (zh_generic: 系列活动)")
NAMED = RULES.add("activity.zh.named_activity", "suggest",
                  "a quoted name followed by 活动 ([decision] zh_named_activity): an activity so named")
HELD = RULES.add("activity.zh.held", "support",
                 "a weak keyword right after a verb of holding (zh_hold_verbs: 举办培训) is strong")


def _filter(rule_id: str, doc: str, stage: str):
    """Register a filter: `drop(scan, hits)` -> one flag per hit (True: dropped for this
    reason), or None when it cannot fire in the text."""
    RULES.add(rule_id, "reject", doc)

    def register(drop):
        FILTERS[rule_id] = Filter("zh", (stage,), drop)
        return drop
    return register


class ChineseScan:
    """One text and what its filters read: quotations, clauses (each made when asked)."""

    def __init__(self, lexicon: Lexicon, text: str, quotes=None, clauses: Spans | None = None):
        self.lexicon = lexicon
        self.text = text
        self.quotes = quotes                # the view's quotations (doc.QuoteIndex), when judged
        self._quoted: list[tuple[int, int]] | None = None
        self._clauses = clauses

    def quotations(self) -> list:
        """The view's quotations and 《titles》 whose marks [decision] zh_quote_limits lists, at
        most as long as it says."""
        limits = self.lexicon.decision.zh_quote_limits
        return [q for q in self.quotes.all if q.end - q.start - 2 <= limits.get(q.mark, -1)]

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """The insides of those quotations."""
        if self._quoted is None:
            self._quoted = [(q.start + 1, q.end - 1) for q in self.quotations()]
        return self._quoted

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause holding pos, as the Chinese rules read clauses (see `clauses`)."""
        if self._clauses is None:
            self._clauses = _clauses(self.lexicon, self.text)
        return self._clauses.spans[self._clauses.index(pos)]


def clauses(view) -> Spans:
    """The document's clauses as the Chinese rules read them: runs between the marks of
    [decision] zh_clause_ends (a plan marker's scope; the sentence of a quoted name held as an
    activity; the sentence a generic cue is judged in). A view layer."""
    return view.layer(_view_clauses)


def _view_clauses(view) -> Spans:
    return _clauses(load(view.data), view.text)


def _clauses(lexicon: Lexicon, text: str) -> Spans:
    return Spans([m.span() for m in lexicon.chinese.clause.finditer(text)], merge=False)


def _run(filter_ids, scan: ChineseScan, hits: list[Hit], trace: Trace, candidates) -> list[Hit]:
    """The hits no filter of `filter_ids` drops (explaining: dropped candidates rejected, from
    `candidates` by hit when given, else made)."""
    for rule_id in filter_ids:
        if not hits:
            break
        dropped = FILTERS[rule_id].drop(scan, hits)
        if dropped is None or not any(dropped):
            continue
        if trace.enabled:
            for hit, drop in zip(hits, dropped):
                if drop:
                    cand = candidates.pop(hit) if candidates is not None else _candidate(*hit)
                    trace.reject(cand, rule_id)
        hits = [hit for hit, drop in zip(hits, dropped) if not drop]
    return hits


@_filter("activity.zh.masked", "inside a campaign name or stock formula (zh_masks: 党史学习教育)",
         "keywords")
def _masked(scan: ChineseScan, hits):
    text = scan.text
    masked = [(m.start(), m.end()) for mask, pattern in scan.lexicon.chinese.masks if mask in text
              for m in pattern.finditer(text)]
    if not masked:
        return None
    return [any(ms < end and start < me for ms, me in masked) for _, start, end in hits]


@_filter("activity.zh.quoted", "inside quotation marks or a 《title》 (zh_quote_limits): a name", "reported")
def _quoted(scan: ChineseScan, hits):
    quoted = scan.quoted
    if not quoted:
        return None
    return [any(qs <= start and end <= qe for qs, qe in quoted) for _, start, end in hits]


PLANNED = "activity.zh.planned"


@_filter(PLANNED, "after a plan marker in its clause (zh_plan_markers: 将, 计划, 要), "
         "outside words like 重要 and disposal 将", "reported")
def _planned(scan: ChineseScan, hits):
    lexicon, text = scan.lexicon, scan.text
    plans = lexicon.chinese.plan_markers
    first_plan: dict[int, int] = {}

    def planned(start: int) -> bool:
        s0, s1 = scan.clause_of(start)
        first = first_plan.get(s0)
        if first is None:
            # no cue before the end of the clause's first plan marker can be planned
            clause = text[s0:s1]
            first = first_plan[s0] = s0 + min((clause.find(p) + len(p) for p in plans if p in clause),
                                              default=len(clause) + 1)
        return start >= first and planned_before(lexicon, text[s0:start], s0, scan.quoted)
    return [planned(start) for _, start, _ in hits]


def planned_before(lexicon: Lexicon, before: str, offset: int, quoted) -> bool:
    """Whether a plan marker (将, 计划, 要) stands in `before` (the clause up to a cue, starting at
    `offset` in the text), outside quoted names and words like 重要 "important"."""
    chars = list(before)
    for s, e in quoted:
        for i in range(max(s - offset, 0), min(e - offset, len(chars))):
            chars[i] = " "
    plain = "".join(chars)
    for word in lexicon.chinese.plan_exceptions:
        plain = plain.replace(word, " " * len(word))
    if "将" in plain or "將" in plain:
        plain = lexicon.chinese.disposal.sub(lambda m: " " + m.group()[1:], plain)
    return any(p in plain for p in lexicon.chinese.plan_markers)


def keyword_hits(view) -> list[Hit]:
    """The document's keywords that survive [rules] zh_keywords, longest first (a view layer:
    the naming cues of Chinese counts, and what reported_cues judges)."""
    return view.layer(_keyword_hits)


def _keyword_hits(view) -> list[Hit]:
    return scan_keywords(load(view.data), view.text)


def scan_keywords(lexicon: Lexicon, text: str, trace: Trace = OFF,
                  candidates: dict | None = None) -> list[Hit]:
    """Every keyword occurrence that no zh_keywords filter drops, longest first where they
    overlap. Explaining, the kept ones' candidates go to `candidates` (by hit)."""
    by_start = lexicon.chinese.starting
    hits: list[Hit] = []
    for m in lexicon.chinese.first_chars.finditer(text):
        start = m.start()
        two = text[start:start + 2]
        keywords = by_start.get(two)
        if keywords is None:
            if len(by_start) > 100_000:               # bounded, whatever the texts
                by_start.clear()
            keywords = by_start[two] = _keywords_starting(lexicon, two)
        for keyword, label in keywords:
            if text.startswith(keyword, start):
                hits.append((label, start, start + len(keyword)))
    hits = _run(lexicon.rules.zh_keywords, ChineseScan(lexicon, text), hits, trace, None)
    if not trace.enabled:
        return longest_first(hits)
    kept, table = overlaps_traced(hits, [_candidate(*hit) for hit in hits], trace)
    if candidates is not None:
        candidates.update(table)
    return kept


def reported_cues(view) -> tuple[list[Hit], dict | None]:
    """The keywords of the document that survive [rules] zh_reported, and quoted names held as
    activities: (hits, their candidates by hit when explaining)."""
    lexicon, text, trace = load(view.data), view.text, view.trace
    candidates: dict | None = {} if trace.enabled else None
    found = (scan_keywords(lexicon, text, trace, candidates) if trace.enabled
             else keyword_hits(view))
    scan = ChineseScan(lexicon, text, view.quotes, clauses(view))
    starts = {h[1] for h in found}
    hits: list[Hit] = []
    for hit in _run(lexicon.rules.zh_reported, scan, found, trace, candidates):
        label, start, end = hit
        if label[0] == WEAK_PREFIX and end not in starts \
                and _held(lexicon, text, scan.clause_of(start)[0], start):
            # 举办培训十五期: the thing held (not 开展入户排查, where 入户 modifies it)
            label = label[1:]
            if candidates is not None:
                candidates[(label, start, end)] = candidates.pop(hit).support(HELD)
        hits.append((label, start, end))
    return hits + _named_activities(lexicon, scan, trace, candidates), candidates


def _held(lexicon: Lexicon, text: str, clause_start: int, start: int) -> bool:
    """Whether a keyword at `start` is the object of a verb of holding right before it in its
    clause (举办培训, 组织学习, 开展帮扶): what was held, not a word in passing."""
    before = text[max(clause_start, start - lexicon.decision.zh_hold_window):start]
    return lexicon.chinese.held_before.search(before) is not None


def _named_activities(lexicon: Lexicon, scan: ChineseScan, trace: Trace, candidates) -> list[Hit]:
    """A quoted name followed by 活动 (“学史、捐书”活动): an activity by that name was held.
    Its type is what a strong keyword in the name says (“红色电影进社区”活动 is film_screening),
    else a themed activity (a generic cue: kept only when nothing more specific is said)."""
    decision, text = lexicon.decision, scan.text
    suffixes = tuple(decision.zh_named_activity)
    plans = "activity.zh.planned" in lexicon.rules.zh_reported
    hits: list[Hit] = []
    for q in scan.quotations():
        if q.mark == "《":
            continue                                   # a book or film title, not an activity
        if text.startswith(suffixes, q.end):
            suffix = next(x for x in suffixes if text.startswith(x, q.end))
            inside = [h for h in scan_keywords(lexicon, text[q.start + 1:q.end - 1])
                      if not is_weak(h[0]) and not is_generic(h[0])]
            label = inside[-1][0] if inside else GENERIC_PREFIX + decision.named_activity_type
            hit = (label, q.start, q.end + len(suffix))
            sentence_start = scan.clause_of(q.start)[0]
            if plans and planned_before(lexicon, text[sentence_start:q.start], sentence_start, []):
                if trace.enabled:
                    trace.reject(_named(hit), PLANNED)
                continue
            hits.append(hit)
            if candidates is not None:
                candidates[hit] = _named(hit)
    return hits


def _keywords_starting(lexicon: Lexicon, two: str) -> tuple[tuple[str, str], ...]:
    """The keywords that may start where these two characters stand (those with that first
    character, in zh_keywords order, whose second character, if any, agrees)."""
    return tuple((keyword, label)
                 for keyword, label in lexicon.chinese.keywords_by_first_char.get(two[0], ())
                 if len(keyword) == 1 or (len(two) == 2 and keyword[1] == two[1]))


def _candidate(label: str, start: int, end: int) -> Candidate:
    rule = WEAK_KEYWORD if is_weak(label) else GENERIC_KEYWORD if is_generic(label) else KEYWORD
    return Candidate("activity", start, end, rule, {"type": type_of_label(label)})


def _named(hit: Hit) -> Candidate:
    return Candidate("activity", hit[1], hit[2], NAMED, {"type": type_of_label(hit[0])})
