"""Candidates, the rules that propose and judge them, and the record of every decision.

Extraction is three steps for every kind of item (count, place, activity cue, link):
suggesters propose `Candidate`s, each tagged with the rule that proposed it; predicates attach
reasons ("date", "slogan numeral", "gazetteer exact"); a scorer decides. Every rule has a stable
id registered here with its role and a one-line meaning, so `bulletins extract --explain` can
say why each candidate was kept or dropped and `bulletins evaluate --rules` can count how often
a rule fires and how often it is right.

    from .decisions import RULES, Candidate
    NO_UNIT = RULES.add("count.en.no_unit", "reject", "no counted thing after or before the number")
    cand = Candidate("count", start, end, "count.en.number")
    if unit is None:
        view.trace.reject(cand, NO_UNIT)
        continue
    cand.support("count.en.unit_after")
    view.trace.accept(cand, item)

A trace that is not enabled (the batch default) keeps only the accepted candidates, which
confidence is computed from; deciding costs an attribute test and an append.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator

ROLES = ("suggest", "reject", "support", "note")
KINDS = ("count", "place", "activity", "link", "fact")


@dataclass(frozen=True)
class Rule:
    id: str        # "count.en.date": kind, language or "any", name
    role: str      # suggest | reject | support | note
    doc: str       # what it means, one line

    @property
    def kind(self) -> str:
        return self.id.split(".", 1)[0]


class RuleBook:
    """Every rule id of the extractors; registered when their modules are imported."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule_id: str, role: str, doc: str) -> str:
        """Register a rule and return its id (a plain string, cheap to attach)."""
        if role not in ROLES:
            raise ValueError(f"rule {rule_id}: role {role!r} is not one of {ROLES}")
        if rule_id.split(".", 1)[0] not in KINDS:
            raise ValueError(f"rule {rule_id}: its id must start with one of {KINDS}")
        known = self._rules.get(rule_id)
        if known is not None and known != Rule(rule_id, role, doc):
            raise ValueError(f"rule {rule_id} registered twice with different meanings")
        self._rules[rule_id] = Rule(rule_id, role, doc)
        return rule_id

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def is_rejection(self, rule_id: str) -> bool:
        rule = self._rules.get(rule_id)
        return rule is not None and rule.role == "reject"


RULES = RuleBook()


class Candidate:
    """A span some rule proposed as an item: a count, a place mention, an activity cue, a link.

    `rule` is the suggester's id; `reasons` the ids of the predicates that fired on it, in the
    order they were asked; `item` what it adds to the record when accepted; `features` numbers
    a learned scorer may read (distance, frequency, ...)."""

    __slots__ = ("kind", "start", "end", "rule", "reasons", "accepted", "item", "features")

    def __init__(self, kind: str, start: int, end: int, rule: str, item: object = None):
        self.kind = kind
        self.start = start
        self.end = end
        self.rule = rule
        self.reasons: list[str] = []
        self.accepted: bool | None = None
        self.item = item
        self.features: dict[str, float] | None = None

    def support(self, reason: str) -> "Candidate":
        self.reasons.append(reason)
        return self

    def rejections(self) -> list[str]:
        return [r for r in self.reasons if RULES.is_rejection(r)]

    def __repr__(self) -> str:
        state = {None: "?", True: "kept", False: "dropped"}[self.accepted]
        return f"<{self.kind} [{self.start},{self.end}) {self.rule} {state} {self.reasons}>"


class Trace:
    """The candidates of one document and what was decided. `enabled`: every candidate is kept
    (explaining, counting rules); `keep`: the accepted ones are, with the item each became —
    confidence is computed from them. `accept`/`reject` return the decision so a call can end
    a branch."""

    __slots__ = ("enabled", "keep", "candidates", "kept")

    def __init__(self, enabled: bool = False, keep: bool = True):
        self.enabled = enabled
        self.keep = keep or enabled
        self.candidates: list[Candidate] = []
        self.kept: list[Candidate] = []

    def accept(self, cand: Candidate, item: object = None) -> bool:
        if self.keep:
            cand.accepted = True
            if item is not None:
                cand.item = item
            self.kept.append(cand)
            if self.enabled:
                self.candidates.append(cand)
        return True

    def reject(self, cand: Candidate, reason: str) -> bool:
        if self.enabled:
            cand.accepted = False
            cand.reasons.append(reason)
            self.candidates.append(cand)
        return False

    def rule_counts(self) -> Counter:
        """(rule id, "kept" | "dropped") -> how many candidates it was on."""
        counts: Counter = Counter()
        for cand in self.candidates:
            state = "kept" if cand.accepted else "dropped"
            for rule_id in (cand.rule, *cand.reasons):
                counts[rule_id, state] += 1
        return counts


OFF = Trace(False, keep=False)   # keeps nothing, so one object may serve every document


class RuleScorer:
    """The first scorer: a candidate is kept unless a rejecting predicate fired on it.
    (A learned scorer reads the same candidates: rule, reasons and features.)"""

    name = "rules"

    def keep(self, cand: Candidate) -> bool:
        return not cand.rejections()
