"""Tidy tables from records: documents, counts, places, activities, mentions, errors.

Every table is keyed by `doc_id`. Places and activities are one row per entity in a record
(a record lists each place and each activity type once) with a `mention_count`; the
`mentions` table has one row per mention span of either, for position-level analysis.

The column types are declared once here (`TABLES`); parquet files carry them as explicit
pyarrow schemas, CSV files are written with the csv module (no pyarrow needed) with list
columns joined by `|`, nulls as empty fields and whole numbers without a decimal point.

Records hold scraped page text, and a spreadsheet runs a CSV cell that begins with `=`, `+`,
`-`, `@`, a tab or a carriage return as a formula. CSV text cells that begin so get a leading
apostrophe, as OWASP recommends for CSV injection; parquet keeps the text as it is.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from .extract.unit_keys import key_of
from .report_text import Sentences

# Column types: string, int64, float64, bool, list<string>.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_id", "string"), ("schema_version", "string"), ("language", "string"),
        ("title", "string"), ("date", "string"), ("byline", "string"), ("issuer", "string"),
        ("source_path", "string"), ("source_sha256", "string"), ("source_encoding", "string"),
        ("text_length", "int64"), ("n_counts", "int64"), ("n_places", "int64"),
        ("n_activities", "int64"), ("warnings", "list<string>"), ("text", "string"),
        ("story_id", "string"), ("story_canonical", "bool"),
    ),
    "counts": (
        ("doc_id", "string"), ("count_index", "int64"), ("value", "float64"),
        ("low", "float64"), ("high", "float64"), ("qualifier", "string"), ("unit", "string"),
        ("unit_normalized", "string"), ("category", "string"), ("unit_key", "string"),
        ("activity", "string"), ("span_start", "int64"), ("span_end", "int64"), ("raw_span_start", "int64"),
        ("raw_span_end", "int64"), ("evidence", "string"), ("sentence", "string"),
        ("repeat_of", "int64"), ("story_id", "string"), ("story_canonical", "bool"),
    ),
    "places": (
        ("doc_id", "string"), ("name", "string"), ("name_zh", "string"), ("level", "string"),
        ("adcode", "string"), ("parents", "list<string>"), ("mention_count", "int64"),
        ("first_start", "int64"), ("first_end", "int64"),
    ),
    "activities": (
        ("doc_id", "string"), ("type", "string"), ("mention_count", "int64"),
        ("first_start", "int64"), ("first_end", "int64"), ("n_counts", "int64"),
    ),
    "mentions": (
        ("doc_id", "string"), ("kind", "string"), ("key", "string"), ("start", "int64"),
        ("end", "int64"), ("raw_start", "int64"), ("raw_end", "int64"), ("surface", "string"),
    ),
    "errors": (
        ("doc_id", "string"), ("path", "string"), ("stage", "string"),
        ("error_type", "string"), ("message", "string"),
    ),
}

FORMATS = ("parquet", "csv")
LIST_SEPARATOR = "|"


class ExportError(Exception):
    """The records cannot be exported; the message says what to do."""


def _span(spans: list, i: int) -> tuple[int | None, int | None]:
    if i < len(spans) and spans[i] is not None:
        return spans[i][0], spans[i][1]
    return None, None


def record_rows(record: dict, canonical: bool = True) -> dict[str, list[dict]]:
    """One record as rows of each table (pure; the record is a dict as read from JSONL).
    `canonical`: whether it is its story's canonical copy (see pipeline/stories/tables.py)."""
    doc_id = record["doc_id"]
    story = {"story_id": record.get("story_id"), "story_canonical": canonical}
    text = record.get("text") or ""
    source = record.get("source") or {}
    counts = record.get("counts") or []
    places = record.get("places") or []
    activities = record.get("activities") or []
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append({
        "doc_id": doc_id, "schema_version": record.get("schema_version"),
        "language": record.get("language"), "title": record.get("title"),
        "date": record.get("date"), "byline": record.get("byline"), "issuer": record.get("issuer"),
        "source_path": source.get("path"), "source_sha256": source.get("sha256"),
        "source_encoding": source.get("encoding"), "text_length": len(text),
        "n_counts": len(counts), "n_places": len(places), "n_activities": len(activities),
        "warnings": list(record.get("warnings") or []), "text": text, **story,
    })
    sentences = Sentences(text) if counts else None
    for i, c in enumerate(counts):
        start, end = c["span"]
        s, e = sentences.bounds(start, end)
        raw_start, raw_end = c.get("raw_span") or (None, None)
        rows["counts"].append({
            "doc_id": doc_id, "count_index": i, "value": c.get("value"), "low": c.get("low"),
            "high": c.get("high"), "qualifier": c.get("qualifier"), "unit": c.get("unit"),
            "unit_normalized": c.get("unit_normalized"), "category": c.get("category"),
            "unit_key": key_of(c), "activity": c.get("activity"), "span_start": start, "span_end": end,
            "raw_span_start": raw_start, "raw_span_end": raw_end,
            "evidence": c.get("evidence", text[start:end]),
            "sentence": text[s:e], "repeat_of": c.get("repeat_of"), **story,
        })
    for p in places:
        mentions = p.get("mentions") or []
        first_start, first_end = _span(mentions, 0)
        rows["places"].append({
            "doc_id": doc_id, "name": p.get("name"), "name_zh": p.get("name_zh"),
            "level": p.get("level"), "adcode": p.get("adcode"),
            "parents": list(p.get("parents") or []), "mention_count": len(mentions),
            "first_start": first_start, "first_end": first_end,
        })
        rows["mentions"].extend(_mention_rows(doc_id, "place", p.get("name"), p, text))
    linked = {}
    for c in counts:
        if c.get("activity"):
            linked[c["activity"]] = linked.get(c["activity"], 0) + 1
    for a in activities:
        mentions = a.get("mentions") or []
        first_start, first_end = _span(mentions, 0)
        rows["activities"].append({
            "doc_id": doc_id, "type": a.get("type"), "mention_count": len(mentions),
            "first_start": first_start, "first_end": first_end,
            "n_counts": linked.get(a.get("type"), 0),
        })
        rows["mentions"].extend(_mention_rows(doc_id, "activity", a.get("type"), a, text))
    return rows


def _mention_rows(doc_id: str, kind: str, key: str | None, item: dict, text: str) -> Iterator[dict]:
    mentions = item.get("mentions") or []
    raw = item.get("raw_mentions") or []
    for i, (start, end) in enumerate(mentions):
        raw_start, raw_end = _span(raw, i)
        yield {"doc_id": doc_id, "kind": kind, "key": key, "start": start, "end": end,
               "raw_start": raw_start, "raw_end": raw_end, "surface": text[start:end]}


def error_rows(errors: Iterable[dict]) -> list[dict]:
    return [{name: e.get(name) for name, _ in TABLES["errors"]} for e in errors]


def build_rows(records: Iterable[dict], errors: Iterable[dict] = (),
               is_canonical=lambda record: True) -> dict[str, list[dict]]:
    """All tables as lists of row dicts, in input order."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for record in records:
        for name, rows in record_rows(record, is_canonical(record)).items():
            tables[name].extend(rows)
    tables["errors"] = error_rows(errors)
    return tables


def arrow_schema(table: str):
    """The explicit pyarrow schema of one table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[kind]) for name, kind in TABLES[table]])


def arrow_tables(tables: dict[str, list[dict]]) -> dict:
    """Row dicts -> pyarrow Tables with the declared schemas."""
    import pyarrow as pa

    return {name: pa.Table.from_pylist(rows, schema=arrow_schema(name))
            for name, rows in tables.items()}


# A cell beginning with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Text a spreadsheet will show as text, never run: a leading apostrophe before a
    formula's first character (the apostrophe is hidden by the spreadsheet)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value, kind: str):
    if value is None:
        return ""
    if kind == "list<string>":
        return neutralise_formula(LIST_SEPARATOR.join(value))
    if kind == "float64":
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)   # 14, not 14.0
    if kind == "string":
        return neutralise_formula(value)
    return value


class _CsvSink:
    """One CSV file per table, rows appended chunk by chunk."""

    def __init__(self, out_dir: Path):
        self.paths = {name: out_dir / f"{name}.csv" for name in TABLES}
        self.files = {name: open(path, "w", encoding="utf-8", newline="")
                      for name, path in self.paths.items()}
        # CRLF line ends (RFC 4180): the csv module then quotes a field holding a lone \r too
        self.writers = {name: csv.writer(f, lineterminator="\r\n") for name, f in self.files.items()}
        for name, writer in self.writers.items():
            writer.writerow([column for column, _ in TABLES[name]])

    def write(self, tables: dict[str, list[dict]]) -> None:
        for name, rows in tables.items():
            columns = TABLES[name]
            self.writers[name].writerows(
                [_csv_cell(row.get(column), kind) for column, kind in columns] for row in rows)

    def close(self) -> list[Path]:
        for f in self.files.values():
            f.close()
        return list(self.paths.values())


class _ParquetSink:
    """One parquet file per table with its explicit schema; each chunk is a row group."""

    def __init__(self, out_dir: Path):
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise ExportError("parquet needs pyarrow: pip install 'bulletins[export]' "
                              "(or use --format csv)") from None
        self.paths = {name: out_dir / f"{name}.parquet" for name in TABLES}
        self.writers = {name: pq.ParquetWriter(path, arrow_schema(name))
                        for name, path in self.paths.items()}

    def write(self, tables: dict[str, list[dict]]) -> None:
        for name, table in arrow_tables(tables).items():
            if table.num_rows:
                self.writers[name].write_table(table)

    def close(self) -> list[Path]:
        for writer in self.writers.values():
            writer.close()
        return list(self.paths.values())


def write_tables(tables: dict[str, list[dict]], out_dir: Path, fmt: str) -> list[Path]:
    """Write in-memory tables (from `build_rows`) in one go."""
    sink = _ParquetSink(out_dir) if fmt == "parquet" else _CsvSink(out_dir)
    try:
        sink.write(tables)
    finally:
        paths = sink.close()
    return paths


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _checked(records: Iterable[dict], path: Path) -> Iterator[dict]:
    n = 0
    try:
        for n, record in enumerate(records, 1):
            if not isinstance(record, dict) or "doc_id" not in record or "text" not in record:
                raise ExportError(f"{path} line {n} is not a bulletins record (no doc_id/text): "
                                  f"give the JSONL written by `bulletins run`")
            yield record
    except ValueError as exc:
        raise ExportError(f"{path}: {exc}; give a JSONL file of records") from None


def _records_file(records_path: str | Path) -> Path:
    path = Path(records_path)
    if not path.is_file():
        raise ExportError(f"no records file at {path}: give the JSONL written by "
                          f"`bulletins run ... -o OUT.jsonl`")
    return path


def read_errors(records_path: str | Path, errors_path: str | Path | None = None) -> list[dict]:
    """Error rows from `errors_path` or, by default, `OUT.errors.jsonl` beside the records."""
    from .emit import read_jsonl
    from .runner import default_errors_path

    errors_path = Path(errors_path) if errors_path else default_errors_path(str(records_path))
    if not errors_path or not errors_path.is_file():
        return []
    try:
        return list(read_jsonl(errors_path))
    except ValueError as exc:
        raise ExportError(f"{errors_path}: {exc}; give the error rows written by "
                          f"`bulletins run`") from None


def iter_records(records_path: str | Path) -> Iterator[dict]:
    """Records from a JSONL file, one at a time, checked to look like records."""
    from .emit import read_jsonl

    path = _records_file(records_path)
    return _checked(read_jsonl(path), path)


def read_records_and_errors(records_path: str | Path, errors_path: str | Path | None = None):
    """All records from a JSONL file, and the error rows beside it (see `read_errors`)."""
    records = list(iter_records(records_path))
    return records, read_errors(records_path, errors_path)


def export(records_path: str | Path, out_dir: str | Path, fmt: str = "parquet",
           errors_path: str | Path | None = None, chunk_size: int = 1000,
           stories_path: str | Path | None = None) -> list[Path]:
    """Write every table of the records at `records_path` into `out_dir`; return the paths.
    Streams: memory holds one chunk of records at a time, whatever the size of the batch (and
    one entry per story: a first pass finds each story's canonical copy).
    `stories_path`: story ids from `bulletins stories` for records made without --stories."""
    from .stories.tables import canonical_copies, canonical_test, read_story_ids, with_story_ids

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    story_ids = read_story_ids(stories_path) if stories_path else None
    is_canonical = canonical_test(canonical_copies(with_story_ids(iter_records(records_path), story_ids)))
    records = with_story_ids(iter_records(records_path), story_ids)
    errors = read_errors(records_path, errors_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sink = _ParquetSink(out_dir) if fmt == "parquet" else _CsvSink(out_dir)
    try:
        sink.write(build_rows([], errors))
        for chunk in _chunks(records, chunk_size):
            sink.write(build_rows(chunk, (), is_canonical))    # its errors table is empty
    finally:
        paths = sink.close()
    return paths
