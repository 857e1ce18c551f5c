"""`unit_key`: one key for the counted thing, the same in English and Chinese (invented units)."""
import copy
import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline import process
from pipeline.extract import unit_keys
from pipeline.extract.unit_keys import Vocabulary, explain, unit_key, vocabulary, with_unit_keys
from pipeline.models import Count
from pipeline.resources import load_toml

DOCS = Path(__file__).resolve().parents[1] / "docs" / "outputs.md"


def en(unit, category, normalized=None):
    return unit_key({"unit": unit, "unit_normalized": normalized, "category": category})


def zh(unit, evidence, category="other"):
    return unit_key({"unit": unit, "unit_normalized": None, "category": category}, evidence)


@pytest.mark.parametrize("unit, normalized, category, key", [
    ("people", None, "people", "person"),
    ("residents", None, "people", "person"),
    ("registered volunteers", None, "people", "volunteer"),
    ("volunteer", None, "people", "volunteer"),
    # the head noun decides a compound: the last noun, longest listed phrase first
    ("party member volunteers", None, "people", "volunteer"),
    ("retired party members", None, "people", "party_member"),
    ("volunteer service sessions", None, "activity", "session"),
    ("volunteer service teams", None, "organization", "team"),
    ("person-times", "person-times", "people", "person_time"),
    ("people times", "person-times", "people", "person_time"),
    ("games", "sessions", "activity", "session"),
    ("times", "times (occurrences)", "activity", "session"),
    ("times", None, "other", "view"),                     # "the posts were clicked 900 times"
    ("views", None, "other", "view"),
    ("page views", None, "other", "view"),
    ("reads", None, "item", "read"),
    ("readers", None, "people", "person"),
    ("households", None, "place", "household"),
    ("needy families", None, "place", "household"),
    ("lantern riddle activities", None, "activity", "activity"),
    ("calligraphy lectures", None, "activity", "activity"),
    # "X of Y": X is counted unless it is a collective that lets Y decide
    ("rounds of door-to-door surveys", None, "activity", "session"),
    ("series of kite-making activities", None, "activity", "activity"),
    ("times of volunteer service", None, "activity", "activity"),
    ("tons of cabbages", None, "item", "tonne"),
    ("categories of services", None, "other", "kind"),
    # coordinated nouns: one group's generic key when their keys differ
    ("volunteers and party members", None, "people", "person"),
    ("chess and painting activities", None, "activity", "activity"),
    ("yuan", None, "money", "yuan"),
    ("RMB", None, "money", "yuan"),
    ("US dollars", None, "money", "other"),               # never summed with yuan
    ("mu", "mu (666.7 m²)", "other", "mu"),
    ("square meters", None, "other", "square_metre"),
    ("hectares", None, "other", "hectare"),
    ("kilometers", None, "other", "km"),
    ("volunteer teams", None, "organization", "team"),
    ("practice stations", None, "organization", "station"),
    ("party branches", None, "organization", "organization"),
    ("natural villages", None, "place", "village"),
    ("residential communities", None, "place", "community"),
    ("townships", None, "place", "town"),
    ("micro-grids", None, "place", "place"),
    ("practical things", None, "item", "matter"),
    ("disputes", None, "item", "matter"),
    ("livelihood projects", None, "item", "project"),
    ("leaflets", None, "item", "item"),
    # no listed word: the category's default, else the fallback
    ("kite flyers", None, "people", "person"),
    ("gizmos", None, "item", "item"),
    ("generations", None, "other", "other"),
    ("", None, "other", "other"),
])
def test_english_units(unit, normalized, category, key):
    assert en(unit, category, normalized) == key


@pytest.mark.parametrize("unit, evidence, category, key", [
    ("志愿者", "志愿者200名", "people", "volunteer"),
    ("注册志愿者", "注册志愿者3000余人", "people", "volunteer"),
    ("党员", "党员60名", "people", "party_member"),
    ("群众", "群众500余人", "people", "person"),
    ("名", "80名", "people", "person"),
    # 人次 decides against a people noun: attendances are not people
    ("受众", "受众5000余人次", "people", "person_time"),
    ("志愿者", "志愿者3万人(次)", "people", "person_time"),
    ("志愿者", "志愿者3万人（次）", "people", "person_time"),
    ("人次", "8000人次", "people", "person_time"),
    ("户", "120户", "place", "household"),
    ("居民", "居民120户", "people", "household"),      # the measure word's group differs
    ("贫困户", "贫困户25户", "place", "household"),
    ("检测", "检测1000人", "people", "person"),
    # events: the noun decides within its group, the tallies 场次 and bare measure words do not
    ("宣讲活动", "宣讲活动36场", "activity", "activity"),
    ("宣讲活动", "36场宣讲活动", "activity", "activity"),
    ("宣讲活动", "宣讲活动600场次", "activity", "session"),
    ("宣讲", "宣讲80场(次)", "activity", "session"),
    ("场", "12场", "activity", "session"),
    ("次", "5次", "activity", "session"),
    ("培训", "培训5期", "activity", "activity"),
    ("浏览量", "浏览量10万次", "other", "view"),
    ("阅读量", "阅读量2万", "other", "read"),
    ("志愿服务队", "志愿服务队45支", "organization", "team"),
    ("宣讲团", "宣讲团8个", "organization", "team"),
    ("新时代文明实践站", "新时代文明实践站40个", "organization", "station"),
    ("镇(街道)文明实践所", "镇(街道)文明实践所12个", "organization", "station"),
    ("爱心企业", "爱心企业9家", "organization", "organization"),
    ("行政村", "行政村40个", "place", "village"),
    ("社区", "社区15个", "place", "community"),
    ("街道", "街道6个", "place", "town"),
    ("点位", "点位7个", "place", "place"),
    ("元", "300万元", "money", "yuan"),
    ("宣传资料", "宣传资料1200份", "item", "item"),
    ("问题", "问题90余件", "item", "matter"),
    ("实事", "实事150件", "item", "matter"),
    ("志愿服务项目", "志愿服务项目35个", "item", "project"),
    ("服务", "服务两类", "other", "kind"),
    ("土地", "土地60亩", "other", "mu"),
    # endings that say "number of" are dropped before the noun is looked up
    ("志愿者人数", "志愿者人数达2200人", "people", "volunteer"),
    ("活动数", "活动数300场", "activity", "activity"),
    # no listed word: the category's default, else the fallback
    ("个", "10个", "other", "other"),
    ("风筝", "风筝30只", "item", "item"),
])
def test_chinese_units(unit, evidence, category, key):
    assert zh(unit, evidence, category) == key


@pytest.mark.parametrize("english, chinese, key", [
    (("volunteers", "people"), ("志愿者", "志愿者120名", "people"), "volunteer"),
    (("people", "people"), ("人", "300人", "people"), "person"),
    (("person-times", "people"), ("人次", "300人次", "people"), "person_time"),
    (("households", "place"), ("户", "45户", "place"), "household"),
    (("sessions", "activity"), ("场次", "45场次", "activity"), "session"),
    (("activities", "activity"), ("活动", "活动45场", "activity"), "activity"),
    (("yuan", "money"), ("元", "2万元", "money"), "yuan"),
    (("teams", "organization"), ("队伍", "队伍8支", "organization"), "team"),
])
def test_both_languages_share_one_key(english, chinese, key):
    assert en(*english) == zh(*chinese) == key


def test_evidence_is_read_from_the_count_when_not_given():
    count = {"unit": "受众", "category": "people", "evidence": "受众900人次"}
    assert unit_key(count) == "person_time"
    assert explain(count) == ("person_time", "words")
    assert explain({"unit": "kite flyers", "category": "people"}) == ("person", "category")
    assert explain({"unit": "generations", "category": "other"}) == ("other", "fallback")


def test_with_unit_keys_places_the_key_after_category():
    text = "开展宣讲活动36场，覆盖群众2000余人次。"
    counts = [{"value": 36, "unit": "宣讲活动", "category": "activity", "activity": None, "span": [2, 9]},
              {"value": 2000, "unit": "群众", "category": "people", "activity": None, "span": [12, 21]}]
    keyed = with_unit_keys(counts, text)
    assert [c["unit_key"] for c in keyed] == ["activity", "person_time"]
    assert list(keyed[0]) == ["value", "unit", "category", "unit_key", "activity", "span"]
    assert "unit_key" not in counts[0], "the input counts are left as they were"


def test_every_count_of_a_record_has_its_key():
    record = process("So far, 36 preaching sessions were held, with 2,000 volunteers and "
                     "5,300 person-times taking part; 1.2 million yuan was raised.\n")
    assert [(c.unit, c.unit_key) for c in record.counts] == [
        ("preaching sessions", "session"), ("volunteers", "volunteer"),
        ("person-times", "person_time"), ("yuan", "yuan")]
    record = process("今年以来，开展宣讲活动36场，招募志愿者200名，覆盖群众2000余人次，筹集资金10万元。\n")
    assert [(c.unit, c.unit_key) for c in record.counts] == [
        ("宣讲活动", "activity"), ("志愿者", "volunteer"), ("群众", "person_time"), ("元", "yuan")]


def test_records_from_before_unit_keys_get_them_when_loaded():
    text = "We held 12 lectures for 300 residents.\n"
    count = {"value": 12, "unit": "lectures", "category": "activity", "span": [8, 19],
             "evidence": "12 lectures"}
    assert Count.model_fields["unit_key"].is_required()
    from pipeline.models import Record
    record = Record.model_validate({"doc_id": "old", "language": "en", "text": text,
                                    "source": {"sha256": "0" * 64}, "counts": [count]})
    assert record.counts[0].unit_key == "activity"


# ------------------------------------------------------------------------ the vocabulary

def test_the_vocabulary_file_is_valid_and_keys_match_the_record_pattern():
    v = vocabulary()
    pattern = Count.model_fields["unit_key"].metadata[0].pattern
    assert all(re.fullmatch(pattern, k) for k in v.keys)
    assert v.fallback == "other"
    assert {"person", "person_time", "volunteer", "household", "session", "activity", "team",
            "project", "item", "view", "yuan", "mu"} <= set(v.keys)


def test_docs_list_the_whole_vocabulary():
    section = DOCS.read_text(encoding="utf-8").split("## Unit keys", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_0-9]+)` \| ([a-z]+) \|", section, re.M)
    assert documented == [(k, e.group) for k, e in vocabulary().keys.items()]


def _data() -> dict:
    return copy.deepcopy(load_toml(unit_keys.VOCABULARY_FILE))     # the loaded one is shared


def test_a_word_under_two_keys_is_refused():
    data = _data()
    data["keys"]["team"] = {**data["keys"]["team"], "zh": [*data["keys"]["team"]["zh"], "志愿者"]}
    with pytest.raises(ValidationError, match="'志愿者' is listed under both 'volunteer' and 'team'"):
        Vocabulary.model_validate(data)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["keys"]["mu"].update(group="land"), "keys.mu.group 'land' is no \\[groups\\] entry"),
    (lambda d: d.update(fallback="unknown"), "fallback names 'unknown'"),
    (lambda d: d["category_defaults"].update(people="human"), "category_defaults names 'human'"),
    (lambda d: d["keys"].update({"Bad-Key": {"meaning": "x", "group": "other"}}), "not lower_snake_case"),
    (lambda d: d["keys"]["mu"].update(synonyms=["亩"]), "Extra inputs are not permitted"),
])
def test_inconsistent_vocabularies_are_refused(change, message):
    data = _data()
    change(data)
    with pytest.raises(ValidationError, match=message):
        Vocabulary.model_validate(data)


def test_a_broken_vocabulary_file_is_a_config_error_naming_the_fix(tmp_path):
    from pipeline.errors import ConfigError
    from pipeline.extract.data import DataFiles

    (tmp_path / "unit_keys.toml").write_text('fallback = "other"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unit_keys.toml:\n  key 'groups' is missing"):
        unit_keys.vocabulary(DataFiles.at(tmp_path))


def test_few_dev_counts_fall_to_the_fallback_key(dev_records):
    """On ../shared dev (skipped without it): every count has a key, at most 10% the fallback.
    scripts/unit_key_coverage.py lists the fallback units of dev and fit."""
    keys = [c.get("unit_key") for line in dev_records.read_text(encoding="utf-8").splitlines()
            for c in json.loads(line)["counts"]]
    assert keys and all(keys)
    assert keys.count(vocabulary().fallback) / len(keys) <= 0.10


@pytest.mark.parametrize("count", [
    {}, {"unit": None, "category": None}, {"unit": 5, "category": ["people"]},
    {"unit": "志愿者", "category": {"x": 1}, "evidence": None},
])
def test_odd_counts_get_a_key_and_never_an_exception(count):
    assert unit_key(count) in vocabulary().keys
