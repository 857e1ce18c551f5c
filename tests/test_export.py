"""`bulletins export`: tidy tables keyed by doc_id, checked by querying them with DuckDB."""
import csv
import re
import json
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.export import TABLES, build_rows, export, record_rows
from pipeline.models import Record

EN_TEXT = ("Qingshan District held a party history lecture tour.\n"
           "So far, 128 preaching sessions have been carried out in Qingshan District, "
           "reaching more than 3,500 party members. The 12 volunteer teams served 1.5 million yuan of aid.")
ZH_TEXT = "今年以来，江岸区共开展志愿服务活动240场，参与志愿者1200余人。江岸区还开展宣讲活动36场。"


def _spans(text: str, surface: str) -> list[list[int]]:
    found, start = [], text.find(surface)
    while start >= 0:
        found.append([start, start + len(surface)])
        start = text.find(surface, start + 1)
    assert found, surface
    return found


def make_record(doc_id, text, language="en", counts=(), places=(), activities=(), **extra) -> dict:
    """A validated record built from surfaces (spans are computed, so they cannot be wrong).
    counts: (evidence, value, unit, category, activity, qualifier)
    places: (name, name_zh, level, adcode, surface); activities: (type, surface)."""
    record = {
        "doc_id": doc_id, "language": language, "text": text,
        "source": {"path": f"/data/in/{doc_id}.txt", "sha256": "0" * 64, "encoding": "utf-8"},
        "counts": [{"value": v, "qualifier": q, "unit": u, "category": cat, "activity": act,
                    "span": _spans(text, ev)[0], "raw_span": _spans(text, ev)[0], "evidence": ev}
                   for ev, v, u, cat, act, q in counts],
        "places": [{"name": n, "name_zh": zh, "level": lvl, "adcode": code,
                    "mentions": _spans(text, surface), "raw_mentions": _spans(text, surface)}
                   for n, zh, lvl, code, surface in places],
        "activities": [{"type": t, "mentions": _spans(text, surface)} for t, surface in activities],
        **extra,
    }
    return Record.model_validate(record).model_dump(mode="json")


def sample_records() -> list[dict]:
    return [
        make_record("en_a", EN_TEXT, title="Lecture tour",
                    counts=[("128 preaching sessions", 128, "preaching sessions", "activity", "preaching", "exact"),
                            ("more than 3,500 party members", 3500, "party members", "people", None, "more_than"),
                            ("12 volunteer teams", 12, "volunteer teams", "organization", "volunteer_service", "exact"),
                            ("1.5 million yuan", 1_500_000, "yuan", "money", None, "exact")],
                    places=[("Qingshan District", "青山区", "district", "420107", "Qingshan District")],
                    activities=[("preaching", "lecture tour"), ("volunteer_service", "volunteer")]),
        make_record("zh_b", ZH_TEXT, language="zh",
                    counts=[("志愿服务活动240场", 240, "志愿服务活动", "activity", "volunteer_service", "exact"),
                            ("志愿者1200余人", 1200, "志愿者", "people", "volunteer_service", "more_than"),
                            ("宣讲活动36场", 36, "宣讲活动", "activity", "preaching", "exact")],
                    places=[("Jiang'an District", "江岸区", "district", "420102", "江岸区")],
                    activities=[("volunteer_service", "志愿服务"), ("preaching", "宣讲")]),
        make_record("en_empty", "The meeting stressed the importance of the work.\n",
                    warnings=["no counts found"]),
    ]


ERRORS = [{"doc_id": "broken", "path": "/data/in/broken.txt", "stage": "ingest",
           "error_type": "InputError", "message": "the file is empty: check the scraper"}]


@pytest.fixture()
def records_file(tmp_path) -> Path:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in sample_records()))
    (tmp_path / "out.errors.jsonl").write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in ERRORS))
    return path


def test_record_rows_one_row_per_entity_and_per_mention():
    rows = record_rows(sample_records()[1])
    assert [r["doc_id"] for r in rows["documents"]] == ["zh_b"]
    assert [r["value"] for r in rows["counts"]] == [240, 1200, 36]
    assert rows["counts"][1]["sentence"] == "今年以来，江岸区共开展志愿服务活动240场，参与志愿者1200余人。"
    assert rows["counts"][2]["sentence"] == "江岸区还开展宣讲活动36场。"
    place = rows["places"][0]
    assert (place["name_zh"], place["mention_count"], place["adcode"]) == ("江岸区", 2, "420102")
    assert [m["surface"] for m in rows["mentions"] if m["kind"] == "place"] == ["江岸区", "江岸区"]
    linked = {a["type"]: a["n_counts"] for a in rows["activities"]}
    assert linked == {"volunteer_service": 2, "preaching": 1}


def test_count_sentence_is_the_sentence_around_the_span():
    counts = record_rows(sample_records()[0])["counts"]
    assert counts[0]["sentence"] == ("So far, 128 preaching sessions have been carried out in "
                                     "Qingshan District, reaching more than 3,500 party members.")
    assert counts[3]["sentence"] == "The 12 volunteer teams served 1.5 million yuan of aid."


def test_every_row_has_exactly_the_declared_columns():
    tables = build_rows(sample_records(), ERRORS)
    for name, rows in tables.items():
        for row in rows:
            assert list(row) == [c for c, _ in TABLES[name]], name


def test_parquet_tables_have_the_explicit_schemas(records_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (extra 'export')")
    from pipeline.export import arrow_schema

    paths = export(records_file, tmp_path / "tables", "parquet")
    assert sorted(p.name for p in paths) == sorted(f"{n}.parquet" for n in TABLES)
    for name in TABLES:
        table = pq.read_table(tmp_path / "tables" / f"{name}.parquet")
        assert table.schema.equals(arrow_schema(name)), name
    errors = pq.read_table(tmp_path / "tables" / "errors.parquet").to_pylist()
    assert errors == ERRORS


def test_duckdb_totals_by_activity_equal_the_jsonl_sums(records_file, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (extra 'dev')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'export')")
    export(records_file, tmp_path / "t", "parquet")
    expected: dict = {}
    for r in sample_records():
        for c in r["counts"]:
            expected[c["activity"]] = expected.get(c["activity"], 0) + c["value"]
    con = duckdb.connect()
    rows = con.execute(f"select activity, sum(value) from '{tmp_path}/t/counts.parquet' "
                       f"group by activity").fetchall()
    assert dict(rows) == expected
    # The tables join on doc_id: counts of people per place, via documents.
    joined = con.execute(f"""
        select p.name_zh, sum(c.value) from '{tmp_path}/t/places.parquet' p
        join '{tmp_path}/t/counts.parquet' c using (doc_id)
        where c.category = 'people' group by 1 order by 1""").fetchall()
    assert joined == [("江岸区", 1200.0), ("青山区", 3500.0)]
    no_counts = con.execute(f"select doc_id from '{tmp_path}/t/documents.parquet' "
                            f"where n_counts = 0").fetchall()
    assert no_counts == [("en_empty",)]
    parents_type = con.execute(f"select typeof(parents) from '{tmp_path}/t/places.parquet' "
                               f"limit 1").fetchone()[0]
    assert parents_type == "VARCHAR[]"


def test_csv_tables_read_back_in_duckdb_with_the_same_totals(records_file, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (extra 'dev')")
    export(records_file, tmp_path / "c", "csv")
    con = duckdb.connect()
    total = con.execute(f"select sum(value) from read_csv('{tmp_path}/c/counts.csv', header=true) "
                        f"where activity = 'volunteer_service'").fetchone()[0]
    assert total == 12 + 240 + 1200
    with open(tmp_path / "c" / "documents.csv", encoding="utf-8", newline="") as f:
        docs = list(csv.DictReader(f))
    assert docs[0]["text"] == EN_TEXT          # newlines and commas survive quoting
    assert docs[2]["warnings"] == "no counts found"
    assert docs[1]["title"] == ""              # null -> empty field


def test_export_command_writes_tables_and_explains_bad_input(records_file, tmp_path):
    result = CliRunner().invoke(main, ["export", str(records_file), "--format", "csv",
                                       "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "counts.csv").is_file()
    missing = CliRunner().invoke(main, ["export", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1
    assert "no records file at" in missing.stderr and "bulletins run" in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "text": "t"}\nnot json\n')
    result = CliRunner().invoke(main, ["export", str(bad), "-o", str(tmp_path / "y")])
    assert result.exit_code == 1 and "line 2 is not JSON" in result.stderr


def test_export_help_has_an_example():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_dev_records_export_and_totals_agree(dev_records, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (extra 'dev')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'export')")
    export(dev_records, tmp_path / "dev", "parquet")
    records = [json.loads(line) for line in dev_records.read_text(encoding="utf-8").splitlines()]
    con = duckdb.connect()
    n_docs, n_counts = con.execute(
        f"select count(*), sum(n_counts) from '{tmp_path}/dev/documents.parquet'").fetchone()
    assert n_docs == len(records)
    assert n_counts == sum(len(r["counts"]) for r in records)
    total = con.execute(f"select coalesce(sum(value), 0) from '{tmp_path}/dev/counts.parquet'").fetchone()[0]
    assert total == pytest.approx(sum(c["value"] for r in records for c in r["counts"]))


def test_notebook_helpers_load_records_and_tables(records_file):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'export')")
    from pipeline import load_records, load_tables

    records = load_records(records_file)
    assert [r.doc_id for r in records] == ["en_a", "zh_b", "en_empty"]
    assert records[1].counts[0].evidence == "志愿服务活动240场"
    tables = load_tables(records_file)
    assert set(tables) == set(TABLES)
    assert tables["counts"].num_rows == 7 and tables["errors"].num_rows == 1
    assert tables["places"].column("adcode").to_pylist() == ["420107", "420102"]


def test_docs_describe_every_table_and_column():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "outputs.md").read_text(encoding="utf-8")
    for name, columns in TABLES.items():
        section = docs.split(f"### {name}\n", 1)
        assert len(section) == 2, f"docs/outputs.md has no '### {name}' section"
        table = section[1].split("\n\n", 1)[0]
        for column, _ in columns:
            assert re.search(rf"(^\| |, ){re.escape(column)}(,| \|)", table, re.M), (
                f"docs/outputs.md: column {name}.{column} is not described")


def test_export_into_a_file_path_is_a_clear_error(records_file, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("")
    result = CliRunner().invoke(main, ["export", str(records_file), "--format", "csv", "-o", str(blocker)])
    assert result.exit_code == 2 and "is a file" in result.stderr    # click's own usage check
    nested = blocker / "tables"                                       # a folder under a file
    result = CliRunner().invoke(main, ["export", str(records_file), "--format", "csv", "-o", str(nested)])
    assert result.exit_code == 1
    assert "cannot write the tables into" in result.stderr and "give -o a folder" in result.stderr


def test_csv_writes_whole_numbers_without_a_decimal_point(records_file, tmp_path):
    export(records_file, tmp_path / "c", "csv")
    with open(tmp_path / "c" / "counts.csv", encoding="utf-8", newline="") as f:
        values = [(row["value"], row["low"]) for row in csv.DictReader(f)]
    assert values[:4] == [("128", ""), ("3500", ""), ("12", ""), ("1500000", "")]
    from pipeline.export import _csv_cell

    assert [_csv_cell(v, "float64") for v in (14, 14.0, 2.5, 0.1, 1e20)] == [
        "14", "14", "2.5", "0.1", "100000000000000000000"]


HOSTILE = ['=HYPERLINK("http://example.invalid/x","click")', "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(A1:A9)", "\tindented", "\rreturn"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'export')")
    import pyarrow.parquet as pq

    records = [make_record(f"d{i}", "We held 7 lectures.", title=title,
                           counts=[("7 lectures", 7, "lectures", "activity", None, "exact")],
                           warnings=[title])
               for i, title in enumerate(HOSTILE)]
    records.append(make_record("=doc", "A plain page.", title="- a dash in the middle - is fine"))
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    export(path, tmp_path / "c", "csv")
    with open(tmp_path / "c" / "documents.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["title"] for r in rows] == ["'" + t for t in HOSTILE] + ["'- a dash in the middle - is fine"]
    assert [r["warnings"] for r in rows[:6]] == ["'" + t for t in HOSTILE]      # list cells too
    assert rows[-1]["doc_id"] == "'=doc" and rows[0]["text"] == "We held 7 lectures."
    with open(tmp_path / "c" / "counts.csv", encoding="utf-8", newline="") as f:
        assert [r["value"] for r in csv.DictReader(f)] == ["7"] * 6           # numbers untouched
    export(path, tmp_path / "p", "parquet")
    titles = pq.read_table(tmp_path / "p" / "documents.parquet").column("title").to_pylist()
    assert titles == HOSTILE + ["- a dash in the middle - is fine"]            # parquet as is
