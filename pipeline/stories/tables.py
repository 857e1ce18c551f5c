"""Stories in the tables and the report: each story's canonical copy (the one whose figures a
sum counts), chosen among the records at hand with the index's own order of preference:
not damaged in decoding, the Chinese original, the most counts, the longest text, the first."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator


def canonical_key(record: dict, position: int) -> tuple:
    warnings = record.get("warnings") or []
    return (any(w.startswith("damaged") for w in warnings), record.get("language") != "zh",
            -len(record.get("counts") or []), -len(record.get("text") or ""), position)


def _identity(record: dict) -> tuple:
    return (record.get("doc_id"), (record.get("source") or {}).get("sha256"))


def canonical_copies(records: Iterable[dict]) -> dict[str, tuple]:
    """story_id -> (key, identity) of its canonical copy; one small entry per story."""
    best: dict[str, tuple] = {}
    for position, record in enumerate(records):
        story = record.get("story_id")
        if story is None:
            continue
        key = canonical_key(record, position)
        if story not in best or key < best[story][0]:
            best[story] = (key, _identity(record))
    return best


def canonical_test(best: dict[str, tuple]) -> Callable[[dict], bool]:
    """Whether a record is its story's canonical copy (a record with no story stands alone)."""
    def is_canonical(record: dict) -> bool:
        story = record.get("story_id")
        return story is None or story not in best or best[story][1] == _identity(record)
    return is_canonical


def read_story_ids(stories_path: str | Path) -> dict[str, str]:
    """doc_id -> story_id from a STORIES.jsonl written by `bulletins stories`."""
    from ..emit import read_jsonl

    return {str(row["doc_id"]): row["story_id"] for row in read_jsonl(stories_path)}


def with_story_ids(records: Iterable[dict], story_ids: dict[str, str] | None) -> Iterator[dict]:
    for record in records:
        if story_ids is not None and record.get("doc_id") in story_ids:
            record = {**record, "story_id": story_ids[record["doc_id"]]}
        yield record
