"""Activity types: linking counted things to types, and the types a bulletin reports.

Example sentences are written for these tests in the style of the bulletins (not copied).
"""
from __future__ import annotations

import pytest

from pipeline.extract.activities import activity_for_unit, find_activities


@pytest.mark.parametrize("unit, expected", [
    ("preaching activities", "preaching"),
    ("tour guidance groups", "supervision"),
    ("roving guidance groups", "supervision"),
    ("preachers", "preaching"),
    ("outstanding preachers", "preaching"),
    ("volunteers", "volunteer_service"),
    ("grid workers", "grassroots_governance"),
    ("theme activities", "theme_activity"),
    ("reading circles", "study_session"),
    ("practical things", "volunteer_service"),
    ("epidemic prevention teams", "epidemic_prevention"),
    ("singers", "cultural_event"),
    ("party members", None),
    ("communities", None),
    ("households", None),
    ("yuan", None),
    ("grid party branches", None),
])
def test_english_unit_types(unit, expected):
    assert activity_for_unit(unit, "", "en") == expected


@pytest.mark.parametrize("unit, expected", [
    ("志愿服务队", "volunteer_service"),
    ("宣讲活动", "preaching"),
    ("宣讲团", "preaching"),
    ("党员", None),
    ("下沉党员", None),
    ("社区", None),
])
def test_chinese_unit_types(unit, expected):
    assert activity_for_unit(unit, "", "zh") == expected


def test_bare_group_noun_takes_type_from_its_sentence():
    sentence = ("The street set up a team of 150 people who went into the villages "
                "to preach the new policies to farmers.")
    assert activity_for_unit("people", sentence, "en") == "preaching"
    assert activity_for_unit("people", "", "en") is None


def test_bare_session_noun_in_chinese_sentence():
    assert activity_for_unit("场", "全区共开展理论宣讲56场。", "zh") == "preaching"


def test_bare_noun_without_a_telling_sentence_is_none():
    assert activity_for_unit("people", "More than 300 people live in the old courtyard.",
                             "en") is None


def test_find_activities_english_mentions_index_the_text():
    text = ("The district held 12 preaching sessions in the villages. "
            "Volunteers visited elderly residents living alone and sent condolences.")
    found = find_activities(text, "en")
    types = [a["type"] for a in found]
    assert "preaching" in types and "volunteer_service" in types and "condolence_visit" in types
    for activity in found:
        for start, end in activity["mentions"]:
            assert 0 <= start < end <= len(text)


def test_each_type_listed_once():
    text = "They preached in May. They preached again in June. The preachers were tireless."
    found = find_activities(text, "en")
    assert [a["type"] for a in found] == ["preaching"]
    assert len(found[0]["mentions"]) == 3


def test_plans_are_not_reports():
    assert find_activities("Next year the county will carry out a knowledge contest.", "en") == []
    assert find_activities("下一步，该区将组织开展知识竞赛。", "zh") == []


def test_chinese_title_names_are_not_reports():
    assert find_activities("大家观看了《英雄儿女》片段。", "zh") == [] or all(
        a["type"] != "cultural_event" for a in find_activities("大家观看了《英雄儿女》片段。", "zh"))


def test_campaign_name_is_not_a_study_session():
    text = "The party history learning education in the county went smoothly."
    assert "study_session" not in [a["type"] for a in find_activities(text, "en")]
    assert "study_session" not in [a["type"] for a in find_activities("党史学习教育扎实推进。", "zh")]
