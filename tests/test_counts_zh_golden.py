"""Chinese counts against gold: the project's own sample bulletins (corpus/, always present)
and the shared dev set (skipped with a reason when absent)."""
import unicodedata
from pathlib import Path

import pytest

from pipeline.core import process_source
from pipeline.config import load_config
from pipeline.evaluate import load_gold, score_documents
from pipeline.ingest import Source

from .conftest import CORPUS


def records_for(texts_dir: Path, prefix: str = "zh_") -> dict[str, dict]:
    config = load_config()
    records = {}
    for path in sorted(texts_dir.glob(f"{prefix}*.txt")):
        record, error = process_source(Source(name=path.stem, path=str(path), data=path.read_bytes()), config)
        assert error is None, error
        records[path.stem] = record
    return records


def test_sample_corpus_chinese_counts():
    result = score_documents(load_gold(CORPUS / "gold", "zh_"), records_for(CORPUS / "texts"))
    assert result["counts"]["precision"] >= 0.95, result["errors"]
    assert result["counts"]["recall"] >= 0.95, result["errors"]
    assert result["count_qualifier_accuracy"] >= 0.95


def test_dev_chinese_counts(dev_dir):
    result = score_documents(load_gold(dev_dir / "gold", "zh_"), records_for(dev_dir / "texts"))
    assert result["counts"]["precision"] >= 0.93, result["errors"]
    assert result["counts"]["f1"] >= 0.90, result["errors"]


def test_every_chinese_count_has_exact_evidence_and_raw_span():
    for path in sorted((CORPUS / "texts").glob("zh_*.txt")):
        raw = path.read_text(encoding="utf-8")
        record, _ = process_source(Source(name=path.stem, path=str(path), data=raw.encode()), load_config())
        assert record["language"] == "zh"
        for count in record["counts"]:
            s, e = count["span"]
            assert record["text"][s:e] == count["evidence"]
            rs, re_ = count["raw_span"]
            raw_evidence = unicodedata.normalize("NFKC", raw[rs:re_])   # ２６００ -> 2600
            assert str(int(count["value"]))[:1] in raw_evidence or any(
                ch in raw_evidence for ch in "零〇一二两兩三四五六七八九十百千万萬数數上几幾")
