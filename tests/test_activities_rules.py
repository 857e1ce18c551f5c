"""The activity filters are data: each one listed in configs/taxonomy.toml [rules] drops a cue
for a reason, and removing its id from the list lets that cue through. Every case runs twice in
one process, with the repository's data and with a copy that lacks the filter (two
configurations side by side). Sentences are invented."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.extract.activities import find_activities
from pipeline.extract.activities.lexicon import load
from pipeline.extract.data import DataFiles
from pipeline.extract.decisions import RULES, Trace
from pipeline.extract.doc import DocView
from tests.helpers.linking import linked_type

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
TAXONOMY = (CONFIGS / "taxonomy.toml").read_text(encoding="utf-8")


def _data_without(tmp_path: Path, rule_id: str, key: str) -> DataFiles:
    """A copy of the taxonomy whose [rules] `key` list lacks `rule_id`."""
    listed = re.search(rf"^{key} = \[[^\]]*\]", TAXONOMY, re.M)
    assert listed and f'"{rule_id}"' in listed.group(), (key, rule_id)
    shorter = re.sub(rf'"{re.escape(rule_id)}",?\s*', "", listed.group())
    folder = tmp_path / f"{key}-{rule_id}"
    folder.mkdir()
    (folder / "taxonomy.toml").write_text(TAXONOMY[:listed.start()] + shorter + TAXONOMY[listed.end():],
                                          encoding="utf-8")
    return DataFiles.at(folder)


def _types(text: str, language: str, data: DataFiles | None = None) -> list[str]:
    return [a["type"] for a in find_activities(DocView(text, language, data=data))]


REPORT_CASES = [
    # (filter, list, text, language, what the filter keeps out)
    ("activity.en.masked", "en_reported",
     "The township held a party history study class for the retired workers.", "en", "study_session"),
    ("activity.en.quoted", "en_reported", 'The village named its new square "Preaching Corner".',
     "en", "preaching"),
    ("activity.en.planned", "en_reported", "Next year the county will carry out a knowledge contest.",
     "en", "competition"),
    ("activity.en.negated", "en_reported", "The cadres did not preach in the villages this year.",
     "en", "preaching"),
    ("activity.en.passing", "en_reported",
     "For details, please follow the WeChat public account of the street office.", "en",
     "online_media"),
    ("activity.en.commemorated", "en_reported",
     "On the 90th anniversary of the Gutian Conference, the town opened a reading room.", "en",
     "meeting"),
    ("activity.en.venue", "en_reported", "Volunteers cleaned the meeting room of the village committee.",
     "en", "meeting"),
    ("activity.en.in_name", "en_reported", "Volunteers swept the road outside the Meeting Plaza.", "en",
     "meeting"),
    ("activity.zh.masked", "zh_keywords", "如有疑问，请拨打咨询电话。", "zh", "counseling"),
    ("activity.zh.quoted", "zh_reported", "书店上架了《宣讲员手记》一书。", "zh", "preaching"),
    ("activity.zh.planned", "zh_reported", "下一步，该区将组织开展知识竞赛。", "zh", "competition"),
]


@pytest.mark.parametrize("rule_id, key, text, language, kept_out", REPORT_CASES,
                         ids=[c[0] for c in REPORT_CASES])
def test_each_reporting_filter_keeps_a_cue_out(tmp_path, rule_id, key, text, language, kept_out):
    assert kept_out not in _types(text, language)
    assert kept_out in _types(text, language, _data_without(tmp_path, rule_id, key))


NAMING_CASES = [
    ("activity.en.masked", "sessions", "The county held 30 sessions of party history learning education.",
     "study_session"),
    ("activity.en.name_end", "teams",
     "Guides of the Qinghe Revolutionary Memorial Hall joined them, and 4 teams were formed.",
     "site_visit"),
]


@pytest.mark.parametrize("rule_id, unit, sentence, kept_out", NAMING_CASES,
                         ids=[c[0] for c in NAMING_CASES])
def test_each_naming_filter_keeps_a_cue_from_typing_a_count(tmp_path, rule_id, unit, sentence, kept_out):
    assert linked_type(unit, sentence, "en") is None
    data = _data_without(tmp_path, rule_id, "en_naming")
    assert linked_type(unit, sentence, "en", data=data) == kept_out


def test_every_listed_filter_has_a_case():
    lexicon = load(DataFiles.at())
    listed = {(rule_id, key) for key in ("en_reported", "en_naming", "zh_keywords", "zh_reported")
              for rule_id in getattr(lexicon.rules, key)}
    cases = {(c[0], c[1]) for c in REPORT_CASES} | {(c[0], "en_naming") for c in NAMING_CASES}
    assert listed == cases


def test_an_unknown_filter_is_a_config_error(tmp_path):
    (tmp_path / "taxonomy.toml").write_text(
        TAXONOMY.replace('en_naming = ["activity.en.masked"', 'en_naming = ["activity.en.nonsense"'),
        encoding="utf-8")
    with pytest.raises(ConfigError, match="rules.en_naming.*activity.en.nonsense"):
        find_activities(DocView("They preached.", "en", data=DataFiles.at(tmp_path)))


def test_a_filter_of_another_language_is_a_config_error(tmp_path):
    (tmp_path / "taxonomy.toml").write_text(
        TAXONOMY.replace('zh_reported = ["activity.zh.quoted"', 'zh_reported = ["activity.en.quoted"'),
        encoding="utf-8")
    with pytest.raises(ConfigError, match="zh_reported"):
        load(DataFiles.at(tmp_path))


def test_every_rule_id_is_registered_with_its_meaning():
    ids = {r.id for r in RULES if r.kind == "activity"}
    assert {"activity.en.cue", "activity.en.weak_cue", "activity.en.generic_cue",
            "activity.en.role_noun", "activity.en.action", "activity.zh.keyword",
            "activity.zh.weak_keyword", "activity.zh.generic_keyword", "activity.zh.named_activity",
            "activity.any.overlapped", "activity.any.generic_explained",
            "activity.any.weak_alone"} <= ids
    assert all(RULES[i].doc for i in ids)


def _decisions(text: str, language: str) -> list[tuple[str, str, bool, list[str]]]:
    trace = Trace(True)
    find_activities(DocView(text, language, trace=trace))
    return sorted((text[c.start:c.end], c.rule, c.accepted, c.reasons) for c in trace.candidates)


def test_the_trace_says_why_each_english_cue_was_kept_or_dropped():
    text = ("The cadres preached in the villages. Next year they will hold a knowledge contest. "
            "They set up a temporary party branch and studied.")
    assert _decisions(text, "en") == [
        ("contest", "activity.en.cue", False, ["activity.en.planned"]),
        ("knowledge contest", "activity.en.cue", False, ["activity.en.planned"]),
        ("party branch", "activity.en.weak_cue", False, ["activity.any.overlapped"]),
        ("preached", "activity.en.cue", True, []),
        # two objects end the same phrase ("party branch", "branch"): one pair is kept
        ("set up a temporary party branch", "activity.en.action", False, ["activity.any.overlapped"]),
        ("set up a temporary party branch", "activity.en.action", True, []),
        ("studied", "activity.en.weak_cue", False, ["activity.any.weak_alone"]),
        ("temporary party branch", "activity.en.cue", False, ["activity.any.overlapped"]),
    ]


def test_the_trace_says_why_each_chinese_cue_was_kept_or_dropped():
    text = "社区举办培训。下一步将开展宣讲。街道开展迎新春系列活动，放映电影。"
    assert _decisions(text, "zh") == [
        ("培训", "activity.zh.weak_keyword", True, ["activity.zh.held"]),
        ("宣讲", "activity.zh.keyword", False, ["activity.zh.planned"]),
        ("放映", "activity.zh.keyword", True, []),
        ("电影", "activity.zh.weak_keyword", True, []),         # its type is reported by 放映
        ("系列活动", "activity.zh.generic_keyword", False, ["activity.any.generic_explained"]),
    ]
