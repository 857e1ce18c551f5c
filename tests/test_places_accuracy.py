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


# -- English: a capitalised common word before a suffix is not a pinyin name ---------------
def test_function_words_and_slogans_name_no_community():
    text = ("My village is small, said Wang. Which community residents need help? They joined the "
            "\"Red Property Community\" drive, and Party Building Leading Community Governance spread.")
    assert _places(text, "en") == []


def test_english_words_that_read_as_a_name_are_kept():
    text = "Residents of Oak Bay Phase II community and the Muslim community met volunteers."
    assert {p["name"] for p in _places(text, "en")} == {"Oak Bay Phase II Community", "Muslim Community"}


def test_leading_is_english_not_pinyin():
    from pipeline.extract.data import DataFiles
    from pipeline.extract.places.lexicon import is_pinyin, place_data
    lex = place_data(DataFiles.at()).lex
    assert not is_pinyin("Leading", lex) and not is_pinyin("Above", lex)
    assert is_pinyin("Linxi", lex) and is_pinyin("Xi'an", lex) and is_pinyin("Dong’an", lex)


def test_a_lowercase_word_starts_no_name_and_the_name_after_of_is_taken():
    text = "The interview group came to the mountain village of Shitouzhai, and to the community of CCNU."
    # (CCNU is a known institution; "community of CCNU" is no community)
    assert [p["name"] for p in _places(text, "en")] == ["Shitouzhai Village", "Central China Normal University"]


# -- names matched far from the document's other places -----------------------------------
def test_a_unique_name_alone_far_from_every_other_place_is_dropped():
    # Wulan (乌兰县, Qinghai) named twice in a text about Wuhan: a person or a word, not the county
    text = "Hongshan District of Wuhan held a fair. Wulan sang a song, and Wulan took photos."
    assert {p["name"] for p in _places(text, "en")} == {"Hongshan District", "Wuhan"}


def test_a_unique_name_alone_near_the_document_s_places_is_kept():
    # Longli (龙里县) in a text about Guiyang, its province's capital
    text = "Guiyang held a fair. Longli volunteers came, and Longli teachers sang."
    assert {p["name"] for p in _places(text, "en")} == {"Guiyang", "Longli County"}


def test_a_unique_name_alone_in_a_document_without_other_places_is_kept():
    text = "Longli volunteers came, and Longli teachers sang."
    assert [p["name"] for p in _places(text, "en")] == ["Longli County"]


def test_a_person_after_reporter_is_no_place():
    text = "Guiyang held a fair, wrote reporter Long Li; the photos are by reporter Long Li."
    assert [p["name"] for p in _places(text, "en")] == ["Guiyang"]


def test_a_chinese_name_across_jieba_words_is_no_place():
    # 建成|县级 hides 成县, 大|理论 hides 大理
    assert _names_zh("目前，全区已建成县级实践中心1个，传播大理论。") == []
    assert "大理白族自治州" in _names_zh("云南省大理州组织志愿者开展服务。")


# -- English: multi-word institution names with "of" / "and" inside -----------------------
def test_an_institution_name_goes_on_after_of_and_and():
    text = ("Volunteers of Xiangtan Institute of Technology's art club and pupils of Southwestern University "
            "of Finance and Economics Primary School visited the Xining Science and Technology Museum, "
            "then Wuhan Vocational and Technical College.")
    names = {p["name"] for p in _places(text, "en") if p["level"] in ("institution", "other")}
    assert names == {"Xiangtan Institute of Technology", "Southwestern University of Finance and Economics Primary School",
                     "Xining Science and Technology Museum", "Wuhan Vocational and Technical College"}


def test_and_between_two_names_joins_no_site():
    text = "Pupils from CCNU and Ma Fangshan Middle School came."
    names = {p["name"] for p in _places(text, "en")}
    assert "Ma Fangshan Middle School" in names and not any(n.startswith("CCNU and") for n in names)


def test_a_development_zone_is_a_site():
    text = "Workers of Wuqing Development Zone planted trees."
    assert [p["name"] for p in _places(text, "en")] == ["Wuqing Development Zone"]
