"""`bulletins stories RECORDS.jsonl -o STORIES.jsonl`: group a batch of records into stories.

Two passes so memory stays flat however large the batch: assign every record (the index is
on disk), writing interim lines to a temporary file; then write the final lines with each
story's canonical copy, known only once the whole batch is in.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from .assign import Assignment, StoryGrouper
from .config import StoriesConfig, load_stories_config
from .disagree import PREFIX
from .index import StoryIndex


def group_records(records: Iterable[dict], index: StoryIndex,
                  config: StoriesConfig | None = None) -> Iterator[Assignment]:
    grouper = StoryGrouper(index, config or load_stories_config())
    for record in records:
        yield grouper.assign(record)
    index.commit()


def _reverse_warning(a: Assignment, warning: str) -> tuple[str, str]:
    """The same disagreement seen from the other copy: (its doc_id, its warning)."""
    body = warning[len(PREFIX):]
    here, _, rest = body.partition(" here, ")
    there, _, tail = rest.rpartition(" in ")
    other, _, story = tail.partition(" (story ")
    return other, f"{PREFIX}{there} here, {here} in {a.doc_id} (story {story}"


def stories_line(a: Assignment, canonical: str, copies: int, extra_warnings: list[str]) -> dict:
    return {"doc_id": a.doc_id, "story_id": a.story_id, "canonical": canonical,
            "is_canonical": canonical == a.doc_id, "copies": copies,
            "similarity": round(a.similarity, 3), "evidence": a.evidence,
            "warnings": list(dict.fromkeys(a.warnings + extra_warnings))}


def write_stories(records: Iterable[dict], out_path: Path, index: StoryIndex,
                  config: StoriesConfig | None = None) -> dict:
    """Group `records` and write one line per record to `out_path`; return how many records,
    how many started a story and how many joined one (of this batch or an earlier one)."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    reverse: dict[str, list[str]] = {}
    n = joined = 0
    fd, tmp_name = tempfile.mkstemp(prefix=out_path.name, dir=out_path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            for a in group_records(records, index, config):
                n += 1
                joined += not a.new_story
                for w in a.warnings:
                    other, back = _reverse_warning(a, w)
                    reverse.setdefault(other, []).append(back)
                tmp.write(orjson.dumps(a.__dict__) + b"\n")

        @lru_cache(maxsize=10_000)
        def canonical(story: str) -> tuple[str, int]:
            return index.canonical(story)

        with open(tmp_name, "rb") as src, open(out_path, "wb") as dst:
            for line in src:
                a = Assignment(**orjson.loads(line))
                doc, copies = canonical(a.story_id)
                dst.write(orjson.dumps(stories_line(a, doc, copies, reverse.get(a.doc_id, []))) + b"\n")
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    return {"records": n, "new_stories": n - joined, "joined": joined}
