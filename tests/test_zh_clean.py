"""Chinese normalisation fixes: pinyin annotations, traditional -> simplified, full-width
forms, damaged decoding flagged; raw spans stay exact."""
import pytest

from pipeline.clean import CleanContext, clean_text
from pipeline.clean.chinese import damaged_decoding, zh_strip_pinyin, zh_to_simplified
from pipeline.config import load_config
from pipeline.offsets import apply_edits

ZH = CleanContext(language="zh")
EN = CleanContext(language="en")


def run(fix, text, ctx=ZH):
    return apply_edits(text, fix(text, ctx))[0]


@pytest.mark.parametrize("raw, expected", [
    ("區(qū)委", "區委"),
    ("黨(dang) 的建設", "黨的建設"),
    ("開（kāi）展", "開展"),
    ("場(chǎng)次", "場次"),
    ("綠(lǜ)色", "綠色"),
    ("綠(lv)色", "綠色"),
])
def test_pinyin_annotations_are_dropped(raw, expected):
    assert run(zh_strip_pinyin, raw) == expected


@pytest.mark.parametrize("raw", ["世界卫生组织(WHO)发布", "会议(线上)召开", "编号(abc123)", "系统(xyzq)"])
def test_other_brackets_stay(raw):
    assert run(zh_strip_pinyin, raw) == raw


def test_pinyin_edits_are_deletions_only():
    edits = zh_strip_pinyin("組(zǔ)織(zhī)", ZH)
    assert [e.replacement for e in edits] == ["", ""]


def test_fixes_do_nothing_in_english_documents():
    assert zh_strip_pinyin("區(qū)", EN) == []
    assert zh_to_simplified("區", EN) == []


def test_traditional_to_simplified_character_by_character():
    text = "鼓樓區志願服務隊126支"
    edits = zh_to_simplified(text, ZH)
    assert all(e.end - e.start == 1 and len(e.replacement) == 1 for e in edits)
    assert run(zh_to_simplified, text) == "鼓楼区志愿服务队126支"


def test_simplified_text_is_left_alone():
    assert zh_to_simplified("街道开展志愿服务活动", ZH) == []


def test_fullwidth_digits_become_halfwidth_chinese_punctuation_stays():
    text = clean_text("开展活动２６００余场次，参与群众１５万人次。", "zh", load_config().clean.fixes)[0]
    assert text == "开展活动2600余场次，参与群众15万人次。"


@pytest.mark.parametrize("text", ["忠诚担当?shù)的优势", "学习思想?!比较", "服务蝺?优势", "乱码\ufffd字"])
def test_damaged_decoding_is_found(text):
    assert damaged_decoding(text)


@pytest.mark.parametrize("text", ["老旧小区怎么改?停车难怎么解决?", "为什么?因为", "真的吗?",
                                  "舊小區怎麼改?停車難怎麼解決?"])
def test_ordinary_question_marks_are_not_damage(text):
    assert damaged_decoding(text) == []


def test_damage_is_flagged_as_a_warning_and_not_repaired():
    ctx = CleanContext(language="zh")
    edits = zh_strip_pinyin("干部忠诚擔當(dāng)?shù)恼蝺?yōu)勢(shì)", ctx)
    assert "damaged decoding" in ctx.meta["warnings"][0]
    assert [e.replacement for e in edits] == ["", ""]      # (dāng) and (shì) go; the damage stays


def test_damage_warning_reaches_the_record():
    from pipeline.core import process_text

    record = process_text("为推动党的二十大精神落地,梁园区发挥老干部忠诚擔當(dāng)?shù)恼蝺?yōu)勢(shì)。")
    assert any("damaged decoding" in w for w in record.warnings)


def test_whole_clean_keeps_raw_spans_exact():
    raw = "據(jù)統(tǒng)計(jì),全區(qū)開(kāi)展宣講８１０場(chǎng)次"
    text, alignment, _, _ = clean_text(raw, "zh", load_config().clean.fixes)
    assert text == "据统计,全区开展宣讲810场次"
    start = text.index("810场次")
    raw_start, raw_end = alignment.to_raw(start, start + len("810场次"))
    assert raw[raw_start:raw_end] == "８１０場(chǎng)次"


def test_fixes_are_idempotent():
    raw = "區(qū)委組(zǔ)織(zhī)志願服務隊１２支"
    fixes = load_config().clean.fixes
    once = clean_text(raw, "zh", fixes)[0]
    assert clean_text(once, "zh", fixes)[0] == once
