"""bulletins: counts, places and activity types from Chinese local-government bulletins.

Notebook API::

    from pipeline import process
    record = process("开展宣讲活动936场")          # -> pipeline.models.Record
    record.counts[0].value                          # 936
    records = load_records("out/records.jsonl")     # -> list[Record]
    tables = load_tables("out/records.jsonl")       # -> {"counts": pyarrow.Table, ...}
    tables["counts"].to_pandas()                    # (pandas installed separately)

Heavy modules (spaCy, jieba, pydantic models) are imported lazily so that
`bulletins --help` stays fast.
"""
from __future__ import annotations

__version__ = "0.2.0"
SCHEMA_VERSION = "1.2"

__all__ = ["process", "load_records", "load_tables", "__version__", "SCHEMA_VERSION"]


def process(text: str | bytes, doc_id: str = "text", config=None):
    """Run the whole pipeline on one string (or a file's bytes, decoded as `bulletins run`
    decodes files) and return a validated `Record`.

    Raises `pipeline.errors.PipelineError` when the text cannot be processed (empty, not
    text, ...), and `TypeError` when `text` is neither str nor bytes (None, a path, ...).
    """
    from .core import process_text

    return process_text(text, doc_id=doc_id, config=config)


def load_records(path) -> list:
    """Read a records JSONL (written by `bulletins run -o`) as validated `Record` objects."""
    from .emit import read_jsonl
    from .models import Record

    return [Record.model_validate(r) for r in read_jsonl(path)]


def load_tables(path) -> dict:
    """The tidy tables of `bulletins export` as pyarrow Tables, straight from a records JSONL
    (error rows from `OUT.errors.jsonl` beside it when present). Needs pyarrow."""
    from .export import arrow_tables, build_rows, read_records_and_errors
    from .stories.tables import canonical_copies, canonical_test

    records, errors = read_records_and_errors(path)
    return arrow_tables(build_rows(records, errors, canonical_test(canonical_copies(records))))
