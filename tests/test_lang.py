"""Language per document: en / zh, mixed pages by majority of running text."""
from pipeline.lang import detect_language


def test_chinese_original():
    assert detect_language("为推动党的二十大精神深入人心,今年以来,某区组建宣讲团。") == "zh"


def test_english_translation_with_a_chinese_tag_line():
    text = ("In recent years, the district has organized volunteers to carry out preaching "
            "activities in communities and villages.\n關鍵詞: 宣讲")
    assert detect_language(text) == "en"


def test_pinyin_annotations_are_not_english():
    text = "區(qū)委組(zǔ)織(zhī)黨(dǎng)員(yuán)開(kāi)展志願服務(wù)活動(dòng)"
    assert detect_language(text) == "zh"


def test_mixed_page_goes_by_majority():
    english = "The street office held a meeting on volunteer service for residents. " * 6
    chinese = "街道召开志愿服务工作会议。"
    assert detect_language(english + chinese) == "en"
    assert detect_language(chinese * 12 + english) == "zh"


def test_links_do_not_make_a_page_english():
    text = "来源: https://www.example.gov.cn/news/content/article_example_page.html 社区开展活动"
    assert detect_language(text) == "zh"
