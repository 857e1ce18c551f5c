"""Activity types: linking counted things to types, and the types a bulletin reports.

Example sentences are written for these tests in the style of the bulletins (not copied).
"""
from __future__ import annotations

import pytest

from pipeline.extract.activities import find_activities as find_in_view
from pipeline.extract.doc import DocView
from tests.helpers.linking import linked_type


def find_activities(text: str, language: str) -> list[dict]:
    return find_in_view(DocView(text, language))


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
    assert linked_type(unit, "", "en") == expected


@pytest.mark.parametrize("unit, expected", [
    ("志愿服务队", "volunteer_service"),
    ("宣讲活动", "preaching"),
    ("宣讲团", "preaching"),
    ("党员", None),
    ("下沉党员", None),
    ("社区", None),
])
def test_chinese_unit_types(unit, expected):
    assert linked_type(unit, "", "zh") == expected


def test_bare_group_noun_takes_type_from_its_sentence():
    sentence = ("The street set up a team of 150 people who went into the villages "
                "to preach the new policies to farmers.")
    assert linked_type("people", sentence, "en") == "preaching"
    assert linked_type("people", "", "en") is None


def test_bare_session_noun_in_chinese_sentence():
    assert linked_type("场", "全区共开展理论宣讲56场。", "zh") == "preaching"


def test_bare_noun_without_a_telling_sentence_is_none():
    assert linked_type("people", "More than 300 people live in the old courtyard.",
                             "en") is None


def test_find_activities_english_mentions_index_the_text():
    text = ("The district held 12 preaching sessions in the villages. "
            "Volunteers visited elderly residents living alone and sent condolences.")
    found = find_activities(text, "en")
    types = [a["type"] for a in found]
    assert types == ["condolence_visit", "preaching", "volunteer_service"]
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
    assert find_activities("大家观看了《英雄儿女》片段。", "zh") == []


def test_campaign_name_is_not_a_study_session():
    text = "The party history learning education in the county went smoothly."
    assert find_activities(text, "en") == []
    assert find_activities("党史学习教育扎实推进。", "zh") == []


def _types(text, language="en"):
    return [a["type"] for a in find_activities(text, language)]


def test_inflected_forms_match_lemma_cues():
    assert _types("Retired teachers preached in twelve villages last month.") == ["preaching"]
    assert _types("The street organised two knowledge contests for residents.") == ["competition"]


def test_one_weak_cue_is_not_enough_but_several_are():
    assert _types("Residents learned that the road was repaired.") == []
    text = ("Cadres studied the documents. They learned the new rules. "
            "The study lasted all morning.")
    assert _types(text) == ["study_session"]


def test_verb_object_action_cue():
    assert _types("The town set up a temporary party branch at the site.") == ["party_building"]
    assert _types("The county party committee praised the town.") == []
    assert _types("Cadres visited elderly people living alone in the town.") == ["condolence_visit"]


def test_denied_cues_are_not_reports():
    assert _types("The notice asked residents not to visit relatives during the holiday.") == []
    assert _types("The cadres did not preach in the villages this year.") == []


def test_quoted_column_name_is_online_media_not_study():
    text = 'The district opened the "Cloud Study Hall" column on its WeChat public number.'
    assert _types(text) == ["online_media"]


def test_campaign_slogan_is_not_volunteer_service():
    text = ("The county called on cadres to keep studying history, doing practical things "
            "and opening new prospects.")
    assert _types(text) == []


def test_traditional_characters_match():
    assert _types("該縣成立宣講團，深入鄉村開展宣講。", "zh") == ["preaching"]


def test_chinese_quoted_name_with_activity_is_a_theme_activity():
    assert _types("社区开展“红色家风传承”活动，吸引居民参加。", "zh") == ["theme_activity"]
    assert _types("社区将开展“红色家风传承”活动。", "zh") == []


def test_unit_context_may_use_quoted_campaign_names():
    sentence = 'Party members claimed nearly 300 items in the "do practical things for the masses" drive.'
    assert linked_type("items", sentence, "en") == "volunteer_service"


def test_chinese_bare_period_noun_uses_quoted_name_in_sentence():
    assert linked_type("期", "“理论夜校”已举办六期。", "zh") == "study_session"


# --- Held-out error categories (invented sentences in the MT style) -----------------------

@pytest.mark.parametrize("unit, sentence, expected", [
    # heads that name the activity or the role in it
    ("screenings", "The town arranged 16 screenings of red films in the village squares.",
     "film_screening"),
    ("counselors", "Eight counselors offered psychological consultation services to parents.",
     "counseling"),
    ("grid officers", "The street's 52 grid officers knocked on doors to collect opinions.",
     "grassroots_governance"),
    ("mobile party branches", "The township set up 4 mobile party branches for truck drivers.",
     "party_building"),
    ("party branches", "The county has 31 party branches in non-public enterprises.", None),
    ("entries", "The calligraphy contest drew 410 entries from retired cadres.", "competition"),
    ("excellent works", "Judges chose 25 excellent works in the essay competition.",
     "competition"),
    ("prize winners", "The quiz ended with 12 prize winners from six communities.",
     "competition"),
    ("episodes", "The district pushed 9 episodes of its story series on the WeChat account.",
     "online_media"),
    ("issues of audio lectures",
     "The bureau released 20 issues of audio lectures on its official account.",
     "online_media"),
    ("groups of visitors", "The martyrs memorial hall received 85 groups of visitors in May.",
     "site_visit"),
    ("light cavalry teams",
     "After a tour of the memorial hall, the county formed 7 light cavalry teams to preach "
     "the new policies in villages.", "preaching"),
    # generic measure units (MT of 场/期/次) take the cue nearest in their clause
    ("fields", "The art troupe staged 11 fields of Yu opera performances in the towns.",
     "cultural_event"),
    ("periods", "The party school held 3 periods of training classes for village cadres.",
     "study_session"),
    ("times", "Doctors from the county hospital carried out free clinics 21 times.",
     "volunteer_service"),
    ("games", "The street organised 5 games of knowledge quizzes for residents.",
     "competition"),
    # people by status stay null
    ("residents", "300 residents listened to the lecture.", None),
])
def test_unit_types_from_heads_and_clauses(unit, sentence, expected):
    assert linked_type(unit, sentence, "en") == expected


@pytest.mark.parametrize("unit, sentence, expected", [
    ("参训人员", "本期培训班共有参训人员95人。", "study_session"),
    ("学员", "培训学员60名。", "study_session"),
    ("名", "活动共评选出一等奖4名、二等奖8名。", "competition"),
    ("村民", "近百名村民聆听了宣讲。", None),
    ("场", "组织医务人员开展义诊12场。", "volunteer_service"),
])
def test_chinese_role_heads(unit, sentence, expected):
    assert linked_type(unit, sentence, "zh") == expected


def test_memorial_hall_as_a_venue_is_not_a_site_visit():
    text = "The commendation meeting was held in the lecture room of the county memorial hall."
    assert "site_visit" not in _types(text)
    assert _types("Young cadres visited the Revolutionary Martyrs Memorial Hall.") == ["site_visit"]


def test_passing_wechat_mention_is_not_online_media():
    text = "For details, please follow the WeChat public account of the street office."
    assert _types(text) == []
    assert _types("The street launched a micro-video column on WeChat.") == ["online_media"]


def test_meeting_inside_a_name_or_past_reference_is_not_a_meeting():
    assert _types("Volunteers cleaned the square in front of the Meeting Hall.") == ["volunteer_service"]
    assert _types("Since the meeting last spring, the town has paved 3 roads.") == []


def test_party_building_as_a_generic_phrase_is_not_party_building():
    text = ("Party building leads grassroots work; party building leading the community, "
            "the party building guides neighbours.")
    assert _types(text) == []


def test_psychological_consultation_and_grid_work_are_found():
    assert _types("Counselors gave psychological consultation to 40 students.") == ["counseling"]
    assert _types("The town improved grid-based management in villages.") == ["grassroots_governance"]
    assert _types("The lecturer group toured 14 villages in March.") == ["preaching"]


def test_english_series_of_activities_yields_to_a_specific_type():
    assert _types("The street held a series of activities on the new rules, and the lecturers "
                  "preached in 5 villages.") == ["preaching"]
    assert _types("The community held a series of activities to welcome the spring.") == [
        "theme_activity"]


def test_chinese_series_of_activities_yields_to_a_specific_type():
    assert _types("街道开展红色观影系列活动，放映影片二十场。", "zh") == ["film_screening"]
    assert _types("社区开展迎新春系列活动，居民踊跃参加。", "zh") == ["theme_activity"]


def test_chinese_quoted_name_activity_takes_the_specific_type():
    found = _types("村里举办“红色电影进万家”活动，村民齐聚观看。", "zh")
    assert found == ["film_screening"]


def test_chinese_hotline_is_not_counseling():
    assert _types("如有疑问，请拨打咨询电话0971-1234567。", "zh") == []


def test_chinese_plan_marker_inside_a_word_is_no_plan():
    assert _types("围绕总书记重要讲话精神，“百姓名嘴”宣讲深入村社。", "zh") == ["preaching"]
    assert _types("县讲师团深入乡镇开展理论辅导。", "zh") == ["preaching"]


def _reported(text: str, language: str) -> set[str]:
    return {a["type"] for a in find_activities(text, language)}


@pytest.mark.parametrize("text, expected", [
    # a visit verb before a list of named places: the last names a memorial
    ("The branch organized 300 members to visit Liangjiahe, Wayaobao Former Site and the Zichang "
     "Revolutionary Memorial Hall.", {"site_visit"}),
    # an activity held at a memorial visits it
    ("The youth league held a theme party day at the Beiling Revolutionary Memorial Hall.",
     {"site_visit", "theme_activity"}),
    # 研学 as MT renders it
    ("The development of study tourism has brought income to the village.", {"site_visit"}),
    # problems gathered from residents
    ("The preachers have collected 45 livelihood demands from the lanes.",
     {"preaching", "grassroots_governance"}),
])
def test_english_reports(text, expected):
    assert _reported(text, "en") == expected


@pytest.mark.parametrize("text, reported", [
    # a pavilion or a street is no memorial site
    ("The volunteers went into Xinhua Road Street, the Qingfeng Pavilion and the old estates.",
     {"volunteer_service"}),
    # recording or listening to suggestions is no governance work by itself
    ("The deputies listened to the suggestions of the farmers.", set()),
])
def test_english_does_not_report(text, reported):
    assert _reported(text, "en") == reported


@pytest.mark.parametrize("text, expected", [
    # 将 as a disposal marker (把) is no plan
    ("街道将辖区划分为45个网格,由社区干部组成服务小组。", {"grassroots_governance"}),
    # a weak keyword held (举办培训) is reported
    ("社区开设智能手机课堂,已举办培训八期。", {"study_session"}),
    ("各村举办知识擂台赛,村民们踊跃抢答。", {"competition"}),
    ("志愿者为居家隔离群众代购生活物资。", {"volunteer_service"}),
])
def test_chinese_reports(text, expected):
    assert _reported(text, "zh") == expected


@pytest.mark.parametrize("text, absent", [
    # 将 before an adverb is a plan
    ("下一步,街道将进一步划分为网格。", "grassroots_governance"),
    # 开展入户排查: 入户 modifies the thing held
    ("民警正在小区开展入户排查工作。", "condolence_visit"),
])
def test_chinese_does_not_report(text, absent):
    assert _reported(text, "zh") == set()  # not `absent`, nor anything else


@pytest.mark.parametrize("text, expected", [
    # verb + object a few words apart, across a hyphenated compound
    ("Then, six volunteers came to visit 91-year-old Wang Shulan on Hongqi Road.",
     {"condolence_visit", "volunteer_service"}),
    ("The pupils watched the short film about the Long March in the hall.", {"film_screening"}),
    ("The young guides tell the local revolutionary stories to every group.", {"preaching"}),
    # a strong cue that is the whole quotation is the thing itself, not a name
    ('The teachers went into the classrooms to give the "micro party lesson".', {"preaching"}),
])
def test_english_reports_more(text, expected):
    assert _reported(text, "en") == expected


def test_quotations_are_the_views_pairs_of_marks():
    # a long quotation before a short one: the short one is still a quotation (a pattern
    # matching straight quotes left to right paired the long one's end with the short one's start)
    text = ('The old teacher said: "Welcome, children, to our small town by the river, where the '
            'bridge was rebuilt three times and the tea fields climb every hill behind the school ..." '
            'Later, five pupils "little tour guides" told the history.')
    assert _reported(text, "en") == set()


def test_weak_word_in_scare_quotes_is_still_quoted():
    assert _reported(
        'The students read the "epidemic" stories of the "epidemic" heroes, the "epidemic" diary.',
        "en") == set()


@pytest.mark.parametrize("text, expected", [
    # a count between the verb of holding and the keyword
    ("街道组织约150名志愿者参与现场服务。", {"volunteer_service"}),
    # 将A与B相结合: a disposal, not a plan
    ("该区还将宣讲与志愿服务相结合,各小分队在宣讲后开展义诊。", {"preaching", "volunteer_service"}),
])
def test_chinese_reports_more(text, expected):
    assert _reported(text, "zh") == expected


def test_films_counted_in_chinese_are_screenings():
    assert linked_type("影片", "社区先后放映《地道战》等影片12场。", "zh") == "film_screening"
    assert linked_type("红色影片", "", "zh") == "film_screening"
