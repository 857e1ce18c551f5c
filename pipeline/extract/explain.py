"""Why each item was extracted or dropped: `bulletins extract --explain` and `evaluate --rules`.

Both run the extractors with an enabled trace (`decisions.Trace`), so every candidate comes back
with the rule that proposed it, the reasons attached to it and the decision.
`rule_report` then judges each candidate against gold: a kept candidate is right when the item it
became matches a gold item; a dropped one was rightly dropped unless a gold item the record missed
matches it. Per rule: how often it fired, and how often it was right — a rule that never fires or
is right no more often than chance is a rule to retire.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..document import Document
from .decisions import RULES, Candidate, Trace


def trace_document(doc: Document, extract_settings: dict | None = None) -> Trace:
    """Extract from a cleaned document with the trace on; the document gets its items."""
    from . import extract_document

    trace = Trace(True)
    extract_document(doc, **(extract_settings or {}), trace=trace)
    return trace


def _snippet(text: str, start: int, end: int, width: int = 60) -> str:
    piece = text[start:end]
    if len(piece) > width:
        piece = piece[:width - 1] + "…"
    return piece.replace("\n", "⏎")


def explain_lines(doc: Document, trace: Trace) -> list[str]:
    """One line per candidate, in text order: where, what, proposed by, reasons, decision."""
    lines = []
    order = sorted(trace.candidates, key=lambda c: (c.start, c.end, c.kind))
    for cand in order:
        decision = "kept" if cand.accepted else "dropped"
        reasons = ", ".join(cand.reasons) if cand.reasons else "-"
        lines.append(f"  {cand.kind:8} [{cand.start},{cand.end}) {_snippet(doc.text, cand.start, cand.end)!r}"
                     f"  {decision}  rule {cand.rule}  reasons {reasons}")
    if not order:
        lines.append("  no candidates")
    return lines


# ------------------------------------------------------------------------ judging against gold

@dataclass
class RuleTally:
    rule: str
    kept: int = 0
    kept_right: int = 0
    dropped: int = 0
    dropped_right: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def fired(self) -> int:
        return self.kept + self.dropped

    def precision(self) -> float | None:
        """Kept and right / kept for a suggest or support rule; rightly dropped / dropped for a
        rejecting rule."""
        role = RULES[self.rule].role if self.rule in RULES else "suggest"
        if role == "reject":
            return self.dropped_right / self.dropped if self.dropped else None
        return self.kept_right / self.kept if self.kept else None


def _judge_kept(cand: Candidate, verdicts) -> bool | None:
    item = cand.item if isinstance(cand.item, dict) else {}
    if cand.kind == "count":
        span = tuple(item.get("span") or (cand.start, cand.end))
        return verdicts.count_by_span.get(span)
    if cand.kind == "place":
        return verdicts.place_ok(item)
    if cand.kind == "activity":
        kind = item.get("type")
        return None if kind is None else kind in verdicts.gold_types
    return None


def _judge_dropped(cand: Candidate, verdicts) -> bool | None:
    """True when dropping was right: no gold item the record missed matches the candidate."""
    item = cand.item if isinstance(cand.item, dict) else {}
    if cand.kind == "count":
        value = item.get("value")
        if value is None:
            return None
        return not verdicts.missed_count(item)
    if cand.kind == "place":
        if not (item.get("name") or item.get("name_zh") or item.get("adcode")):
            return None
        return not verdicts.missed_place(item)
    if cand.kind == "activity":
        kind = item.get("type")
        return None if kind is None else kind not in verdicts.missed_types
    return None


def rule_report(golds: list[dict], traced: dict[str, tuple[dict, Trace]]) -> list[RuleTally]:
    """Per rule id, how often it fired and was right, over documents with gold.
    `traced`: doc_id -> (record, trace)."""
    from ..evaluate import judge_record

    tallies: dict[str, RuleTally] = {}
    for gold in golds:
        found = traced.get(gold["doc"])
        if found is None:
            continue
        record, trace = found
        verdicts = judge_record(gold, record)
        for cand in trace.candidates:
            ok = _judge_kept(cand, verdicts) if cand.accepted else _judge_dropped(cand, verdicts)
            for rule_id in dict.fromkeys((cand.rule, *cand.reasons)):
                tally = tallies.setdefault(rule_id, RuleTally(rule_id))
                if cand.accepted:
                    tally.kept += 1
                    tally.kept_right += bool(ok)
                else:
                    tally.dropped += 1
                    tally.dropped_right += bool(ok)
                if ok is False and len(tally.examples) < 3:
                    tally.examples.append(f"{gold['doc']}@{cand.start}")
    return sorted(tallies.values(), key=lambda t: t.rule)


def format_rule_report(tallies: list[RuleTally]) -> str:
    lines = [f"{'rule':44} {'role':8} {'kept':>6} {'dropped':>8} {'precision':>9}  meaning"]
    known = {t.rule for t in tallies}
    by_kind: dict[str, list[RuleTally]] = defaultdict(list)
    for t in tallies:
        by_kind[t.rule.split(".", 1)[0]].append(t)
    for kind in sorted(by_kind):
        for t in by_kind[kind]:
            rule = RULES[t.rule] if t.rule in RULES else None
            p = t.precision()
            lines.append(f"{t.rule:44} {rule.role if rule else '?':8} {t.kept:6} {t.dropped:8} "
                         f"{'-' if p is None else f'{p:.3f}':>9}  {rule.doc if rule else ''}")
    silent = [r for r in RULES if r.id not in known and r.role != "note"]
    if silent:
        lines.append("rules that never fired on these documents (candidates to retire):")
        lines += [f"  {r.id:42} {r.role:8} {r.doc}" for r in silent]
    return "\n".join(lines)


# ------------------------------------------------------------------------------ entry points

def _traced_documents(inputs, config):
    """(source, document, trace, record or None, error or None) for every input, in process."""
    from ..clean import clean_document
    from ..errors import PipelineError
    from ..ingest import iter_sources, to_document
    from ..validate import build_record, validate_record

    settings = config.extract.model_dump()
    for source in iter_sources(inputs):
        try:
            doc = to_document(source, config.ingest.max_bytes, config.ingest.max_run_chars)
            clean_document(doc, config.clean.fixes)
            trace = trace_document(doc, settings)
            yield source, doc, trace, validate_record(build_record(doc)), None
        except PipelineError as exc:
            yield source, None, None, None, str(exc)


def explain_inputs(inputs, config):
    """Lines of `bulletins extract --explain`: every candidate of every input and its decision."""
    for source, doc, trace, _, error in _traced_documents(inputs, config):
        name = source.display_path
        if error:
            yield f"{name}: cannot extract: {error}"
            continue
        kept = sum(1 for c in trace.candidates if c.accepted)
        yield (f"{name} ({doc.language}): {len(trace.candidates)} candidates, {kept} kept; "
               f"{len(doc.counts)} counts, {len(doc.places)} places, {len(doc.activities)} activity types")
        yield from explain_lines(doc, trace)


def rules_on_gold(gold_dir, inputs, config, prefix: str = "") -> str:
    """The text of `bulletins evaluate --rules`."""
    from ..evaluate import load_gold

    golds = load_gold(gold_dir, prefix)
    wanted = {g["doc"] for g in golds}
    traced = {}
    for source, _, trace, record, _ in _traced_documents(inputs, config):
        if record is not None and record["doc_id"] in wanted:
            traced[record["doc_id"]] = (record, trace)
    header = f"rules over {len(traced)} documents with gold ({len(golds)} gold files)"
    return header + "\n" + format_rule_report(rule_report(golds, traced))
