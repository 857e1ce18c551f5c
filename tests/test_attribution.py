"""Where each count belongs (issue 18): invented bulletins with figures for several places."""
from __future__ import annotations

import pytest

from pipeline import process


def _places(record):
    return record.main_place.name, [(c.value, c.place.name if c.place else None) for c in record.counts]


DISTRICT_SUMMARY_EN = """Hongshan District holds lectures on the new rules

Up to now, the Hongshan District Party Committee has carried out 36 preaching activities, covering more than 2,000 residents.

Guanshan Subdistrict organized 12 volunteer service activities for the elderly.

Zhuodaoquan Subdistrict held 8 film screenings for 300 residents.
"""

DISTRICT_SUMMARY_ZH = """洪山区开展宣讲活动

截至目前，洪山区委累计开展宣讲活动36场，覆盖群众2000余人。
关山街道组织志愿服务活动12场。
卓刀泉街道举办观影活动8场，参与居民300人。
"""


@pytest.mark.parametrize("text", [DISTRICT_SUMMARY_EN, DISTRICT_SUMMARY_ZH], ids=["en", "zh"])
def test_a_district_summary_gives_each_street_its_figures(text):
    main, counts = _places(process(text))
    assert main == "Hongshan District"
    assert counts == [(36, "Hongshan District"), (2000, "Hongshan District"), (12, "Guanshan Subdistrict"),
                      (8, "Zhuodaoquan Subdistrict"), (300, "Zhuodaoquan Subdistrict")]


PARAGRAPH_PER_STREET_EN = """Wuchang District volunteers serve residents

Since March, the Wuchang District Party Committee has organized volunteer service in 25 communities.

Zhongnan Road Subdistrict
The subdistrict set up 6 volunteer teams and visited 120 elderly residents.

Shuiguohu Subdistrict
The subdistrict held 9 knowledge contests with 450 participants.
"""

PARAGRAPH_PER_STREET_ZH = """武昌区志愿服务进社区

今年以来，武昌区委组织25个社区开展志愿服务。
中南路街道
该街道组建志愿服务队6支，走访老人120人。
水果湖街道
该街道举办知识竞赛9场，参与群众450人。
"""


@pytest.mark.parametrize("text", [PARAGRAPH_PER_STREET_EN, PARAGRAPH_PER_STREET_ZH], ids=["en", "zh"])
def test_a_heading_per_street_gives_the_lines_under_it_to_that_street(text):
    main, counts = _places(process(text))
    assert main == "Wuchang District"
    # "25 communities" of the district: a figure for the district and what is under it
    assert counts == [(25, "Wuchang District"), (6, "Zhongnanlu Subdistrict"), (120, "Zhongnanlu Subdistrict"),
                      (9, "Shuiguohu Subdistrict"), (450, "Shuiguohu Subdistrict")]


def test_a_count_that_names_no_place_belongs_to_the_main_place():
    record = process("Qingshan District news\n\nThe Qingshan District Party Committee held 14 lectures "
                     "this month. In all, 600 people took part.")
    assert record.main_place.name == "Qingshan District"
    assert {c.place.name for c in record.counts} == {"Qingshan District"}


def test_references_name_listed_places_and_are_null_without_places():
    record = process("开展宣讲活动36场，覆盖群众2000余人。")
    assert record.places == [] and record.main_place is None
    assert [c.place for c in record.counts] == [None, None]
    record = process(DISTRICT_SUMMARY_ZH)
    listed = {(p.name, p.adcode) for p in record.places}
    assert all((c.place.name, c.place.adcode) in listed for c in record.counts)
    assert (record.main_place.name, record.main_place.adcode) in listed


def test_a_reference_to_an_unlisted_place_fails_validation():
    from pydantic import ValidationError

    from pipeline.models import Record

    record = process(DISTRICT_SUMMARY_ZH).model_dump(mode="json")
    record["counts"][0]["place"] = {"name": "Nowhere County", "adcode": None}
    with pytest.raises(ValidationError, match="not one of the record's places"):
        Record.model_validate(record)


def test_parents_come_from_the_gazetteer_and_the_county_a_street_belongs_to():
    record = process("湖北省武汉市洪山区关山街道组织宣讲活动3场。中南路街道举办活动2场。")
    parents = {p.name: p.parents for p in record.places}
    assert parents["Hongshan District"] == ["420100", "420000"]
    assert parents["Wuhan"] == ["420000"] and parents["Hubei"] == []
    # 关山街道 exists in two counties; the bulletin names one of them
    assert parents["Guanshan Subdistrict"] == ["420111", "420100", "420000"]
    # 中南路街道: one county in the gazetteer (Wuchang District)
    assert parents["Zhongnanlu Subdistrict"] == ["420106", "420100", "420000"]


def test_built_records_are_already_in_their_dumped_form():
    from pipeline.validate import _is_dumped_form, build_record
    from pipeline.clean import clean_document
    from pipeline.config import load_config
    from pipeline.document import Document
    from pipeline.extract import extract_document

    config = load_config()
    doc = Document(doc_id="t", raw=DISTRICT_SUMMARY_ZH)
    doc.language = "zh"
    clean_document(doc, config.clean.fixes)
    extract_document(doc)
    assert _is_dumped_form(build_record(doc))
