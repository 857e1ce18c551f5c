"""Validate: turn a finished Document into a contract-checked record dict."""
from __future__ import annotations

from functools import lru_cache
from math import isfinite

from pydantic import ValidationError

from . import SCHEMA_VERSION
from .document import Document
from .errors import PipelineError
from .stories.repeats import mark_repeats


def build_record(doc: Document) -> dict:
    """Assemble the record dict, adding evidence and raw offsets to every span."""
    text = doc.text
    counts = []
    fields = _field_orders()[2]
    for c in doc.counts:
        s, e = c["span"]
        # the contract's field order (validate_record's fast path); absent optional fields null
        count = {k: c.get(k) for k in fields}
        count.update(span=[s, e], raw_span=doc.to_raw((s, e)), evidence=text[s:e])
        extra = c.keys() - count.keys()
        if extra:
            count.update((k, c[k]) for k in extra)     # validation names what should not be there
        counts.append(count)
    mark_repeats(counts, text)      # post-extraction: a figure the bulletin restates
    place_fields, activity_fields = _field_orders()[3:5]
    places = [_in_order({**p, "raw_mentions": [doc.to_raw(m) for m in p.get("mentions", [])]}, place_fields)
              for p in doc.places]
    activities = [_in_order({**a, "raw_mentions": [doc.to_raw(m) for m in a.get("mentions", [])]},
                            activity_fields)
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
        "main_place": doc.main_place,
        "warnings": list(doc.warnings),
        "story_id": None,           # set by `bulletins run --stories`
    }


_LIST_FIELDS = frozenset({"parents", "mentions", "raw_mentions"})


def _in_order(item: dict, fields: tuple[str, ...]) -> dict:
    """The item with its keys in the contract's order and absent fields written out with their
    defaults (null, or [] for lists), as validation would dump it: the record is then already in
    its dumped form."""
    out = {k: item[k] if k in item else ([] if k in _LIST_FIELDS else None) for k in fields}
    if len(out) < len(out.keys() | item.keys()):
        out.update((k, v) for k, v in item.items() if k not in out)   # validation names the stray key
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


def _place_ref(v) -> bool:
    return v is None or (type(v) is dict and tuple(v) == ("name", "adcode") and type(v["name"]) is str
                         and _opt_str(v["adcode"]))


def _opt_float(v) -> bool:
    """A confidence: pydantic dumps a float field as a float (1 -> 1.0), so only floats pass."""
    return v is None or (type(v) is float and isfinite(v))


def _optional_number(v) -> bool:
    return v is None or _number(v)


def _optional_span(v) -> bool:
    return v is None or _span(v)


def _str(v) -> bool:
    return type(v) is str


def _int_or_number(v) -> bool:
    return type(v) is int or _number(v)


def _opt_int(v) -> bool:
    return v is None or type(v) is int


# How each field of a dumped item looks; a field not listed here sends the record through
# pydantic's dump (correct, only slower).
_COUNT_FIELDS = {
    "value": _int_or_number, "low": _optional_number, "high": _optional_number, "qualifier": _str,
    "unit": _str, "unit_normalized": _opt_str, "category": _str, "unit_key": _str, "activity": _opt_str,
    "place": _place_ref, "span": _span, "raw_span": _optional_span, "evidence": _str,
    "activity_confidence": _opt_float, "place_confidence": _opt_float,
    "confidence": _opt_float, "reason": _opt_str,
    "repeat_of": _opt_int,
}
_PLACE_FIELDS = {"name": _str, "name_zh": _opt_str, "level": _str, "adcode": _opt_str,
                 "parents": _strings, "mentions": _spans, "raw_mentions": _spans,
                 "confidence": _opt_float, "reason": _opt_str}
_ACTIVITY_FIELDS = {"type": _str, "mentions": _spans, "raw_mentions": _spans,
                    "confidence": _opt_float, "reason": _opt_str}
_RECORD_SCALARS = {"schema_version": _str, "doc_id": _str, "language": _str, "text": _str,
                   "title": _opt_str, "date": _opt_str, "byline": _opt_str, "issuer": _opt_str,
                   "main_place": _place_ref, "warnings": _strings, "story_id": _opt_str}


def _items_dumped(items, keys: tuple, checks: dict) -> bool:
    if type(items) is not list:
        return False
    if not all(k in checks for k in keys):
        return False
    pairs = [(k, checks[k]) for k in keys]
    for item in items:
        if type(item) is not dict or tuple(item) != keys:
            return False
        for k, check in pairs:
            if not check(item[k]):
                return False
    return True


def _is_dumped_form(record: dict) -> bool:
    """Whether a record that passed validation is already in model_dump(mode="json") form.
    Conservative: anything unusual answers False (and the record is dumped as before)."""
    record_keys, source_keys, count_keys, place_keys, activity_keys = _field_orders()
    if type(record) is not dict or tuple(record) != record_keys:
        return False
    source = record["source"]
    if type(source) is not dict or tuple(source) != source_keys or not all(_opt_str(v) for v in source.values()):
        return False
    for key in record_keys:
        check = _RECORD_SCALARS.get(key)
        if check is not None and not check(record[key]):
            return False
        if check is None and key not in ("source", "counts", "places", "activities"):
            return False
    return (_items_dumped(record["counts"], count_keys, _COUNT_FIELDS)
            and _items_dumped(record["places"], place_keys, _PLACE_FIELDS)
            and _items_dumped(record["activities"], activity_keys, _ACTIVITY_FIELDS))
