"""Validate: turn a finished Document into a contract-checked record dict."""
from __future__ import annotations

from functools import lru_cache
from math import isfinite

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
        # raw_span before evidence: the contract's field order (validate_record's fast path)
        counts.append({**c, "span": [s, e], "raw_span": doc.to_raw((s, e)), "evidence": text[s:e]})
    places = [_with_parents({**p, "raw_mentions": [doc.to_raw(m) for m in p.get("mentions", [])]})
              for p in doc.places]
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


def _with_parents(place: dict) -> dict:
    """The place with its default `parents: []` written out where the contract puts it (after
    adcode), as validation fills it in: the record is then already in its dumped form."""
    if "parents" in place or tuple(place)[3:4] != ("adcode",):
        return place
    out = {}
    for key, value in place.items():
        out[key] = value
        if key == "adcode":
            out["parents"] = []
    return out


def validate_record(record: dict) -> dict:
    """Check a record against the pydantic models; return it as plain JSON-ready data."""
    from .models import Record

    try:
        validated = Record.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        raise PipelineError(f"record failed validation at {where}: {first['msg']} "
                            f"({exc.error_count()} problem(s)); this is a bug, please report it "
                            f"with the input file", stage="validate") from None
    if _is_dumped_form(record):
        # valid, and already exactly what model_dump(mode="json") returns (same keys in the same
        # order, same types and values): skip the dump
        return record
    return validated.model_dump(mode="json")


@lru_cache(maxsize=1)
def _field_orders() -> tuple[tuple[str, ...], ...]:
    from .models import Activity, Count, Place, Record, Source

    return tuple(tuple(m.model_fields) for m in (Record, Source, Count, Place, Activity))


def _opt_str(v) -> bool:
    return v is None or type(v) is str


def _number(v) -> bool:
    """An int (not bool), or a finite float with a fractional part: the dump keeps it as is."""
    t = type(v)
    return t is int or (t is float and isfinite(v) and not v.is_integer())


def _span(v) -> bool:
    return type(v) is list and len(v) == 2 and type(v[0]) is int and type(v[1]) is int


def _spans(v) -> bool:
    return type(v) is list and all(_span(x) for x in v)


def _strings(v) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _is_dumped_form(record: dict) -> bool:
    """Whether a record that passed validation is already in model_dump(mode="json") form.
    Conservative: anything unusual answers False (and the record is dumped as before)."""
    record_keys, source_keys, count_keys, place_keys, activity_keys = _field_orders()
    if len(count_keys) != 12 or type(record) is not dict or tuple(record) != record_keys:
        return False
    source = record["source"]
    if type(source) is not dict or tuple(source) != source_keys or not all(_opt_str(v) for v in source.values()):
        return False
    for key in ("schema_version", "doc_id", "language", "text"):
        if type(record[key]) is not str:
            return False
    if not all(_opt_str(record[k]) for k in ("title", "date", "byline", "issuer")):
        return False
    if not _strings(record["warnings"]):
        return False
    counts, places, activities = record["counts"], record["places"], record["activities"]
    if type(counts) is not list or type(places) is not list or type(activities) is not list:
        return False
    str_, none_str, int_, list_ = str, (str, type(None)), int, list
    for c in counts:
        if type(c) is not dict or tuple(c) != count_keys:
            return False
        value, low, high, qualifier, unit, unit_normalized, category, unit_key, activity, span, raw_span, \
            evidence = c.values()
        if not (type(value) is int_ or _number(value)):
            return False
        if not (low is None or _number(low)) or not (high is None or _number(high)):
            return False
        if type(qualifier) is not str_ or type(unit) is not str_ or type(category) is not str_ \
                or type(unit_key) is not str_ \
                or type(evidence) is not str_ or type(unit_normalized) not in none_str \
                or type(activity) not in none_str:
            return False
        if not (type(span) is list_ and len(span) == 2 and type(span[0]) is int_ and type(span[1]) is int_):
            return False
        if raw_span is not None and not (type(raw_span) is list_ and len(raw_span) == 2
                                         and type(raw_span[0]) is int_ and type(raw_span[1]) is int_):
            return False
    for p in places:
        if type(p) is not dict or tuple(p) != place_keys:
            return False
        if not (type(p["name"]) is str and _opt_str(p["name_zh"]) and type(p["level"]) is str
                and _opt_str(p["adcode"]) and _strings(p["parents"]) and _spans(p["mentions"])
                and _spans(p["raw_mentions"])):
            return False
    for a in activities:
        if type(a) is not dict or tuple(a) != activity_keys:
            return False
        if not (type(a["type"]) is str and _spans(a["mentions"]) and _spans(a["raw_mentions"])):
            return False
    return True
