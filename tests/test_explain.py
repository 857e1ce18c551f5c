"""Judging traced candidates against gold: what `bulletins evaluate --rules` reports."""
from __future__ import annotations

from pipeline.extract.decisions import RULES, Candidate, Trace
from pipeline.extract.explain import format_rule_report, rule_report

SUGGEST = RULES.add("count.any.test_number", "suggest", "a number (test rule)")
DATE = RULES.add("count.any.test_date", "reject", "a date (test rule)")


def _traced():
    trace = Trace(True)
    right = {"value": 12, "unit": "lectures", "span": [0, 11]}
    wrong = {"value": 7, "unit": "days", "span": [20, 26]}
    trace.accept(Candidate("count", 0, 11, SUGGEST), right)
    trace.accept(Candidate("count", 20, 26, SUGGEST), wrong)
    trace.reject(Candidate("count", 30, 34, SUGGEST, {"value": 2021}), DATE)          # rightly
    trace.reject(Candidate("count", 40, 44, SUGGEST, {"value": 300, "unit": "people"}), DATE)  # wrongly
    record = {"counts": [right, wrong], "places": [], "activities": [{"type": "preaching"}]}
    gold = {"doc": "d1", "counts": [{"value": 12, "unit": ["lectures"]}, {"value": 300, "unit": ["people"]}],
            "places": [], "activities": ["preaching"]}
    return gold, record, trace


def test_kept_and_dropped_candidates_are_judged_against_gold():
    gold, record, trace = _traced()
    tallies = {t.rule: t for t in rule_report([gold], {"d1": (record, trace)})}
    suggest, date = tallies[SUGGEST], tallies[DATE]
    assert (suggest.kept, suggest.kept_right, suggest.dropped) == (2, 1, 2)
    assert suggest.precision() == 0.5
    assert (date.dropped, date.dropped_right) == (2, 1) and date.precision() == 0.5
    assert date.examples == ["d1@40"]


def test_report_lists_rules_and_their_meaning():
    gold, record, trace = _traced()
    text = format_rule_report(rule_report([gold], {"d1": (record, trace)}))
    line = next(x for x in text.splitlines() if x.startswith(DATE))
    assert line.split()[1:5] == ["reject", "0", "2", "0.500"] and "a date (test rule)" in line
