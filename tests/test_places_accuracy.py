"""Places on bulletins no rule was written from (issue 15): the error classes of held-out
bulletins, each on sentences invented for these tests."""
from pipeline.extract.doc import DocView
from pipeline.extract.places import find_places


def _places(text: str, language: str) -> list[dict]:
    return find_places(DocView(text, language))


def _names_zh(text: str) -> list[str]:
    return [p["name_zh"] for p in _places(text, "zh")]


# -- Chinese: a name is a proper noun, not any characters before a suffix ------------------
def test_a_suffix_ending_an_ordinary_word_names_nothing():
    # 农村 (countryside), 乡村, 山村, 下乡 (go to the countryside): the suffix ends a word
    assert _names_zh("今年，县里持续深化农村改革，推进乡村振兴。") == []
    assert _names_zh("这个偏远山村的孩子们收到了新书。") == []
    assert _names_zh("暑假里，大学生送戏下乡，群众拍手叫好。") == []


def test_a_suffix_ending_a_rare_proper_name_is_kept():
    # the gazetteer's and jieba's rare names keep their suffix: 宝兴镇 (a township)
    assert "宝兴镇" in _names_zh("四川省雅安市宝兴镇组织志愿者清扫街道。")


def test_a_verb_before_the_suffix_takes_it_as_its_object():
    assert _names_zh("暑假里，志愿者要结合社区实际开展服务。") == []
    assert _names_zh("大家一起动手美化乡村环境，提升村容村貌。") == []


def test_a_verb_inside_the_name_is_its_left_edge():
    assert _names_zh("今年，工作队完成枫岭村道路硬化。") == ["枫岭村"]


def test_a_verb_leaves_a_road_named_community_whole():
    # 建设 is a verb, but only one character (路) would be left after it: the name stays whole
    assert _names_zh("党员们来到建设路社区开展义诊。") == ["建设路社区"]


def test_a_township_spelling_is_not_cut_by_the_suffix_rule():
    assert _names_zh("暑假里，工作队走进来马乡，看望村民。") in (["来马乡"], [])


# -- English: how names are written -------------------------------------------------------
def test_a_possessive_name_is_the_place():
    text = "Three communities in Maple Road of Guangzhou's Tianhe district and Shanghai’s old town were praised."
    got = {p["name"]: p for p in _places(text, "en")}
    assert got["Guangzhou"]["adcode"] == "440100"
    assert got["Shanghai"]["adcode"] == "310000"
    assert got["Tianhe District"]["adcode"] == "440106"
