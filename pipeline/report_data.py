"""What the report shows, computed from records (pure functions; no HTML here)."""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from math import floor, log10
from typing import Iterable

from .extract.unit_keys import key_of, report_totals, vocabulary
from .report_text import Sentences


@dataclass
class ActivityTotal:
    type: str
    documents: int = 0          # records that list the type in `activities`
    counts: int = 0             # counts linked to the type
    # sums of linked counts by unit_key, like with like: money, views, reads, person-times and
    # places are never added to events or people (configs/unit_keys.toml, report_total)
    events: float = 0.0         # keys of the events group: activity, session
    people: float = 0.0         # keys of the people group: person, volunteer, party_member
    person_times: float = 0.0   # the attendance group: person_time (one person may count twice)


@dataclass
class PlaceTotal:
    name: str
    name_zh: str | None
    level: str
    adcode: str | None
    documents: int = 0
    mentions: int = 0


@dataclass
class LargeCount:
    value: float
    qualifier: str
    unit: str
    category: str
    activity: str | None
    doc_id: str
    source_path: str | None
    before: str                 # the sentence split around the evidence, for highlighting
    evidence: str
    after: str
    unit_key: str = "other"
    sentence_at: tuple[int, int] = (0, 0)   # [s, e) of the sentence in the record's text
    order: int = 0                          # which record it came from (for grouping)

    @property
    def sentence(self) -> str:
        return self.before + self.evidence + self.after

    @property
    def evidence_at(self) -> tuple[int, int]:
        """[start, end) of the evidence within `sentence`."""
        return len(self.before), len(self.before) + len(self.evidence)


@dataclass
class QuietDocument:
    """A record with no counts (and maybe nothing else either)."""
    doc_id: str
    source_path: str | None
    language: str
    places: int
    activities: int
    text_length: int
    warnings: list[str]

    @property
    def nothing_extracted(self) -> bool:
        return not self.places and not self.activities


@dataclass
class WarnedDocument:
    """A record that carries warnings (decoding repaired or damaged, ...): its text may differ
    from the page, so its figures are worth a look."""
    doc_id: str
    source_path: str | None
    language: str
    counts: int
    warnings: list[str]


@dataclass
class Disagreement:
    """A figure two copies of one story give differently (from the records' warnings)."""
    doc_id: str
    here: str
    there: str
    other_doc: str
    story: str


@dataclass
class ReportData:
    records: int = 0
    stories: int = 0            # records that are their story's canonical copy (or stand alone)
    repeats: int = 0            # counts that restate an earlier figure of their bulletin
    disagreements: list[Disagreement] = field(default_factory=list)     # at most `limit`
    errors: list[dict] = field(default_factory=list)       # at most `limit` rows shown
    error_total: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    counts: int = 0
    activities: list[ActivityTotal] = field(default_factory=list)
    places: list[PlaceTotal] = field(default_factory=list)
    categories: list[tuple[str, int, float]] = field(default_factory=list)   # name, n, sum
    # key, n, sum of values (None for the fallback key, whose counts are unlike each other)
    unit_keys: list[tuple[str, int, float | None]] = field(default_factory=list)
    magnitudes: list[tuple[str, int]] = field(default_factory=list)         # bin label, n
    largest: list[LargeCount] = field(default_factory=list)
    quiet: list[QuietDocument] = field(default_factory=list)               # at most `limit`
    quiet_total: int = 0
    warned: list[WarnedDocument] = field(default_factory=list)             # at most `limit`
    warned_total: int = 0


MAGNITUDE_LABELS = {-1: "<1", 0: "1–9", 1: "10–99", 2: "100–999", 3: "1k–10k", 4: "10k–100k",
                    5: "100k–1M", 6: "1M–10M"}


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def place_key(place: dict) -> tuple:
    """Places are the same across records when their code (or else name and level) is."""
    if place.get("adcode"):
        return ("adcode", place["adcode"])
    return ("name", place.get("name"), place.get("level"))


class Summariser:
    """Reads records one at a time (a batch never has to fit in memory) and keeps only the
    totals, the `top` largest counts and the first `limit` problem documents."""

    def __init__(self, top: int = 25, limit: int = 200, is_canonical=lambda record: True):
        self.top, self.limit = top, limit
        self.is_canonical = is_canonical
        self.data = ReportData()
        self._languages: Counter = Counter()
        self._activities: dict[str, ActivityTotal] = {}
        self._places: dict[tuple, PlaceTotal] = {}
        self._category_n: Counter = Counter()
        self._category_sum: Counter = Counter()
        self._key_n: Counter = Counter()
        self._key_sum: Counter = Counter()
        self._bins: Counter = Counter()
        self._largest: list[tuple[float, int, LargeCount]] = []   # min-heap on (value, -order)
        self._order = 0

    def add(self, record: dict) -> None:
        data = self.data
        data.records += 1
        self._languages[record.get("language") or "?"] += 1
        counts = record.get("counts") or []
        data.counts += len(counts)
        self._add_disagreements(record)
        # Sums count each story once (its canonical copy) and each restated figure once.
        canonical = self.is_canonical(record)
        summed = [c for c in counts if c.get("repeat_of") is None] if canonical else []
        data.stories += canonical
        data.repeats += sum(c.get("repeat_of") is not None for c in counts)
        self._add_activities(record, counts, summed)
        self._add_places(record)
        for c in counts:
            value = _number(c.get("value"))
            category = c.get("category") or "other"
            self._category_n[category] += 1
            key = key_of(c)
            self._key_n[key] += 1
            self._bins[floor(log10(value)) if value >= 1 else -1] += 1
        for c in summed:
            self._category_sum[c.get("category") or "other"] += _number(c.get("value"))
            self._key_sum[key_of(c)] += _number(c.get("value"))
        self._add_largest(record, counts)
        warnings = record.get("warnings") or []
        if warnings:
            data.warned_total += 1
            if len(data.warned) < self.limit:
                data.warned.append(WarnedDocument(
                    doc_id=record["doc_id"], source_path=(record.get("source") or {}).get("path"),
                    language=record.get("language") or "?", counts=len(counts),
                    warnings=list(warnings)))
        if not counts:
            data.quiet_total += 1
            if len(data.quiet) < self.limit:
                data.quiet.append(QuietDocument(
                    doc_id=record["doc_id"], source_path=(record.get("source") or {}).get("path"),
                    language=record.get("language") or "?",
                    places=len(record.get("places") or []),
                    activities=len(record.get("activities") or []),
                    text_length=len(record.get("text") or ""),
                    warnings=list(record.get("warnings") or [])))

    def add_error(self, error: dict) -> None:
        self.data.error_total += 1
        if len(self.data.errors) < self.limit:
            self.data.errors.append(error)

    def _add_disagreements(self, record: dict) -> None:
        from .stories.disagree import parse_warning

        for w in record.get("warnings") or []:
            parsed = parse_warning(w)
            if parsed and len(self.data.disagreements) < self.limit:
                self.data.disagreements.append(Disagreement(record["doc_id"], *parsed))

    def _add_activities(self, record: dict, counts: list[dict], summed_counts: list[dict]) -> None:
        totals = self._activities
        summed = report_totals()
        for a in record.get("activities") or []:
            totals.setdefault(a["type"], ActivityTotal(a["type"])).documents += 1
        for c in counts:
            if c.get("activity"):
                totals.setdefault(c["activity"], ActivityTotal(c["activity"])).counts += 1
        for c in summed_counts:
            if not c.get("activity"):
                continue
            t = totals[c["activity"]]
            key = key_of(c)
            if summed.get(key) == "events":
                t.events += _number(c.get("value"))
            elif summed.get(key) == "people":
                t.people += _number(c.get("value"))
            elif summed.get(key) == "person_times":
                t.person_times += _number(c.get("value"))

    def _add_places(self, record: dict) -> None:
        seen = set()
        for p in record.get("places") or []:
            key = place_key(p)
            t = self._places.setdefault(key, PlaceTotal(p.get("name") or "?", p.get("name_zh"),
                                                        p.get("level") or "other", p.get("adcode")))
            t.name_zh = t.name_zh or p.get("name_zh")
            t.mentions += len(p.get("mentions") or [])
            if key not in seen:
                t.documents += 1
                seen.add(key)

    def _add_largest(self, record: dict, counts: list[dict]) -> None:
        text = record.get("text") or ""
        sentences = None                       # scanned only if a count makes the list
        for c in counts:
            value = _number(c.get("value"))
            self._order += 1
            key = (value, -self._order)       # on equal values the earlier count wins
            if len(self._largest) >= self.top and key <= self._largest[0][:2]:
                continue
            sentences = sentences or Sentences(text)
            start, end = c["span"]
            s, e = sentences.bounds(start, end)
            item = LargeCount(
                value=value, qualifier=c.get("qualifier") or "exact", unit=c.get("unit") or "",
                category=c.get("category") or "other", activity=c.get("activity"), unit_key=key_of(c),
                doc_id=record["doc_id"], source_path=(record.get("source") or {}).get("path"),
                before=text[s:start], evidence=text[start:end], after=text[end:e],
                sentence_at=(s, e), order=self.data.records)
            entry = (*key, item)
            if len(self._largest) < self.top:
                heapq.heappush(self._largest, entry)
            else:
                heapq.heapreplace(self._largest, entry)

    def result(self) -> ReportData:
        data = self.data
        data.languages = dict(self._languages.most_common())
        data.activities = sorted(self._activities.values(),
                                 key=lambda t: (-t.documents, -t.counts, t.type))
        data.places = sorted(self._places.values(), key=lambda t: (-t.documents, -t.mentions, t.name))
        data.categories = [(name, n, self._category_sum[name])
                           for name, n in self._category_n.most_common()]
        fallback = vocabulary().fallback
        data.unit_keys = [(key, n, None if key == fallback else self._key_sum[key])
                          for key, n in sorted(self._key_n.items(), key=lambda x: (-x[1], x[0]))]
        if self._bins:
            low, high = min(self._bins), max(self._bins)
            data.magnitudes = [(MAGNITUDE_LABELS.get(k, f"≥1e{k}"), self._bins.get(k, 0))
                               for k in range(low, high + 1)]
        data.largest = [item for _, _, item in sorted(self._largest, key=lambda x: (-x[0], -x[1]))]
        return data


def by_sentence(largest: list[LargeCount]) -> list[list[LargeCount]]:
    """The largest counts grouped by the sentence they come from (one sentence often holds
    several large counts), groups in the order of their largest count, counts in a group
    largest first. Sentences of different records stay apart even when their text is equal."""
    groups: dict[tuple, list[LargeCount]] = {}
    for count in largest:                      # largest first
        groups.setdefault((count.order, count.sentence_at), []).append(count)
    return list(groups.values())


def summarise(records: Iterable[dict], errors: Iterable[dict] = (), top: int = 25,
              limit: int = 200, is_canonical=lambda record: True) -> ReportData:
    """Everything the report shows, in one pass over the records."""
    summariser = Summariser(top, limit, is_canonical)
    for record in records:
        summariser.add(record)
    for error in errors:
        summariser.add_error(error)
    return summariser.result()
