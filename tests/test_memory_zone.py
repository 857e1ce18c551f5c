"""spaCy's vocabulary keeps every new word it meets; documents are processed in memory
zones that free those words, with no effect on any record."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from pipeline import core, nlp
from pipeline.config import load_config
from pipeline.ingest import Source

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "texts"


def _records(datas, config):
    return [core.process_source(Source(name=f"d{i}", path=None, data=d), config) for i, d in enumerate(datas)]


@pytest.fixture
def zones_at_once(monkeypatch):
    config = load_config()
    core.warm_up(config)
    monkeypatch.setattr(nlp, "WARM_DOCUMENTS", 0)
    return config


def test_new_words_of_a_document_are_freed_after_it(zones_at_once):
    strings = nlp.english().vocab.strings
    before = len(strings)
    texts = [f"Zorblax{i} village held {i + 3} quibbletons, covering Flurmington{i} residents.\n"
             for i in range(50)]
    records = _records([t.encode() for t in texts], zones_at_once)
    assert all(record is not None for record, _ in records)
    assert len(strings) == before
    assert "Zorblax7" not in strings


def test_records_are_the_same_with_and_without_zones(zones_at_once, monkeypatch):
    datas = [p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))] * 2     # words met again
    with_zones = _records(datas, zones_at_once)
    monkeypatch.setattr(core, "memory_zone", contextlib.nullcontext)
    assert _records(datas, zones_at_once) == with_zones


def test_the_first_documents_fill_the_tokenizer_cache_outside_any_zone(monkeypatch):
    monkeypatch.setattr(nlp, "_documents_seen", 0)
    nlp.english()
    assert isinstance(nlp.memory_zone(), contextlib.nullcontext)
    monkeypatch.setattr(nlp, "_documents_seen", nlp.WARM_DOCUMENTS)
    assert not isinstance(nlp.memory_zone(), contextlib.nullcontext)
