"""The shared pieces of extraction: the document view, data files, candidates and the trace."""
from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.extract.data import DataFiles, DataModel
from pipeline.extract.decisions import OFF, RULES, Candidate, RuleBook, RuleScorer, Trace
from pipeline.extract.doc import DocView, Spans


def test_spans_find_and_cover():
    spans = Spans([(10, 20), (0, 5), (18, 25)])
    assert spans.spans == [(0, 5), (10, 25)]
    assert spans.find(12) == (10, 25) and spans.find(7) is None and spans.find(25) is None
    assert spans.covers(11, 24) and not spans.covers(3, 11)
    assert spans.overlapping(4, 11) == [(0, 5), (10, 25)]


def test_english_sentences_come_from_the_tokeniser():
    view = DocView("Ten teams were formed. They held 12 talks.\nA new line", "en")
    assert [view.text[s:e] for s, e in view.sentences] == [
        "Ten teams were formed.", "They held 12 talks.", "\nA new line"]   # spaCy: "\n" is a token
    assert view.sentence_at(30) == (23, 42)


def test_chinese_sentences_end_at_marks_and_lines():
    view = DocView("开展宣讲36场。覆盖群众2000人！\n共建社区", "zh")
    assert [view.text[s:e] for s, e in view.sentences] == ["开展宣讲36场。", "覆盖群众2000人！", "\n", "共建社区"]


def test_clauses_keep_thousands_separators():
    view = DocView("They held 1,100 talks, and 20 shows; all done", "en")
    assert [view.text[s:e] for s, e in view.clauses] == ["They held 1,100 talks", " and 20 shows", " all done"]


def test_quotes_pair_on_one_line_and_answer_with_limits():
    text = 'the "two new" groups and “five old” people, 《学习纲要》 read\n"open'
    view = DocView(text, "en")
    marks = [(text[q.start:q.end], q.mark) for q in view.quotes.all]
    assert marks == [('"two new"', '"'), ("“five old”", "“"), ("《学习纲要》", "《")]
    assert view.quotes.find(text.index("two")).mark == '"'
    assert view.quotes.find(text.index("two"), max_chars=3) is None
    assert view.quotes.find(text.index("open")) is None
    assert [text[s:e] for s, e in view.titles] == ["《学习纲要》"]


def test_paragraphs_are_lines_with_text():
    view = DocView("one\n\n  \ntwo three", "en")
    assert [view.text[s:e] for s, e in view.paragraphs] == ["one", "two three"]


class _Demo(DataModel):
    words: list[str]


def test_data_files_validate_and_load_once(tmp_path):
    (tmp_path / "demo.toml").write_text('words = ["a", "b"]\n', encoding="utf-8")
    (tmp_path / "bad.toml").write_text('words = ["a"]\nextra = 1\n', encoding="utf-8")
    data = DataFiles.at(tmp_path)
    assert DataFiles.at(str(tmp_path)) is data
    assert data.toml("demo.toml", _Demo).words == ["a", "b"]
    assert data.toml("demo.toml", _Demo) is data.toml("demo.toml", _Demo)
    with pytest.raises(ConfigError, match="unknown key 'extra'"):
        data.toml("bad.toml", _Demo)
    with pytest.raises(ConfigError, match="missing"):
        data.path("nothing.toml")
    calls = []

    def build(d):
        calls.append(d)
        return len(d.toml("demo.toml", _Demo).words)

    assert data.build(build) == 2 and data.build(build) == 2 and calls == [data]


def test_two_data_folders_live_side_by_side(tmp_path):
    for name, words in (("one", '["x"]'), ("two", '["y", "z"]')):
        (tmp_path / name).mkdir()
        (tmp_path / name / "demo.toml").write_text(f"words = {words}\n", encoding="utf-8")

    def size(d):
        return len(d.toml("demo.toml", _Demo).words)

    assert DataFiles.at(tmp_path / "one").build(size) == 1
    assert DataFiles.at(tmp_path / "two").build(size) == 2


def test_rules_have_stable_ids_and_roles():
    book = RuleBook()
    rule = book.add("count.en.demo_date", "reject", "a date, not a count")
    assert rule == "count.en.demo_date" and book[rule].kind == "count" and book.is_rejection(rule)
    assert book.add(rule, "reject", "a date, not a count") == rule       # re-import is fine
    with pytest.raises(ValueError, match="twice"):
        book.add(rule, "support", "something else")
    with pytest.raises(ValueError, match="must start"):
        book.add("thing.en.x", "reject", "no such kind")


def test_trace_records_decisions_only_when_enabled():
    reject = RULES.add("count.any.test_reject", "reject", "test rule")
    support = RULES.add("count.any.test_support", "support", "test rule")
    kept, dropped = Candidate("count", 0, 3, "count.any.test_suggest"), Candidate("count", 5, 9, "count.any.test_suggest")
    trace = Trace(True)
    assert trace.accept(kept.support(support), {"value": 1}) is True
    assert trace.reject(dropped, reject) is False
    assert [c.accepted for c in trace.candidates] == [True, False]
    assert trace.rule_counts()[reject, "dropped"] == 1 and trace.rule_counts()[support, "kept"] == 1
    scorer = RuleScorer()
    assert scorer.keep(kept) and not scorer.keep(dropped)
    assert OFF.reject(Candidate("count", 0, 1, "x"), reject) is False and OFF.candidates == []


def test_a_component_layer_is_made_once_per_view():
    calls = []

    def words(view):
        calls.append(view)
        return view.text.split()

    view, other = DocView("two words", "en"), DocView("two words", "en")
    assert view.layer(words) == ["two", "words"] and view.layer(words) is view.layer(words)
    assert other.layer(words) == ["two", "words"] and calls == [view, other]


def test_the_default_data_folder_is_the_configs_folder():
    from pipeline.config import CONFIG_DIR

    assert DataFiles.at() is DataFiles.at(CONFIG_DIR) is DataFiles.at(str(CONFIG_DIR))


class _Row(DataModel):
    name: str
    level: str
    note: str = ""


def test_data_tables_check_their_header_and_cells(tmp_path):
    (tmp_path / "good.tsv").write_text("# a comment\nname\tlevel\tnote\nMaple\ttown\n\nOak\tvillage\tby the river\n",
                                       encoding="utf-8")
    (tmp_path / "header.tsv").write_text("name\tlevel_x\tnote\nMaple\ttown\n", encoding="utf-8")
    (tmp_path / "cells.tsv").write_text("name\tlevel\tnote\nMaple\n", encoding="utf-8")
    data = DataFiles.at(tmp_path)
    assert data.table("good.tsv", _Row) == (("Maple", "town", ""), ("Oak", "village", "by the river"))
    with pytest.raises(ConfigError, match="header line is 'name|level_x|note', expected the columns 'name|level|note'"):
        data.table("header.tsv", _Row)
    with pytest.raises(ConfigError, match="line 2: 1 cells, expected 2 to 3"):
        data.table("cells.tsv", _Row)


def test_a_quiet_trace_keeps_only_accepted_candidates_for_confidence():
    reason = RULES.add("count.any.test_reject2", "reject", "test rule")
    trace = Trace()
    kept = Candidate("count", 0, 3, "count.any.test_suggest")
    item = {"value": 3}
    trace.accept(kept, item)
    trace.reject(Candidate("count", 5, 9, "count.any.test_suggest"), reason)
    assert trace.kept == [kept] and kept.item is item and trace.candidates == []


def test_quotes_are_the_pairs_a_character_by_character_reading_finds():
    """QuoteIndex visits only marks and line breaks; it pairs exactly as reading every character
    of every line would (the straight quote closes itself, a closing mark its opener)."""
    import random

    from pipeline.extract.doc import MAX_QUOTE_CHARS, QUOTE_PAIRS, Quote, QuoteIndex

    def every_character(text):
        found, start = [], 0
        for line in text.split("\n"):
            open_at = {}
            for i, ch in enumerate(line):
                if ch in open_at and QUOTE_PAIRS[ch] == ch:
                    s = open_at.pop(ch)
                    if i - s < MAX_QUOTE_CHARS:
                        found.append(Quote(start + s, start + i + 1, ch))
                elif ch in QUOTE_PAIRS:
                    open_at[ch] = i
                else:
                    for mark, close in QUOTE_PAIRS.items():
                        if ch == close and mark != close and mark in open_at:
                            s = open_at.pop(mark)
                            if i - s < MAX_QUOTE_CHARS:
                                found.append(Quote(start + s, start + i + 1, mark))
                            break
            start += len(line) + 1
        return sorted(found)

    rng = random.Random(7)
    pieces = list('“”"‘’「」『』《》\n') + ["a", " ", "two teams", "x" * 60]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert QuoteIndex(text).all == every_character(text), text
