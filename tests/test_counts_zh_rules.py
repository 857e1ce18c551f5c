"""Chinese counts as rules with reasons: every filter listed in exclusions.toml [rules] drops what
it should, and removing it from the list lets the number through (a second data folder, in the
same process); every dropped number says why, every kept count how its unit was found; the data
files are checked by their models.

Sentences are invented, in the style of the bulletins.
"""
from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.extract.counts import find_counts
from pipeline.extract.counts.zh_filters import DOCUMENT_FILTERS, FILTERS
from pipeline.extract.data import DataFiles
from pipeline.extract.decisions import RULES, Trace
from pipeline.extract.doc import DocView
from tests.helpers.data_folders import copied_data, data_without, edit


def traced(text: str, data: DataFiles | None = None):
    trace = Trace(True)
    found = find_counts(DocView(text, "zh", data=data, trace=trace))
    return found, trace.candidates


def values_and_units(found: list[dict]) -> list[tuple]:
    return [(c["value"], c["unit"]) for c in found]


# Each filter, a sentence it drops a number of, and the count it makes once the filter is gone.
FILTER_CASES = [
    ("count.zh.measure_word_in_word", "街道新建5场所。", (5, "所")),
    ("count.zh.ordinal", "社区举办第3场比赛。", (3, "比赛")),
    ("count.zh.rate", "每3个小区设立服务站。", (3, "小区")),
    ("count.zh.formula", "推行1+5个服务机制。", (5, "服务机制")),
    ("count.zh.code", "新建C8栋厂房。", (8, "厂房")),
    ("count.zh.after_dot", "时间为2024.5.8场次安排。", (5.8, "场次")),
    ("count.zh.numeral_after", "落实三个一工程。", (3, "个")),
    ("count.zh.duration", "培训持续3个小时。", (3, "小时")),
    ("count.zh.frequency", "每周开展2次巡逻。", (2, "次")),
    ("count.zh.idiom", "坚持十个明确。", (10, "个")),
    ("count.zh.slogan_quote", "创建“五个好”支部。", (5, "个")),
    ("count.zh.lone_one", "配备一名网格员。", (1, "网格员")),
]


def test_every_filter_has_a_case_here():
    assert {rule_id for rule_id, _, _ in FILTER_CASES} == set(FILTERS) | set(DOCUMENT_FILTERS)
    assert all(RULES[rule_id].role == "reject" for rule_id, _, _ in FILTER_CASES)


@pytest.mark.parametrize("rule_id, text, kept", FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
def test_each_filter_drops_its_number_and_removing_it_lets_the_number_through(tmp_path, rule_id, text, kept):
    found, candidates = traced(text)
    assert found == []
    (cand,) = candidates
    assert not cand.accepted and cand.rejections() == [rule_id] and cand.reasons[-1] == rule_id
    without = find_counts(DocView(text, "zh", data=data_without(tmp_path, "zh", rule_id)))
    assert values_and_units(without) == [kept]


def test_two_data_folders_in_one_process(tmp_path):
    text = "培训持续3个小时，开展12场宣讲活动。"
    without = data_without(tmp_path, "zh", "count.zh.duration")
    for _ in range(2):      # each folder keeps its own lexicon, whatever ran before
        assert [c["value"] for c in find_counts(DocView(text, "zh"))] == [12]
        assert [c["value"] for c in find_counts(DocView(text, "zh", data=without))] == [3, 12]


# --- reasons on kept and dropped numbers ---------------------------------------------------------

@pytest.mark.parametrize("text, reasons, count", [
    ("开展12场宣讲活动。", ["count.zh.noun_after"], (12, "宣讲活动")),
    ("开展宣讲活动12场。", ["count.zh.noun_before"], (12, "宣讲活动")),
    ("征集“金点子”30条。", ["count.zh.quoted_name_before"], (30, "金点子")),
    ("发放补贴12.5万元。", ["count.zh.money"], (125000, "元")),
    ("走访居民80户。", ["count.zh.measure_word_names_thing"], (80, "户")),
    ("线上观看超8万人次。", ["count.zh.measure_word_as_unit"], (80000, "人次")),
])
def test_a_kept_count_says_first_how_its_unit_was_found(text, reasons, count):
    found, candidates = traced(text)
    (cand,) = candidates
    assert cand.accepted and cand.reasons == reasons and RULES[cand.reasons[0]].role == "support"
    assert cand.item is found[0] and values_and_units(found) == [count]


def test_a_quoted_name_before_the_number_is_one_of_the_views_quotations():
    # the second ” closes no quotation (the view pairs marks once): no quoted name before 30
    found, candidates = traced("征集“甲”乙”30条。")
    assert values_and_units(found) == [(30, "条")]
    assert candidates[0].reasons == ["count.zh.measure_word_as_unit"]


def test_a_lone_one_heading_a_list_of_counts_says_so():
    found, candidates = traced("组建一个宣讲队、五支服务队。")
    assert values_and_units(found) == [(1, "宣讲队"), (5, "服务队")]
    assert [c.reasons for c in candidates] == [["count.zh.noun_after", "count.zh.one_in_count_list"],
                                               ["count.zh.noun_after"]]


@pytest.mark.parametrize("text, rule, reason, value", [
    ("举办二〇二三场次。", "count.zh.numerals", "count.zh.digit_by_digit", None),
    ("编号" + "7" * 41 + "名。", "count.zh.digits", "count.zh.too_long", None),
])
def test_a_number_without_a_value_says_why(text, rule, reason, value):
    found, candidates = traced(text)
    assert found == []
    (cand,) = candidates
    assert (cand.accepted, cand.reasons, cand.rule, cand.item["value"]) == (False, [reason], rule, value)


def test_every_number_is_a_candidate_with_its_suggester():
    text = "组建十二支服务队，举办讲座数千场，培训持续3个小时。"
    found, candidates = traced(text)
    candidates.sort(key=lambda c: c.start)     # (dropped ones are recorded as they are met)
    assert [(text[c.start:c.end], c.rule, c.accepted) for c in candidates] == [
        ("十二支服务队", "count.zh.numerals", True),
        ("讲座数千场", "count.zh.vague_magnitude", True),
        ("3个", "count.zh.digits", False),
    ]
    assert [c.item for c in candidates if c.accepted] == found


def test_the_trace_is_off_by_default():
    view = DocView("开展12场宣讲活动。", "zh")
    find_counts(view)
    assert view.trace.candidates == []


# --- the data files' models -----------------------------------------------------------------------

def test_an_unknown_filter_id_is_an_error_naming_the_key(tmp_path):
    edit(copied_data(tmp_path, "zh") / "exclusions.toml", '"count.zh.idiom",', '"count.zh.idioms",')
    with pytest.raises(ConfigError, match=r"rules\.filters.*count\.zh\.idioms"):
        find_counts(DocView("开展12场宣讲活动。", "zh", data=DataFiles.at(tmp_path)))


@pytest.mark.parametrize("file, old, new, message", [
    ("units.toml", "[window]\n", "[window]\nwords = 3\n", "unknown key 'window.words'"),
    ("units.toml", '"人员" = "people"', '"人员" = "persons"', "heads.人员"),
    ("measure_words.toml", '"轮" = { category = "activity" }', '"轮" = { category = "activity", rounds = 2 }',
     "unknown key 'measure_words.轮.rounds'"),
    ("numerals.toml", 'one = "一"', 'one = "壹贰"', "reading.one"),
    ("numerals.toml", "max_number_chars = 40", 'max_number_chars = "many"', "reading.max_number_chars"),
    ("qualifiers.toml", '"约" = "approx"', '"约" = "about"', "before.约"),
    ("exclusions.toml", "rate = ['每\\s*$']", "rate = ['(每)\\s*$']", "instead of a capturing group"),
    ("exclusions.toml", "code = ['[0-9A-Za-z]$']", "code = ['[0-9A-Za-z$']", "not a valid regular expression"),
    ("exclusions.toml", '"「", "『"', '"」", "『"', "no opening quotation mark"),
])
def test_data_files_are_checked_by_their_models(tmp_path, file, old, new, message):
    edit(copied_data(tmp_path, "zh") / file, old, new)
    with pytest.raises(ConfigError, match=message):
        find_counts(DocView("开展12场宣讲活动。", "zh", data=DataFiles.at(tmp_path)))
