"""Engines schedule `core.process_source` over jobs and yield results in input order.

Every engine has the same shape: `map_jobs(jobs, config, ...) -> Iterator[(job, record, error)]`
where `jobs` is an iterator of `Job` and record/error are plain dicts (one of them None).
The runner does everything else (manifest, writing, summary), so engines stay small.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..ingest import Source


@dataclass
class Job:
    source: Source
    key: str | None = None          # manifest key; None when the input could not be read
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None


ENGINES = ("local", "ray")
