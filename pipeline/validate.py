"""Validate: turn a finished Document into a contract-checked record dict."""
from __future__ import annotations

from pydantic import ValidationError

from . import SCHEMA_VERSION
from .document import Document
from .errors import PipelineError


def build_record(doc: Document) -> dict:
    """Assemble the record dict, adding evidence and raw offsets to every span."""
    text = doc.text
    counts = []
    for c in doc.counts:
        s, e = c["span"]
        counts.append({**c, "span": [s, e], "evidence": text[s:e], "raw_span": doc.to_raw((s, e))})
    places = [{**p, "raw_mentions": [doc.to_raw(m) for m in p.get("mentions", [])]} for p in doc.places]
    activities = [{**a, "raw_mentions": [doc.to_raw(m) for m in a.get("mentions", [])]}
                  for a in doc.activities]
    meta = doc.meta
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc.doc_id,
        "source": {"path": doc.path, "sha256": doc.sha256, "encoding": doc.encoding},
        "language": doc.language,
        "title": meta.get("title"),
        "date": meta.get("date"),
        "byline": meta.get("byline"),
        "issuer": meta.get("issuer"),
        "text": text,
        "counts": counts,
        "places": places,
        "activities": activities,
        "warnings": list(doc.warnings),
    }


def validate_record(record: dict) -> dict:
    """Check a record against the pydantic models; return it as plain JSON-ready data."""
    from .models import Record

    try:
        return Record.model_validate(record).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        raise PipelineError(f"record failed validation at {where}: {first['msg']} "
                            f"({exc.error_count()} problem(s)); this is a bug, please report it "
                            f"with the input file", stage="validate") from None
