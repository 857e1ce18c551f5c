"""Places in English MT and Chinese text (example sentences written for these tests)."""
import importlib.machinery
import importlib.util
import json
import re
from pathlib import Path

import pytest

from pipeline.extract.doc import DocView
from pipeline.extract.places import find_places as find_in_view

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def find_places(text, language):
    return find_in_view(DocView(text, language))


def by_name(places):
    return {p["name"]: p for p in places}


def check_spans(text, places):
    for p in places:
        assert p["mentions"], p
        for s, e in p["mentions"]:
            assert 0 <= s < e <= len(text)


def test_district_with_city_and_organisation():
    text = ("Yesterday the Wuhan Hongshan District Party Committee held a study meeting. "
            "Hongshan District has set up 12 preaching teams, and Hong Shan volunteers joined.")
    places = find_places(text, "en")
    check_spans(text, places)
    got = by_name(places)
    assert got["Wuhan"]["adcode"] == "420100"
    hs = got["Hongshan District"]
    assert hs["adcode"] == "420111" and hs["name_zh"] == "洪山区" and hs["level"] == "district"
    assert len(hs["mentions"]) == 3
    assert text[slice(*hs["mentions"][0])] == "Hongshan District"
    assert [p["name"] for p in places][:2] == ["Wuhan", "Hongshan District"]


def test_generic_nouns_are_not_places():
    text = "The district organised 60 communities and the county held a meeting in every village."
    assert find_places(text, "en") == []


def test_repeated_county_names_need_context():
    ambiguous = "The Qingshan District volunteers cleaned the streets."
    [p] = find_places(ambiguous, "en")
    assert p["adcode"] is None and p["name_zh"] == "青山区"
    in_baotou = "In Baotou, the Qingshan District volunteers cleaned the streets."
    got = by_name(find_places(in_baotou, "en"))
    assert got["Qingshan District"]["adcode"] == "150204"


def test_mt_renderings_and_direction_districts():
    text = ("Xining city held a fair. The Seongbuk District committee and the West District "
            "office sent 40 staff.")
    got = {p["adcode"]: p for p in find_places(text, "en")}
    assert "630105" in got and "630104" in got and "630100" in got
    text2 = "Santai County opened a library; the three stations people welcomed it."
    [p] = find_places(text2, "en")
    assert p["adcode"] == "510722" and len(p["mentions"]) == 2


def test_renamed_unit_under_old_name_outputs_current_code():
    text = "Huangzhong County launched a volunteer drive."
    [p] = find_places(text, "en")
    assert p["adcode"] == "630106"


def test_streets_communities_villages_and_sites():
    text = ("Party members of Maqiao Street visited Taoyuan community and Shangzhuang Village, "
            "then met teachers at Qingshi Middle School and the Lakeside Memorial Hall.")
    got = by_name(find_places(text, "en"))
    assert got["Maqiao Subdistrict"]["level"] == "township"
    assert got["Taoyuan Community"]["level"] == "community"
    assert got["Shangzhuang Village"]["level"] == "community"
    assert got["Qingshi Middle School"]["level"] == "institution"
    assert "Lakeside Memorial Hall" in got


def test_road_in_street_names_becomes_lu():
    text = "Residents of Jiefang Road Street planted trees."
    [p] = find_places(text, "en")
    assert p["name"] == "Jiefanglu Subdistrict"


def test_person_names_are_not_places():
    text = "Secretary Xu Jianping spoke to the Ledu District volunteers."
    names = [p["name"] for p in find_places(text, "en")]
    assert names == ["Ledu District"]


def test_chinese_admin_units_townships_and_communities():
    text = "近日，荆州市沙市区解放街道北湖路社区组织党员走进龙泉社区，与荷花池、凤鸣塔等社区开展活动。"
    places = find_places(text, "zh")
    check_spans(text, places)
    got = {p["name_zh"]: p for p in places}
    assert got["荆州市"]["adcode"] == "421000"
    assert got["沙市区"]["adcode"] == "421002"
    assert got["解放街道"]["level"] == "township"
    for community in ("北湖路社区", "龙泉社区", "荷花池社区", "凤鸣塔社区"):
        assert got[community]["level"] == "community", community
    assert text[slice(*got["北湖路社区"]["mentions"][0])] == "北湖路社区"


def test_chinese_generic_and_short_name_traps():
    text = "全区55个行政村完成改造，城中村整治持续推进，村民在北京西路参加活动。"
    assert find_places(text, "zh") == []


def test_chinese_old_name_resolves_current_code():
    [p] = find_places("湟中县开展志愿服务。", "zh")
    assert p["adcode"] == "630106" and p["name_zh"] == "湟中区"


# ---------------------------------------------------------------------------------------
def _load_scorer():
    path = SHARED / "bin" / "score"
    loader = importlib.machinery.SourceFileLoader("bulletins_score", str(path))
    spec = importlib.util.spec_from_loader("bulletins_score", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _prepare_zh(text):
    # dev texts are raw; the pipeline's cleaner converts them. Do the minimum here.
    text = re.sub(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)
    try:
        import opencc
        text = opencc.OpenCC("t2s").convert(text)
    except ImportError:  # pragma: no cover
        pass
    return text


@pytest.mark.parametrize("prefix,places_min,admin_min", [("en_", 0.85, 0.90), ("zh_", 0.85, 0.90)])
def test_dev_corpus_places_f1(tmp_path, prefix, places_min, admin_min):
    dev = SHARED / "corpus" / "dev"
    if not (dev / "texts").is_dir() or not (SHARED / "bin" / "score").is_file():
        pytest.skip(f"../shared/corpus/dev not found: {dev}")
    scorer = _load_scorer()
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as out:
        for f in sorted((dev / "texts").glob(f"{prefix}*.txt")):
            text = f.read_text(encoding="utf-8")
            lang = "zh" if f.stem.startswith("zh_") else "en"
            if lang == "zh":
                text = _prepare_zh(text)
            rec = {"doc_id": f.stem, "text": text, "counts": [], "activities": [],
                   "places": find_places(text, lang)}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    result = scorer.score(str(dev / "gold"), str(pred), False, prefix)
    assert result["contract_breaches"] == 0
    assert result["places"]["f1"] >= places_min, result["places"]
    assert result["admin_places_by_code"]["f1"] >= admin_min, result["admin_places_by_code"]


# --- institutions with numbered / multi-word names, streets named after cities, districts
# --- translated into English words, generic Chinese words (sentences written for these tests)
def test_institution_names_keep_number_and_leading_place():
    text = ("Teachers of Jiujiang No. 4 Middle School and Yichun No. 1 Middle School toured the "
            "Ruijin August 1st Memorial Hall, then Hunan First Normal University and Lanzhou "
            "University Second Hospital sent volunteers to the Gutian Conference Site.")
    got = by_name(find_places(text, "en"))
    check_spans(text, list(got.values()))
    for name in ("Jiujiang No. 4 Middle School", "Yichun No. 1 Middle School", "Ruijin August 1st Memorial Hall",
                 "Hunan First Normal University", "Lanzhou University Second Hospital", "Gutian Conference Site"):
        assert name in got, (name, sorted(got))
        assert text[slice(*got[name]["mentions"][0])] == name
    assert "Lanzhou University" not in got
    assert got["Jiujiang"]["adcode"] == "360400"          # the city inside the name is mentioned too


def test_site_name_runs_over_of_the_after_host_word():
    text = "Pupils visited the Former Site of the Labour Movement Institute and Yuelu Academy yesterday."
    got = by_name(find_places(text, "en"))
    assert "Former Site of the Labour Movement Institute" in got and "Yuelu Academy" in got
    assert not any(n.startswith("Pupils") for n in got)


def test_road_streets_named_after_cities_are_streets_only():
    text = "Party members of Zhangye Road Street and Shanghai Road Street in Lanzhou planted trees."
    got = by_name(find_places(text, "en"))
    assert got["Zhangyelu Subdistrict"]["level"] == "township"
    assert got["Shanghailu Subdistrict"]["level"] == "township"
    assert "Zhangye" not in got and "Shanghai" not in got
    assert got["Lanzhou"]["adcode"] == "620100"


def test_districts_translated_into_english_words():
    got = {p["name_zh"]: p for p in find_places("Lanzhou held a rally; City Pass District sent 30 people.", "en")}
    assert got["城关区"]["adcode"] == "620102"
    got = {p["name_zh"]: p for p in find_places("Volunteers from Taiyuan Small Shop District gathered.", "en")}
    assert got["小店区"]["adcode"] == "140105"
    got = {p["name_zh"]: p for p in find_places("The Jiaxing South Lake District held a meeting.", "en")}
    assert got["南湖区"]["adcode"] == "330402"
    # 城关区 exists in several cities: without a parent in the document, no code
    [p] = find_places("City Pass District held a meeting.", "en")
    assert p["name_zh"] == "城关区" and p["adcode"] is None


def test_river_in_a_title_is_not_the_city():
    text = "The youth league screened the film Four Crossings of the Chishui River twice; Chishui River flows on."
    assert find_places(text, "en") == []


def test_chinese_institution_names_keep_city_and_number():
    text = "苏州市第十中学师生参观南昌八一起义纪念馆，湖南第一师范学院的学生来到遵义会议旧址和岳麓书院。"
    places = find_places(text, "zh")
    check_spans(text, places)
    got = {p["name_zh"]: p for p in places}
    school = got["苏州市第十中学"]
    assert school["name"] == "Suzhou No. 10 Middle School" and school["level"] == "institution"
    assert got["南昌八一起义纪念馆"]["name"] == "Nanchang August 1st Uprising Memorial Hall"
    assert "湖南第一师范学院" in got and "岳麓书院" in got and "遵义会议旧址" in got
    assert got["苏州市"]["adcode"] == "320500"
    assert not any("Dishi" in p["name"] or "Geming" in p["name"] for p in places)


def test_chinese_generic_town_areas_and_road_fragments():
    text = "老城区改造持续推进，中心城区和主城区居民沿着红色路线登上小岛，城区面貌一新。"
    assert find_places(text, "zh") == []
    got = {p["name_zh"]: p for p in find_places("洛阳市老城区开展志愿服务。", "zh")}
    assert got["老城区"]["adcode"] == "410302"


def test_chinese_river_and_title_are_not_units():
    got = {p["name_zh"] for p in find_places("团员在赤水河畔观看电影《四渡赤水》，赤水市团委参加。", "zh")}
    assert got == {"赤水市"}


def test_chinese_numbered_school_suffix_and_generic_hospital():
    got = {p["name_zh"]: p for p in find_places("北京市第二中学和重庆市巴蜀中学的学生参加活动。", "zh")}
    assert got["北京市第二中学"]["name"] == "Beijing No. 2 Middle School"
    assert "重庆市巴蜀中学" in got
    assert find_places("县人民医院组织医护人员走进社区。", "zh") == []


def test_chinese_site_names_after_a_district_and_verbs_before_them():
    text = "党员赴鼓楼区渡江战役纪念馆参观，社区依托青松烈士陵园开展教育，还邀请南开大学教授授课。"
    got = {p["name_zh"]: p for p in find_places(text, "zh")}
    check_spans(text, find_places(text, "zh"))
    assert "渡江战役纪念馆" in got and got["渡江战役纪念馆"]["name"] == "Dujiang Campaign Memorial Hall"
    assert "鼓楼区" in got
    assert "青松烈士陵园" in got and "南开大学" in got
    assert not any(k.startswith(("托", "邀请")) for k in got)
    # an ordinal or generic stem after the district is named after it
    assert "鼓楼区第一中学" in {p["name_zh"] for p in find_places("南京市鼓楼区第一中学的学生参加活动。", "zh")}


def test_chinese_long_clause_before_a_site_word_is_no_name():
    assert find_places("“那时测体温常常得跑医院，现在不用了。”", "zh") == []


def test_chinese_former_site_of_an_institute():
    got = {p["name_zh"]: p for p in find_places("志愿者在武昌农民运动讲习所旧址前讲解。", "zh")}
    site = got["武昌农民运动讲习所旧址"]
    assert site["name"] == "Former Site of the Wuchang Peasant Movement Training Institute"


def test_ethnic_group_words_belong_to_the_autonomous_suffix():
    text = "Yinchuan is in Ningxia Hui Autonomous Region; Guangxi Zhuang Autonomous Region sent a team."
    got = {p["adcode"]: p for p in find_places(text, "en")}
    check_spans(text, find_places(text, "en"))
    assert "640000" in got and "450000" in got
    assert not any(p["name"].startswith(("Hui ", "Zhuang ")) for p in got.values())


def test_a_town_named_after_a_village():
    text = "A farmer of Li Village Town said the fruit sold well. In Licun Town, volunteers helped."
    places = find_places(text, "en")
    assert [(p["name"], p["level"], len(p["mentions"])) for p in places] == [("Licun Town", "township", 2)]


def test_foreign_countries_but_not_streets_named_after_them():
    text = "Their children work in South Korea and Japan; the shop is on Peru Road."
    got = {p["name"]: p for p in find_places(text, "en")}
    assert got["South Korea"]["level"] == "country" and got["South Korea"]["name_zh"] == "韩国"
    assert "Japan" in got and "Peru" not in got


def test_temple_sites_and_streets_translated_back_into_characters():
    text = "In Qingshan District of Baotou, Pioneer Road Street held an exhibition at the Guanyin Temple."
    got = {p["name"]: p for p in find_places(text, "en")}
    assert got["Xianfengdao Subdistrict"]["name_zh"] == "先锋道街道"
    assert "Guanyin Temple" in got


def test_chinese_students_and_support_verbs_are_no_names():
    assert find_places("由驻村干部、返乡大学生和中学生组成宣讲队，扶持社区文艺队伍。", "zh") == []


def test_region_named_universities_and_sites_after_a_misspelt_town():
    got = {p["name"] for p in find_places("Experts came from Northeast Normal University and East China University.", "en")}
    assert {"Northeast Normal University", "East China University"} <= got
    assert find_places("The New University opened.", "en") == []
    text = "Welcome to Tobao Town, Lianjiang County, Fujian Province. Tobao Central Primary School joined."
    got = {p["name"] for p in find_places(text, "en")}
    assert "Toubao Town" in got and "Toubao Central Primary School" in got


def test_a_bare_town_name_before_lake_or_road_is_not_the_town():
    text = "Yuelu District of Changsha held a meeting. In Wangyue Lake New Village, party members stood guard."
    assert not any(p["level"] == "township" for p in find_places(text, "en"))


def test_chinese_scenic_areas_monuments_and_names_starting_with_a_conjunction():
    text = "党员走访了青山镇新民村、和平村，又到红枫湖风景名胜区和老鹰岩纪念碑开展宣讲。"
    got = {p["name_zh"] for p in find_places(text, "zh")}
    assert {"新民村", "和平村", "红枫湖风景名胜区", "老鹰岩纪念碑"} <= got
    assert "平村" not in got
    assert find_places("保护好革命遗址和烈士纪念碑，打造红色景区，全市A级景区达到30家。", "zh") == []


def test_street_street_names_take_jie():
    text = "Shenyang Heping District Taiyuan Street held a party class."
    got = {p["name_zh"] for p in find_places(text, "en")}
    assert "太原街街道" in got
