"""Document facts from the page header: the headline as written, the publication date, the
publisher. Every page here is invented for these tests."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_text
from pipeline.clean.dates import find_dates, iso_date
from pipeline.config import load_config
from pipeline.lang import detect_language

FIXES = load_config().clean.fixes

BODY_EN = ("On March 3, the Riverside Street volunteer team held 12 reading sessions for "
           "residents of the Green Lane community, and 85 people took part.")
BODY_ZH = "3月3日，河畔街道志愿服务队在绿巷社区开展读书活动12场，85名居民参加。"


def meta_of(raw: str) -> dict:
    return clean_text(raw, detect_language(raw), FIXES)[2]


# --- dates as pages write them --------------------------------------------------------------

@pytest.mark.parametrize("line, iso", [
    ("2021-08-28 04:10:12 Riverside Net", "2021-08-28"),
    ("Pub Date:22-08-22 16:24 Source:Riverside Daily", "2022-08-22"),
    ("Sep 14, 2022", "2022-09-14"),
    ("Posted on 14th September 2022", "2022-09-14"),
    ("2022, September 14", "2022-09-14"),
    ("2022年05月18", "2022-05-18"),
    ("2022年5月18日 星期三", "2022-05-18"),
    ("2022年5月", "2022-05"),
    ("Updated: March 2023", "2023-03"),
    ("Time:2022.06.27", "2022-06-27"),
    ("2022/6/7", "2022-06-07"),
    ("Release Date: 27-06-2022", "2022-06-27"),
    ("06/27/2022", "2022-06-27"),
])
def test_a_date_in_any_common_format_reads_as_iso(line, iso):
    assert [hit.iso for hit in find_dates(line)] == [iso]


@pytest.mark.parametrize("line", [
    "22-08-22",                       # a two-digit year only after a publication label
    "03/04/2022",                     # day and month cannot be told apart
    "the 2021-2022 season",
    "Phone 0551-6517-9860",
    "2022-13-01",                     # no thirteenth month
    "we may 2023 be there",           # "may" is no month here
    "version 1.2.3",
])
def test_no_date_where_none_is_written(line):
    assert find_dates(line) == []


def test_a_label_before_a_date_marks_it_as_the_publication_date():
    assert find_dates("发布时间:2022-05-01")[0].labelled
    assert not find_dates("活动时间:2022-05-01")[0].labelled     # an event's time
    assert find_dates("Release time: 2023-05-04 10:43")[0].labelled
    assert iso_date("Updated: March 2023") is None                # no full date


# --- the publication date of a page -------------------------------------------------------

def test_the_meta_line_under_the_headline_gives_the_date_not_a_sentence():
    raw = (f"Riverside volunteers plant 300 trees\nRelease time: 2023-05-04 10:43\n\n"
           f"On April 30, 2023, the team met at the park. {BODY_EN}")
    assert meta_of(raw)["date"] == "2023-05-04"


def test_a_page_clock_above_the_headline_loses_to_the_date_under_it():
    raw = f"09:31 Sep 28 2011\n\nRiverside art troupe tours 25 villages\n\n14:40, May 20, 2010\n\n{BODY_EN}"
    meta = meta_of(raw)
    assert meta["date"] == "2010-05-20"
    assert meta["title"] == "Riverside art troupe tours 25 villages"


def test_a_date_only_inside_sentences_is_no_publication_date():
    raw = f"Riverside volunteers plant 300 trees\n\nOn April 30, 2023, the team met. {BODY_EN}"
    assert "date" not in meta_of(raw)


def test_chinese_date_line_with_weekday_above_the_headline_of_an_e_paper():
    raw = (f"第03版:社区\n版面导航\n2022年05月18日 星期三\n3 上一篇  下一篇 4 放大 缩小 默认\n"
           f"河畔社区\n绿巷社区党员挂牌亮身份\n\n{BODY_ZH}")
    meta = meta_of(raw)
    assert (meta["title"], meta["date"]) == ("绿巷社区党员挂牌亮身份", "2022-05-18")


def test_a_labelled_date_line_further_down_when_the_header_has_none():
    raw = f"{BODY_EN}\n\nMore text about the reading sessions follows here.\n\n发布日期：2021-10-12"
    assert meta_of(raw)["date"] == "2021-10-12"


# --- the headline ---------------------------------------------------------------------------

@pytest.mark.parametrize("debris", [
    "Skip to content",
    "E-mail riverside@example.org Phone 0551-6517-9860",
    "Home | News | Party Building | Volunteers | Contact Us",
    "[On-site synchronization]",
    "Campus News",
    "Current Location: Home > Campus News\nCampus News",
    "Cure your back pain today http://ads.example.com/a_123.html",
    "09:31 Sep 28 2011",
    "<li id=\"nav\"></li>",
])
def test_the_headline_after_page_debris(debris):
    raw = f"{debris}\nRiverside volunteers plant 300 trees along the river\n\n{BODY_EN}"
    assert meta_of(raw)["title"] == "Riverside volunteers plant 300 trees along the river"


@pytest.mark.parametrize("debris", ["各市新闻", "版面导航", "您所在的位置: 首页 >> 新闻",
                                    "河畔新闻网 > 即时新闻 > 地方", "初期腰痛能治好吗 http://ads.example.com/a.html",
                                    "联系电话:0551-65179860", "河畔市人民政府门户网站"])
def test_the_chinese_headline_after_page_debris(debris):
    raw = f"{debris}\n绿巷社区志愿者植树三百棵\n发布时间:2022-03-12\n\n{BODY_ZH}"
    assert meta_of(raw)["title"] == "绿巷社区志愿者植树三百棵"


def test_the_headline_is_the_line_right_above_the_meta_line_not_a_section_name_above_it():
    raw = (f"Party and mass garden\n\"Zero waste on holidays\" - Riverside charity volunteer team\n"
           f"Release time: 2023-05-04 10:43 Party activities\n\n{BODY_EN}")
    assert meta_of(raw)["title"] == "\"Zero waste on holidays\" - Riverside charity volunteer team"


def test_a_subtitle_under_the_headline_is_not_the_headline():
    raw = f"理论宣讲有声有色\n——河畔区开展宣讲工作综述\n□记者 王明\n\n{BODY_ZH}"
    assert meta_of(raw)["title"] == "理论宣讲有声有色"


def test_the_headline_is_quoted_as_written_with_its_script_and_annotations():
    raw = f"核酸檢測(cè)“補(bǔ)網(wǎng)查漏”河畔網(wǎng)格員逐戶“掃樓” | |||\n|\n\n為確保區(qū)域檢測(cè)“不漏一戶”,網(wǎng)格員開(kāi)展行動(dòng),共走訪85戶。"
    meta = meta_of(raw)
    assert meta["title"] == "核酸檢測(cè)“補(bǔ)網(wǎng)查漏”河畔網(wǎng)格員逐戶“掃樓”"


def test_a_page_title_with_a_site_suffix_gives_way_to_the_headline_above_the_meta_line():
    raw = (f"河畔社区持续深化文明建设-河畔新闻网\n河畔区委宣传部 主办\n| | |\n"
           f"河畔社区持续深化文明建设\n发表时间:2024-03-26来源:河畔文明网\n\n{BODY_ZH}")
    meta = meta_of(raw)
    assert (meta["title"], meta["date"], meta["issuer"]) == (
        "河畔社区持续深化文明建设", "2024-03-26", "河畔文明网")


@pytest.mark.parametrize("raw", [
    f"{BODY_EN}\n\nMore text about the reading sessions follows here.",
    f"“We love the new reading room!” said a resident of Green Lane.\n\n{BODY_EN}",
    f"Source: Riverside Daily - Volunteer Channel\n{BODY_EN}",
    f"[Explanation] On March 3, residents gathered in the square.\n{BODY_EN}",
    f"公益事业\n如一抹明媚的阳光\n温暖心房\n志愿服务\n如一盏闪烁的明灯\n照亮前方\n{BODY_ZH}",
    f"Page 306 - 2021 Riverside Yearbook\nP. 306\n{BODY_EN}",
])
def test_no_headline_when_the_page_has_none(raw):
    assert "title" not in meta_of(raw)


def test_the_title_keeps_its_column_tag_as_written():
    raw = f"全部\n|党史学习教育|河畔区:线上线下同推进 学习教育全覆盖\n来源:河畔客户端\n作者:王明\n2021-04-04\n\n{BODY_ZH}"
    meta = meta_of(raw)
    assert meta["title"] == "|党史学习教育|河畔区:线上线下同推进 学习教育全覆盖"
    assert meta["date"] == "2021-04-04"
    assert meta["issuer"] == "河畔客户端"


# --- the publisher ----------------------------------------------------------------------------

def test_the_source_field_of_a_header_line_is_the_issuer():
    raw = (f"Riverside volunteers plant 300 trees\n"
           f"Pub Date:22-08-22 16:24 Source:Riverside Daily, riverside.example.org\n\n{BODY_EN}")
    meta = meta_of(raw)
    assert (meta["date"], meta["issuer"]) == ("2022-08-22", "Riverside Daily, riverside.example.org")


def test_a_bulleted_source_line_is_read_and_removed():
    raw = f"绿巷社区志愿者植树三百棵\n• 发布时间:2022年09月26日\n• 来源: 河畔日报\n\n{BODY_ZH}"
    text, _, meta, _ = clean_text(raw, "zh", FIXES)
    assert (meta["date"], meta["issuer"]) == ("2022-09-26", "河畔日报")
    assert "发布时间" not in text


def test_a_trailing_office_in_parentheses_is_preferred_as_issuer():
    raw = (f"Riverside volunteers plant 300 trees\nSource: Riverside Daily\n\n{BODY_EN} "
           f"(Riverside District Civilization Office)")
    assert meta_of(raw)["issuer"] == "Riverside District Civilization Office"


def test_no_issuer_when_the_page_names_none():
    assert "issuer" not in meta_of(f"Riverside volunteers plant 300 trees\n\n{BODY_EN}")


def test_a_headline_written_as_a_sentence_is_the_headline_when_a_meta_line_follows():
    raw = (f"Riverside volunteers plant 300 trees along the river.\nRelease time: 2023-05-04\n\n{BODY_EN}")
    assert meta_of(raw)["title"] == "Riverside volunteers plant 300 trees along the river."


def test_an_opening_sentence_without_a_meta_line_under_it_is_no_headline():
    raw = (f"The year 2024 is the tenth year of the Riverside reading programme.\nRiverside Street\n"
           f"Praise the river and praise the street\n\n{BODY_EN}")
    assert "title" not in meta_of(raw)


def test_the_date_line_that_closes_a_chinese_notice_is_its_date():
    raw = f"关于开展植树活动的通知\n\n{BODY_ZH}\n\n河畔区民政局\n2022年5月18日"
    assert meta_of(raw)["date"] == "2022-05-18"


def test_a_date_inside_the_last_sentence_is_no_closing_date():
    raw = f"关于开展植树活动的通知\n\n{BODY_ZH}\n\n活动将于2022年5月18日在河畔公园举行,欢迎居民参加。"
    assert "date" not in meta_of(raw)


def test_a_long_byline_between_headline_and_date_is_not_the_headline():
    raw = f"Riverside volunteers plant 300 trees\nBy Zhang Wei and Li Ming in Riverside\nUpdated: 2022-05-18\n\n{BODY_EN}"
    meta = meta_of(raw)
    assert (meta["title"], meta["date"]) == ("Riverside volunteers plant 300 trees", "2022-05-18")
