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


def _types(text, language="en"):
    return [a["type"] for a in find_activities(text, language)]


def test_inflected_forms_match_lemma_cues():
    assert "preaching" in _types("Retired teachers preached in twelve villages last month.")
    assert "competition" in _types("The street organised two knowledge contests for residents.")


def test_one_weak_cue_is_not_enough_but_several_are():
    assert "study_session" not in _types("Residents learned that the road was repaired.")
    text = ("Cadres studied the documents. They learned the new rules. "
            "The study lasted all morning.")
    assert "study_session" in _types(text)


def test_verb_object_action_cue():
    assert "party_building" in _types("The town set up a temporary party branch at the site.")
    assert "party_building" not in _types("The county party committee praised the town.")
    assert "condolence_visit" in _types("Cadres visited elderly people living alone in the town.")


def test_denied_cues_are_not_reports():
    assert "condolence_visit" not in _types(
        "The notice asked residents not to visit relatives during the holiday.")


def test_quoted_column_name_is_online_media_not_study():
    text = 'The district opened the "Cloud Study Hall" column on its WeChat public number.'
    types = _types(text)
    assert "online_media" in types and "study_session" not in types


def test_campaign_slogan_is_not_volunteer_service():
    text = ("The county called on cadres to keep studying history, doing practical things "
            "and opening new prospects.")
    assert "volunteer_service" not in _types(text)


def test_traditional_characters_match():
    assert "preaching" in _types("該縣成立宣講團，深入鄉村開展宣講。", "zh")


def test_chinese_quoted_name_with_activity_is_a_theme_activity():
    assert "theme_activity" in _types("社区开展“红色家风传承”活动，吸引居民参加。", "zh")
    assert "theme_activity" not in _types("社区将开展“红色家风传承”活动。", "zh")


def test_unit_context_may_use_quoted_campaign_names():
    sentence = 'Party members claimed nearly 300 items in the "do practical things for the masses" drive.'
    assert activity_for_unit("items", sentence, "en") == "volunteer_service"


def test_chinese_bare_period_noun_uses_quoted_name_in_sentence():
    assert activity_for_unit("期", "“理论夜校”已举办六期。", "zh") == "study_session"
