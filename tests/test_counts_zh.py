"""Chinese counts: numerals, measure words, qualifiers, the counted noun, exclusions."""
import pytest

from pipeline.extract.counts import find_counts
from pipeline.extract.doc import DocView


def find_counts_zh(text):
    return find_counts(DocView(text, "zh"))


def counts(text):
    return [(c["value"], c["qualifier"], c["unit"]) for c in find_counts_zh(text)]


def one(text):
    found = find_counts_zh(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, qualifier, unit", [
    ("社区开展宣讲活动512场,", 512, "exact", "宣讲活动"),
    ("社区开展512场宣讲活动,", 512, "exact", "宣讲活动"),
    ("组成十个宣讲小分队,", 10, "exact", "宣讲小分队"),
    ("选拔百余名宣讲员,", 100, "more_than", "宣讲员"),
    ("为两千户老人送餐", 2000, "exact", "户"),
    ("招募志愿者1万余名,", 10000, "more_than", "志愿者"),
    ("开展服务活动3.6万余场次,", 36000, "more_than", "服务活动"),
    ("参与群众12.45万人次。", 124500, "exact", "群众"),
    ("惠及居民上万名。", 10000, "more_than", "居民"),
    ("累计实事数千件。", 1000, "more_than", "实事"),
    ("慰问困难家庭近80户,", 80, "approx", "户"),
    ("组织约150名党员参加", 150, "approx", "党员"),
    ("每个网格配备不少于2名网格员,", 2, "at_least", "网格员"),
    ("每月举办不超过3场集中服务活动,", 3, "up_to", "集中服务活动"),
    ("开展巡诊30场以上,", 30, "more_than", "巡诊"),
    ("展出作品200件左右。", 200, "approx", "作品"),
    ("受众超8万人次。", 80000, "more_than", "受众"),
    ("线上观看超8万人次。", 80000, "more_than", "人次"),
    ("逾千名居民到场观看", 1000, "more_than", "居民"),
    ("收集群众意见建议近260条,", 260, "approx", "群众意见建议"),
])
def test_counts(text, value, qualifier, unit):
    c = one(text)
    assert (c["value"], c["qualifier"], c["unit"]) == (value, qualifier, unit)
    evidence = text[c["span"][0]:c["span"][1]]
    assert unit in evidence or c["unit"] in evidence


def test_span_covers_number_and_noun():
    text = "全街道共开展宣讲活动512场,覆盖居民3000余人。"
    c = find_counts_zh(text)[0]
    assert text[c["span"][0]:c["span"][1]] == "宣讲活动512场"


def test_bracketed_measure_word():
    c = one("开展文明实践活动2.3万余场(次),")
    assert (c["value"], c["qualifier"]) == (23000, "more_than")
    assert c["span"][1] == len("开展文明实践活动2.3万余场(次)")


def test_money():
    c = one("发放慰问金共计12.5万元,")
    assert (c["value"], c["unit"], c["category"]) == (125000, "元", "money")


def test_range():
    c = one("每个小组2至5名党员,")
    assert (c["value"], c["low"], c["high"], c["unit"]) == (2, 2, 5, "党员")


@pytest.mark.parametrize("text", [
    "第五届文化节开幕",
    "2021年3月19日举行",
    "开展“七个一”系列活动",
    "采取“1+6+N”工作模式",
    "宣讲持续了2个多小时",
    "为期一个月",
    "88岁的老党员",
    "第7片区的工作",
    "办结率超过90%",
    "让党的声音传遍千家万户",
    "增强“四个意识”,做到两个维护",
    "配备一名镇干部,联系一个大网格",
    "每周举办一次学习",
])
def test_not_counts(text):
    assert counts(text) == []


def test_one_counts_inside_a_list_of_counts():
    found = counts("即一个区级宣讲团、六类宣讲主体、若干个基层宣讲点")
    assert (1, "exact", "区级宣讲团") in found


@pytest.mark.parametrize("text, category", [
    ("组建服务队12支,", "organization"),
    ("走访居民1500户,", "place"),
    ("覆盖18个社区,", "place"),
    ("解决问题86件,", "item"),
    ("受众900余人,", "people"),
    ("开展讲座40场,", "activity"),
])
def test_categories(text, category):
    assert one(text)["category"] == category


def test_every_count_of_a_sentence_exactly():
    text = "组建志愿服务队30支,招募志愿者500余名,开展活动120场。"
    assert [(c["value"], c["qualifier"], c["unit"], c["category"], c["activity"])
            for c in find_counts_zh(text)] == [
        (30, "exact", "志愿服务队", "organization", "volunteer_service"),
        (500, "more_than", "志愿者", "people", "volunteer_service"),
        (120, "exact", "场", "activity", "volunteer_service"),
    ]


def test_pictures_counted_by_fu():
    found = counts("展览共展出老照片二百余幅，增幅明显。")
    assert (200, "more_than", "老照片") in found


def test_breaking_through_a_number_and_a_copula_before_it():
    assert (100000, "more_than", "参观人数") in counts("参观人数突破10万人次。")
    assert (500, "exact", "人数") in counts("参与人数为500人。")


def test_a_number_at_the_very_start_takes_no_qualifier_from_the_end_of_the_text():
    c = one("5名党员参加了活动，人数超过")
    assert (c["qualifier"], c["span"]) == ("exact", [0, 4])      # 5名党员
