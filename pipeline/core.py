"""The stage functions in order, and one-document entry points used by every engine.

Engines (the local runner, worker processes, Ray) call `process_source`, which never
raises for bad input: it returns a record or an error row, both plain dicts.
"""
from __future__ import annotations

import hashlib

from .clean import clean_document
from .config import Config, load_config
from .document import Document
from .errors import PipelineError
from .extract import extract_document
from .ingest import Source, to_document
from .validate import build_record, validate_record

STAGES = ("ingest", "clean", "extract", "validate")


def run_stages(doc: Document, config: Config) -> dict:
    clean_document(doc, config.clean.fixes)
    extract_document(doc, **config.extract.model_dump())
    return validate_record(build_record(doc))


def error_row(source: Source, exc: BaseException, stage: str) -> dict:
    if isinstance(exc, PipelineError):
        stage = exc.stage if exc.stage != "pipeline" else stage
        error_type, message = type(exc).__name__, str(exc)
    else:
        error_type = type(exc).__name__
        message = f"unexpected error in the {stage} stage ({exc}); this is a bug, please report it with the input file"
    return {"doc_id": source.name, "path": source.path, "stage": stage,
            "error_type": error_type, "message": message}


def process_source(source: Source, config: Config) -> tuple[dict | None, dict | None]:
    """Ingest, clean, extract, validate one source: (record, None) or (None, error row)."""
    stage = "ingest"
    try:
        doc = to_document(source, config.ingest.max_bytes)
        stage = "clean"
        clean_document(doc, config.clean.fixes)
        stage = "extract"
        extract_document(doc, **config.extract.model_dump())
        stage = "validate"
        return validate_record(build_record(doc)), None
    except RecursionError as exc:   # pathological input; keep the batch alive
        return None, error_row(source, exc, stage)
    except Exception as exc:  # noqa: BLE001 - one bad file must never cost the batch
        return None, error_row(source, exc, stage)


def process_text(text: str, doc_id: str = "text", config: Config | None = None):
    """Notebook API: one string in, a validated `Record` out. Raises PipelineError."""
    from .models import Record

    config = config or load_config()
    data = text.encode("utf-8")
    record, error = process_source(Source(name=doc_id, path=None, data=data), config)
    if error:
        raise PipelineError(error["message"], stage=error["stage"])
    return Record.model_validate(record)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
