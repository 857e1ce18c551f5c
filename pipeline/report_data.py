"""What the report shows, computed from records (pure functions; no HTML here)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from math import floor, log10

from .report_text import Sentences


@dataclass
class ActivityTotal:
    type: str
    documents: int = 0          # records that list the type in `activities`
    counts: int = 0             # counts linked to the type
    events: float = 0.0         # sum of linked counts whose category is `activity`
    people: float = 0.0         # sum of linked counts whose category is `people`


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
class ReportData:
    records: int = 0
    errors: list[dict] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    counts: int = 0
    activities: list[ActivityTotal] = field(default_factory=list)
    places: list[PlaceTotal] = field(default_factory=list)
    categories: list[tuple[str, int, float]] = field(default_factory=list)   # name, n, sum
    magnitudes: list[tuple[str, int]] = field(default_factory=list)         # bin label, n
    largest: list[LargeCount] = field(default_factory=list)
    quiet: list[QuietDocument] = field(default_factory=list)


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def activity_totals(records: list[dict]) -> list[ActivityTotal]:
    totals: dict[str, ActivityTotal] = {}
    for record in records:
        for a in record.get("activities") or []:
            totals.setdefault(a["type"], ActivityTotal(a["type"])).documents += 1
        for c in record.get("counts") or []:
            if not c.get("activity"):
                continue
            t = totals.setdefault(c["activity"], ActivityTotal(c["activity"]))
            t.counts += 1
            if c.get("category") == "activity":
                t.events += _number(c.get("value"))
            elif c.get("category") == "people":
                t.people += _number(c.get("value"))
    return sorted(totals.values(), key=lambda t: (-t.documents, -t.counts, t.type))


def place_key(place: dict) -> tuple:
    """Places are the same across records when their code (or else name and level) is."""
    return ("adcode", place["adcode"]) if place.get("adcode") else ("name", place.get("name"), place.get("level"))


def place_totals(records: list[dict]) -> list[PlaceTotal]:
    totals: dict[tuple, PlaceTotal] = {}
    for record in records:
        seen = set()
        for p in record.get("places") or []:
            key = place_key(p)
            t = totals.setdefault(key, PlaceTotal(p.get("name") or "?", p.get("name_zh"),
                                                  p.get("level") or "other", p.get("adcode")))
            t.name_zh = t.name_zh or p.get("name_zh")
            t.mentions += len(p.get("mentions") or [])
            if key not in seen:
                t.documents += 1
                seen.add(key)
    return sorted(totals.values(), key=lambda t: (-t.documents, -t.mentions, t.name))


def category_totals(records: list[dict]) -> list[tuple[str, int, float]]:
    n: Counter = Counter()
    total: Counter = Counter()
    for record in records:
        for c in record.get("counts") or []:
            n[c.get("category") or "other"] += 1
            total[c.get("category") or "other"] += _number(c.get("value"))
    return [(name, n[name], total[name]) for name, _ in n.most_common()]


def magnitude_bins(records: list[dict]) -> list[tuple[str, int]]:
    """How many counts fall in 1–9, 10–99, 100–999, …: the spread of sizes at a glance."""
    bins: Counter = Counter()
    for record in records:
        for c in record.get("counts") or []:
            value = _number(c.get("value"))
            bins[floor(log10(value)) if value >= 1 else -1] += 1
    if not bins:
        return []
    labels = {-1: "<1", 0: "1–9", 1: "10–99", 2: "100–999", 3: "1k–10k", 4: "10k–100k",
              5: "100k–1M", 6: "1M–10M"}
    return [(labels.get(k, f"≥1e{k}"), bins.get(k, 0)) for k in range(min(bins), max(bins) + 1)]


def largest_counts(records: list[dict], top: int) -> list[LargeCount]:
    found = []
    for record in records:
        text = record.get("text") or ""
        sentences = Sentences(text) if record.get("counts") else None
        for c in record.get("counts") or []:
            start, end = c["span"]
            s, e = sentences.bounds(start, end)
            found.append(LargeCount(
                value=_number(c.get("value")), qualifier=c.get("qualifier") or "exact",
                unit=c.get("unit") or "", category=c.get("category") or "other",
                activity=c.get("activity"), doc_id=record["doc_id"],
                source_path=(record.get("source") or {}).get("path"),
                before=text[s:start], evidence=text[start:end], after=text[end:e]))
    found.sort(key=lambda c: (-c.value, c.doc_id))
    return found[:top]


def quiet_documents(records: list[dict]) -> list[QuietDocument]:
    return [QuietDocument(
        doc_id=r["doc_id"], source_path=(r.get("source") or {}).get("path"),
        language=r.get("language") or "?", places=len(r.get("places") or []),
        activities=len(r.get("activities") or []), text_length=len(r.get("text") or ""),
        warnings=list(r.get("warnings") or []))
        for r in records if not r.get("counts")]


def summarise(records: list[dict], errors: list[dict] = (), top: int = 25) -> ReportData:
    return ReportData(
        records=len(records), errors=list(errors),
        languages=dict(Counter(r.get("language") or "?" for r in records).most_common()),
        counts=sum(len(r.get("counts") or []) for r in records),
        activities=activity_totals(records), places=place_totals(records),
        categories=category_totals(records), magnitudes=magnitude_bins(records),
        largest=largest_counts(records, top), quiet=quiet_documents(records))
