"""`unit_key` in `bulletins export` and `bulletins report`: like with like, money and views apart."""
import orjson
import pytest

from pipeline.export import build_rows, export
from pipeline.report import render_report
from pipeline.report_data import summarise

from .test_export import make_record, sample_records

TEXT = ("The park held 5 reading sessions and 3 lectures for 100 residents with 20 volunteers, "
        "300 person-times in all. A donor gave 50,000 yuan. The videos had 90,000 views and "
        "the article 4,000 reads.\n")


def linked_record() -> dict:
    """Every count linked to one activity type; the views count is miscategorised as people."""
    counts = [("5 reading sessions", 5, "reading sessions", "activity"),
              ("3 lectures", 3, "lectures", "activity"),
              ("100 residents", 100, "residents", "people"),
              ("20 volunteers", 20, "volunteers", "people"),
              ("300 person-times", 300, "person-times", "people"),
              ("50,000 yuan", 50_000, "yuan", "money"),
              ("90,000 views", 90_000, "views", "people"),
              ("4,000 reads", 4_000, "reads", "item")]
    return make_record("park", TEXT, counts=[(ev, v, u, cat, "reading", "exact") for ev, v, u, cat in counts],
                       activities=[("reading", "reading")])


def test_records_carry_the_keys():
    assert [c["unit_key"] for c in linked_record()["counts"]] == [
        "session", "activity", "person", "volunteer", "person_time", "yuan", "view", "read"]


def test_report_never_adds_money_views_or_reads_to_activity_or_people_totals():
    data = summarise([linked_record()])
    (reading,) = data.activities
    assert (reading.events, reading.people, reading.person_times) == (5 + 3, 100 + 20, 300)
    assert data.unit_keys == [("activity", 1, 3), ("person", 1, 100), ("person_time", 1, 300),
                              ("read", 1, 4_000), ("session", 1, 5), ("view", 1, 90_000),
                              ("volunteer", 1, 20), ("yuan", 1, 50_000)]
    assert [c.unit_key for c in data.largest[:3]] == ["view", "yuan", "read"]


def test_report_sums_by_unit_key_and_leaves_the_fallback_unsummed():
    text = "They planted trees over 3 generations and 12 generations later 40 mu of land.\n"
    record = make_record("odd", text, counts=[("3 generations", 3, "generations", "other", None, "exact"),
                                              ("12 generations", 12, "generations", "other", None, "exact"),
                                              ("40 mu", 40, "mu", "other", None, "exact")])
    data = summarise([record])
    assert data.unit_keys == [("other", 2, None), ("mu", 1, 40)]
    html = render_report([record])
    assert "<h3>By counted thing</h3>" in html
    assert '<td>other</td><td class="n">2</td><td class="n">—</td>' in html
    assert '<td>mu</td><td class="n">1</td><td class="n">40</td>' in html


def test_report_activity_table_shows_the_three_totals():
    html = render_report([linked_record()])
    assert "<th>person-times (sum)</th>" in html
    assert ('<td>reading</td><td class="n">1</td><td class="n">8</td><td class="n">8</td>'
            '<td class="n">120</td><td class="n">300</td>') in html


def test_export_carries_the_key_and_groups_like_with_like(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (extra 'dev')")
    records = [*sample_records(), linked_record()]
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    export(path, tmp_path / "csv", "csv")
    rows = duckdb.connect().execute(
        f"select unit_key, count(*), sum(value) from read_csv('{tmp_path}/csv/counts.csv', header=true) "
        f"group by unit_key order by unit_key").fetchall()
    assert rows == [("activity", 3, 3 + 240 + 36), ("party_member", 1, 3500), ("person", 1, 100),
                    ("person_time", 1, 300), ("read", 1, 4000), ("session", 2, 128 + 5),
                    ("team", 1, 12), ("view", 1, 90000), ("volunteer", 2, 1200 + 20),
                    ("yuan", 2, 1_500_000 + 50_000)]


def test_export_and_report_compute_the_key_of_records_from_before_it_existed():
    old = linked_record()
    for c in old["counts"]:
        del c["unit_key"]
    assert [r["unit_key"] for r in build_rows([old])["counts"]] == [
        c["unit_key"] for c in linked_record()["counts"]]
    assert summarise([old]).activities[0].people == 120
