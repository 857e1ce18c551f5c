"""The place extractor's rules (sentences invented for these tests): every rejecting predicate
listed in configs/places.toml drops a candidate that is found when the predicate is left out of
a second data folder; the trace names each candidate's rule and reasons."""
import json
import tomllib

import pytest

from pipeline.config import CONFIG_DIR
from pipeline.errors import ConfigError
from pipeline.extract.data import DataFiles
from pipeline.extract.decisions import RULES, Trace
from pipeline.extract.doc import DocView
from pipeline.extract.places import find_places
from pipeline.extract.places.rules import PREDICATES

PLACES_TOML = tomllib.loads((CONFIG_DIR / "places.toml").read_text(encoding="utf-8"))["rules"]

# step, predicate, language, sentence, a mention found only without the predicate
CASES = [
    ("en_renderings", "place.en.rendering_not_capitalised", "en",
     "Xining held a fair for the elderly; the seongbuk team sent 40 staff.", "seongbuk"),
    ("en_renderings", "place.en.rendering_without_level_word", "en",
     "Xining held a fair; the West team of the city sent 40 staff.", "West"),
    ("en_bare", "place.en.one_character_name", "en", "Longnan held a fair, and Li sent 20 volunteers.", "Li"),
    ("en_bare", "place.en.after_surname", "en",
     "Teacher Wang Hongshan of Wuhan spoke, and the Hongshan District office agreed.", "Hongshan"),
    ("en_bare", "place.en.after_role_word", "en",
     "Guiyang held a fair, wrote reporter Long Li; the photos are by reporter Long Li.", "Long Li"),
    ("en_bare", "place.en.before_given_name", "en", "Lu'an held a fair, and Yuan Ming led the talk.", "Yuan"),
    ("en_bare", "place.en.common_word", "en", "Shijiazhuang held a fair, and Xinhua volunteers came.", "Xinhua"),
    ("en_bare", "place.en.river_or_mountain", "en", "Guizhou volunteers walked along the Chishui River near Zunyi.",
     "Chishui"),
    ("en_bare", "place.en.inside_title", "en", "Guizhou pupils watched 《Chishui》 in Zunyi.", "Chishui"),
    ("en_local", "place.en.town_named_after_village", "en", "A farmer of Zhou Village Town sold fruit.",
     "Zhou Village"),
    ("en_local", "place.en.ordinary_words_before_suffix", "en",
     "Volunteers of Happy Community and Taoyuan Community met.", "Happy Community"),
    ("en_local", "place.en.function_word_name", "en", "My village lies by the river, said Wang.", "My village"),
    ("en_local", "place.en.english_slogan", "en", "Party Building Leading Community Governance was praised in Maple.",
     "Leading Community"),
    ("en_site", "place.en.longer_site_follows", "en", "Nurses of Xiamen University First Hospital came.",
     "Xiamen University"),
    ("en_site", "place.en.generic_site_name", "en", "They visited the Revolutionary Memorial Hall.",
     "Revolutionary Memorial Hall"),
    ("en_country", "place.en.country_not_capitalised", "en", "Their children work in South korea.", "South korea"),
    ("en_country", "place.en.street_named_after_country", "en", "The shop is on Peru Road.", "Peru"),
    ("en_later", "place.en.town_before_feature_word", "en",
     "Hongshan District of Wuhan held a meeting. At Guanshan Lake, party members stood guard.", "Guanshan"),
    ("zh_match", "place.zh.part_of_word", "zh", "武汉市洪山区别具特色。", "洪山区"),
    ("zh_match", "place.zh.road_after_short_name", "zh", "居民在北京路参加活动。", "北京"),
    ("zh_match", "place.zh.river_after_short_name", "zh", "贵州遵义团员在赤水河边植树。", "赤水"),
    ("zh_match", "place.zh.across_words", "zh", "目前，全区已建成县级实践中心1个，传播大理论。", "成县"),
    ("zh_admin", "place.zh.inside_longer_name", "zh", "湖北省武汉市洪山中学的学生参加活动。", "洪山"),
    ("zh_admin", "place.zh.short_name_in_title", "zh", "贵州省遵义市团员观看电影《赤水》。", "赤水"),
    ("zh_admin", "place.zh.generic_area_in_word", "zh", "洛阳市新老城区居民参加读书节。", "老城区"),
    ("zh_suffix_word", "place.zh.suffix_inside_word", "zh", "枫林村民参加活动。", "枫林村"),
    ("zh_suffix_word", "place.zh.suffix_inside_ordinary_word", "zh", "暑假里，大学生送戏下乡，群众拍手叫好。",
     "学生送戏下乡"),
    ("zh_suffix", "place.zh.clause_before_suffix", "zh", "奶奶回忆：“孩子发烧常常得跑医院”。", "孩子发烧常常得跑医院"),
    ("zh_suffix", "place.zh.no_name", "zh", "他们走进村开展活动。", "村"),
    ("zh_suffix", "place.zh.road_inside_name", "zh", "居民在中山路口公园锻炼。", "中山路口公园"),
    ("zh_suffix", "place.zh.verb_before_suffix", "zh", "暑假里，志愿者要结合社区实际开展服务。", "愿者要结合社区"),
    ("zh_suffix", "place.zh.ordinary_word_stem", "zh", "全区美丽城中村建设推进。", "区美丽城中村"),
    ("zh_suffix", "place.zh.generic_site_stem", "zh", "实验小学的学生参加活动。", "实验小学"),
    ("zh_suffix", "place.zh.one_char_before_generic_site_stem", "zh", "县人民医院派出医生下乡义诊。", "县人民医院"),
    ("zh_suffix", "place.zh.unit_name_before_street", "zh", "景德镇市举办读书节。", "景德镇"),
    ("zh_list", "place.zh.ordinary_word_stem", "zh", "党员走访了新民、城中等社区。", "城中"),
    ("zh_list", "place.zh.road_inside_name", "zh", "党员走访了青阳路口、新民等社区。", "青阳路口"),
]
# predicates that nothing in today's lexicon lets fire: tested with a lexicon that does
# (a word translated as a romanised name's syllable; 的 not a boundary word)
GUARD_CASES = [
    ("en_translated", "place.en.pinyin_name_instead", "en", "Volunteers of Long County planted trees.", "Long County",
     "寿县"),
    ("zh_suffix", "place.zh.nothing_after_place", "zh", "学生参观南京市的纪念馆。", "南京市的纪念馆", "南京市的纪念馆"),
]


def _folder(tmp_path_factory, name: str, rules: dict, gazetteer=None) -> DataFiles:
    root = tmp_path_factory.mktemp(name)
    (root / "gazetteer").symlink_to(gazetteer or CONFIG_DIR / "gazetteer")
    lines = ["[rules]"] + [f"{step} = {json.dumps(ids)}" for step, ids in rules.items()]
    (root / "places.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return DataFiles.at(root)


def _without(tmp_path_factory, step: str, rule: str, gazetteer=None) -> DataFiles:
    rules = {s: [r for r in ids if not (s == step and r == rule)] for s, ids in PLACES_TOML.items()}
    assert rules != PLACES_TOML, f"{rule} is not listed for {step}"
    return _folder(tmp_path_factory, rule.replace(".", "_"), rules, gazetteer)


def _mentions(text: str, places: list[dict]) -> set[str]:
    return {text[s:e] for p in places for s, e in p["mentions"]}


def _dropped_for(text: str, trace: Trace, mention: str) -> set[str]:
    """The first reasons of the dropped candidates inside `mention` (a suffix alone, a name)."""
    return {c.rejections()[0] for c in trace.candidates if c.accepted is False and text[c.start:c.end] in mention}


def test_every_listed_predicate_has_a_case():
    listed = {(step, rule) for step, ids in PLACES_TOML.items() for rule in ids}
    cased = {(step, rule) for step, rule, *_ in CASES + GUARD_CASES}
    assert listed == cased
    assert listed == {(step, rule) for step, rules in PREDICATES.items() for rule in rules}


@pytest.mark.parametrize("step,rule,language,text,mention", CASES, ids=[c[1] + "@" + c[0] for c in CASES])
def test_a_predicate_left_out_lets_its_candidate_through(tmp_path_factory, step, rule, language, text, mention):
    trace = Trace(True)
    kept = find_places(DocView(text, language, trace=trace))
    assert mention not in _mentions(text, kept)
    assert rule in _dropped_for(text, trace, mention)
    unfiltered = find_places(DocView(text, language, data=_without(tmp_path_factory, step, rule)))
    assert mention in _mentions(text, unfiltered)


@pytest.fixture(scope="module")
def guard_lexicon(tmp_path_factory):
    """A gazetteer folder whose lexicon lets the guard predicates fire."""
    folder = tmp_path_factory.mktemp("guard") / "gazetteer"
    folder.mkdir()
    for path in (CONFIG_DIR / "gazetteer").iterdir():
        if path.suffix in (".toml", ".tsv", ".md"):
            (folder / path.name).symlink_to(path)
    (folder / "lexicon.toml").unlink()
    lexicon = (CONFIG_DIR / "gazetteer" / "lexicon.toml").read_text(encoding="utf-8")
    (folder / "lexicon.toml").write_text(lexicon.replace('"了", "的", "等"', '"了", "等"'), encoding="utf-8")
    (folder / "en_zh_words.tsv").unlink()
    words = (CONFIG_DIR / "gazetteer" / "en_zh_words.tsv").read_text(encoding="utf-8")
    (folder / "en_zh_words.tsv").write_text(words + "long\t寿\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("step,rule,language,text,mention,name_zh", GUARD_CASES, ids=[c[1] for c in GUARD_CASES])
def test_a_guard_predicate_left_out_lets_its_candidate_through(tmp_path_factory, guard_lexicon, step, rule,
                                                                language, text, mention, name_zh):
    data = _folder(tmp_path_factory, "guarded", PLACES_TOML, guard_lexicon)
    trace = Trace(True)
    kept = find_places(DocView(text, language, data=data, trace=trace))
    assert name_zh not in {p["name_zh"] for p in kept}
    assert rule in _dropped_for(text, trace, mention)
    unfiltered = find_places(DocView(text, language, data=_without(tmp_path_factory, step, rule, guard_lexicon)))
    assert name_zh in {p["name_zh"] for p in unfiltered}


def test_an_unknown_predicate_is_named(tmp_path_factory):
    rules = dict(PLACES_TOML, en_bare=PLACES_TOML["en_bare"] + ["place.en.no_such_rule"])
    data = _folder(tmp_path_factory, "unknown", rules)
    with pytest.raises(ConfigError, match=r"key 'rules': .*en_bare: 'place.en.no_such_rule' is not a predicate"):
        find_places(DocView("Hongshan District held a meeting.", "en", data=data))


def test_the_trace_gives_every_candidate_its_rule_and_reasons():
    text = ("Hongshan District of Wuhan held a fair; Teacher Wang Hongshan spoke at Taoyuan Community, "
            "and the Qingshan District volunteers came.")
    trace = Trace(True)
    places = find_places(DocView(text, "en", trace=trace))
    assert places == find_places(DocView(text, "en"))
    found = {(text[c.start:c.end], c.rule, c.accepted): c.reasons for c in trace.candidates}
    assert found[("Hongshan District", "place.en.pinyin_name", True)] == ["place.en.level_word"]
    assert found[("Wuhan", "place.en.pinyin_name", True)] == ["place.any.parent_or_sibling_in_document"]
    assert found[("Hongshan", "place.en.pinyin_name", False)] == ["place.en.after_surname"]
    dropped = next(c for c in trace.candidates if c.accepted is False and text[c.start:c.end] == "Hongshan")
    assert dropped.item == {"name": "Hongshan"}        # the place it would have been, for evaluate --rules
    assert found[("Taoyuan Community", "place.en.suffix_pattern", True)] == ["place.en.pinyin_words"]
    assert found[("Qingshan District", "place.en.pinyin_name", True)] == ["place.en.level_word"]
    for cand in trace.candidates:
        assert cand.rule in RULES and all(r in RULES for r in cand.reasons)
        assert cand.rejections() if cand.accepted is False else cand.reasons and not cand.rejections()
        if cand.accepted:
            assert cand.item in places
    kept_mentions = sorted((c.start, c.end) for c in trace.candidates if c.accepted)
    assert kept_mentions == sorted(tuple(m) for p in places for m in p["mentions"])


def test_the_chinese_trace_names_the_scorer_reason_for_a_namesake():
    text = "和平街道开展活动，青山区志愿者参加。"
    trace = Trace(True)
    places = find_places(DocView(text, "zh", trace=trace))
    found = {(text[c.start:c.end], c.rule): (c.accepted, c.reasons) for c in trace.candidates}
    assert found[("青山区", "place.zh.gazetteer_exact")] == (True, ["place.zh.full_name"])
    assert {p["name_zh"] for p in places} >= {"青山区"}
