"""Spam inside sentences: phrase sets by category, place-keyed runs, Chinese layout segments,
keyword stuffing, foreign scripts and languages, and advertising copy with no tie to the page.
Every sentence here is invented for these tests."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.clean import clean_text
from pipeline.config import load_config

FIXES = load_config().clean.fixes


def clean(raw: str, language: str) -> str:
    text = clean_text(raw, language, FIXES)[0]
    assert clean_text(text, language, FIXES)[0] == text       # idempotent
    return text


@pytest.mark.parametrize("raw, expected", [
    # a phrase of each trade
    ("The team held 12 online casino lectures for residents.", "The team held 12 lectures for residents."),
    ("Volunteers sent Sugar daddy rice to 30 households.", "Volunteers sent rice to 30 households."),
    ("The clinic gave buy viagra free checks to 50 elders.", "The clinic gave free checks to 50 elders."),
    ("Residents learned about payday loans fraud in 3 talks.", "Residents learned about fraud in 3 talks."),
    # a run keyed to a place, lower-case place, plural place, glued to the word before
    ("The Riverside Escorts building has 6 floors.", "The Riverside Escorts building has 6 floors."),
    ("The Nairobi Escorts building has 6 floors.", "The building has 6 floors."),
    ("The plan includes kenya Sugar into 4 projects.", "The plan includes into 4 projects."),
    ("It started from “Ghanas Sugardaddy Small” steps.", "It started from “Small” steps."),
    ("Riverside UniversityKenya Sugar students cleaned 2 parks.",
     "Riverside University students cleaned 2 parks."),
    ("It ran under the Lagos Seeking Arrangement program.", "It ran under the program."),
    # innocent words stay
    ("The police escort team and the sugar factory joined.", "The police escort team and the sugar factory joined."),
    ("Guangxi Sugar Industry Group sent 20 volunteers.", "Guangxi Sugar Industry Group sent 20 volunteers."),
])
def test_english_spam_phrases_and_runs(raw, expected):
    assert clean(raw, "en") == expected


@pytest.mark.parametrize("raw, expected", [
    ("河畔社区开展志愿服务活动-云顶国际官网唯一官方网站\n\n社区组织志愿者30名开展清扫。",
     "河畔社区开展志愿服务活动\n\n社区组织志愿者30名开展清扫。"),
    ("初期腰痛能治好吗 http://ads.example.com/a_1.html\n\n社区组织志愿者30名开展清扫。",
     "社区组织志愿者30名开展清扫。"),
    ("网上赌场一区二区,国产精品免费,河畔视频大全,羞羞视频在线观看,天天看\n社区组织志愿者30名开展清扫。",
     "社区组织志愿者30名开展清扫。"),
    ("社区组织志愿者百家乐30名开展清扫,共清理垃圾2吨。", "社区组织志愿者30名开展清扫,共清理垃圾2吨。"),
    ("社区用福利彩票公益金建成日间照料中心3个。", "社区用福利彩票公益金建成日间照料中心3个。"),
])
def test_chinese_spam_phrases_segments_and_keyword_lines(raw, expected):
    assert clean(raw, "zh") == expected


@pytest.mark.parametrize("raw, language, expected", [
    ("The volunteers cleaned 3 parks 바카라 사이트 추천 and planted 40 trees.", "en",
     "The volunteers cleaned 3 parks and planted 40 trees."),
    ("Volunteers visited 20 families. Nhà cái uy tín nhất đăng ký nhận thưởng ngay. They brought rice.", "en",
     "Volunteers visited 20 families. They brought rice."),
    ("Volunteers visited 20 families. Situs slot terpercaya dan resmi untuk semua hari ini. They brought rice.",
     "en", "Volunteers visited 20 families. They brought rice."),
    ("The team studied the article,这是一段被注入到英文句子里的外文内容,and discussed it with 30 residents.",
     "en", "The team studied the article,and discussed it with 30 residents."),
    ("河畔社区组织志愿者30名Click here to win big prizes today开展清扫活动。", "zh",
     "河畔社区组织志愿者30名开展清扫活动。"),
    ("社区组织志愿者30名开展ロボット清扫活动。", "zh", "社区组织志愿者30名开展清扫活动。"),
])
def test_foreign_text_inside_a_sentence_goes(raw, language, expected):
    assert clean(raw, language) == expected


@pytest.mark.parametrize("raw, language", [
    # a bilingual page: whole lines in the other language are the bulletin, not spam
    ("Riverside opened 3 day-care centres for 900 elders this year.\n\n河畔区今年建成日间照料中心3个,服务老人900名", "en"),
    ("河畔区今年建成日间照料中心3个,服务老人900名。\n\nRiverside opened 3 day-care centres for 900 elders this year.", "zh"),
    # English names and links inside Chinese text
    ("社区举办“Happy Reading Day”活动,访问 www.example.org 报名。", "zh"),
    ("The “学雷锋” campaign drew 60 volunteers.", "en"),
])
def test_text_in_the_other_language_that_belongs_stays(raw, language):
    assert clean(raw, language) == raw


def test_advertising_copy_with_no_tie_to_the_page_goes():
    raw = ("Volunteers cleaned the riverside park on Saturday. Get a free casino bonus on your first "
           "deposit with our app. The park now has 40 new benches.")
    assert clean(raw, "en") == ("Volunteers cleaned the riverside park on Saturday. "
                                "The park now has 40 new benches.")


def test_a_bulletin_sentence_with_advertising_words_stays():
    raw = ("Riverside residents joined 12 health talks in the park. Residents can register online "
           "for free health checks in the park. Doctors examined 300 residents.")
    assert clean(raw, "en") == raw


def test_chinese_advertising_copy_with_no_tie_to_the_page_goes():
    raw = "社区组织志愿者30名开展清扫活动。注册即送彩金，官网下载平台充值秒到账。活动共清理垃圾2吨。"
    assert clean(raw, "zh") == "社区组织志愿者30名开展清扫活动。活动共清理垃圾2吨。"


def test_explain_shows_each_spam_removal(tmp_path):
    path = tmp_path / "spam.txt"
    path.write_text("The Nairobi Escorts team held 12 online casino talks. Nhà cái uy tín nhất "
                    "đăng ký nhận thưởng ngay. Get a free casino bonus on your first deposit with "
                    "our app. Residents of Green Lane joined the talks.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--explain", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:9] == [
        "  spam: 3 edit(s)",
        "    at 4: 'Nairobi Escorts ' -> ''",
        "    at 33: 'online casino ' -> ''",
        "    at 111: 'casino bonus ' -> ''",
        "  foreign_text: 1 edit(s)",
        "    at 54: 'Nhà cái uy tín nhất đăng ký nhận thưởng ngay. ' -> ''",
        "  spam_sentences: 1 edit(s)",
        "    at 100: 'Get a free on your first deposit with our app. ' -> ''",
    ]
