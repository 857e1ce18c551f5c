"""The persistent story index: an SQLite file beside the run's manifest (OUT.stories.sqlite).

It holds, for every record seen: its content hash, story, signature, facts and what ranks it as
a canonical copy; and one inverted index (`postings`, with each key's record count in `keys`)
of its LSH band keys (datasketch's bands x rows) and of its fact keys (a figure on a day or in
a month, a day in a city). Lookups go through
on-disk indexes and are bounded: a key held by more than `max_postings` records is too common
to say anything and is not read, so memory stays flat and no lookup compares all pairs.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import orjson

from .config import StoriesConfig
from .facts import Facts
from .text import HASH, SCHEME, band_keys

INDEX_FORMAT = "3"
CACHE_KIB = 32 * 1024   # SQLite page cache: bounded, and most lookups then stay in memory
COMMIT_EVERY = 500
MAX_DATES = 6           # date mentions of a record used as keys (the first: dateline, event)
MAX_FIGURES = 24        # informative figures of a record used as keys

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL,
    story TEXT NOT NULL, damaged INTEGER NOT NULL, zh INTEGER NOT NULL, n_counts INTEGER NOT NULL,
    text_length INTEGER NOT NULL, facts BLOB NOT NULL, sig BLOB);
CREATE INDEX IF NOT EXISTS docs_by_story ON docs (story, id);
CREATE TABLE IF NOT EXISTS keys (key INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings (key INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)) WITHOUT ROWID;
"""


class StoryIndexError(Exception):
    """The index cannot be used; the message says what to do."""


def index_path(output: Path) -> Path:
    """OUT.jsonl -> OUT.stories.sqlite (beside OUT.manifest.sqlite)."""
    return output.with_name(output.name.removesuffix(".jsonl") + ".stories.sqlite")


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


@dataclass(slots=True)
class Indexed:
    id: int
    doc_id: str
    story: str
    facts: Facts
    sig: np.ndarray | None


def _cities(facts: Facts, config: StoriesConfig) -> list[str]:
    return sorted(facts.cities)[:config.index.max_cities] or [f"p{p}" for p in sorted(facts.provinces)[:2]]


def _days(facts: Facts, near: int):
    """(month, day) of each day mention, and its neighbours within `near` days."""
    for d in facts.dates[:MAX_DATES]:
        if d.day is None:
            continue
        base = d.as_date(2004)      # a leap year: Feb 29 exists
        if base is None:
            continue
        for shift in range(-near, near + 1):
            day = base + timedelta(days=shift)
            yield day.month, day.day


def fact_keys(facts: Facts, config: StoriesConfig, query: bool) -> set[str]:
    """The inverted-index keys of a record, built so that a pair the rules could join shares
    one: a facts join needs a shared figure and a shared date (figure x day, figure x month),
    or, when one record has no date, rare shared figures;
    a date_place join needs a shared day and city, and one side without figures (day x city,
    kept apart for records without figures). At query time a day also looks up its neighbours
    within `near_days` (reposts appear days apart)."""
    near = config.dates.near_days if query else 0
    figures = [f"{f.value:g}" for f in facts.figures.values() if f.info >= config.figures.lookup_min_info]
    days = sorted(set(_days(facts, near)))
    months = sorted({(d.year, d.month) for d in facts.dates[:MAX_DATES] if d.year is not None})
    keys = set()
    for v in figures[:MAX_FIGURES]:
        keys.update(f"fd:{v}:{m}-{d}" for m, d in days)
        keys.update(f"fm:{v}:{y}-{m}" for y, m in months)
    # a record without dates is tied by figures alone: its rarest figures (3+ digits) are keys,
    # looked up by records with dates under "fign" (kept apart), by others under "fig"
    rare = [f"{f.value:g}" for f in facts.figures.values() if f.info >= 1.0][:MAX_FIGURES]
    if query:
        keys.update(f"{'fig' if not facts.dates else 'fign'}:{v}" for v in rare)
    else:
        keys.update(f"fig:{v}" for v in rare)
        if not facts.dates:
            keys.update(f"fign:{v}" for v in rare)
    cities = _cities(facts, config)
    no_figures = not facts.informative_figures
    if query:
        # a record without figures may join any record of its day and city; one with figures
        # only a record without them (with figures, the figures decide)
        prefix = "dc" if no_figures else "dcn"
        keys.update(f"{prefix}:{m}-{d}:{c}" for m, d in days for c in cities)
    else:
        keys.update(f"dc:{m}-{d}:{c}" for m, d in days for c in cities)
        if no_figures:
            keys.update(f"dcn:{m}-{d}:{c}" for m, d in days for c in cities)
    return keys


class StoryIndex:
    """Open (or create) the index; `path=None` keeps it in memory (a run to standard output)."""

    def __init__(self, path: Path | None, config: StoriesConfig, force: bool = False):
        self.path, self.config = path, config
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if force:
                for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    p.unlink(missing_ok=True)
        try:
            self.db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None, timeout=0)
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            if path is not None:
                self.db.execute("PRAGMA locking_mode=EXCLUSIVE")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoryIndexError(f"cannot open the story index {path} ({exc}): another run may be "
                                  f"using it; wait for it, or start afresh with --force") from None
        self._check_layout()
        self._pending = 0

    def _layout(self) -> dict[str, str]:
        t = self.config.text
        return {"format": INDEX_FORMAT, "scheme": SCHEME, "hash": HASH, "num_perm": str(t.num_perm),
                "shingle_size": str(t.shingle_size), "lsh_threshold": str(t.lsh_threshold)}

    def _check_layout(self) -> None:
        stored = dict(self.db.execute("SELECT name, value FROM meta"))
        wanted = self._layout()
        if not stored:
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", wanted.items())
            return
        changed = [k for k, v in wanted.items() if stored.get(k) != v]
        if changed:
            raise StoryIndexError(f"the story index {self.path} was built with other settings "
                                  f"({', '.join(changed)}): rebuild it with --force")

    # -- reading -------------------------------------------------------------------------

    def by_sha256(self, sha256: str) -> Indexed | None:
        row = self.db.execute("SELECT id, doc_id, story, facts, sig FROM docs WHERE sha256 = ?",
                              (sha256,)).fetchone()
        return self._indexed(row) if row else None

    def _indexed(self, row) -> Indexed:
        doc, doc_id, story, facts, sig = row
        return Indexed(doc, doc_id, story, Facts.from_json(orjson.loads(facts)),
                       np.frombuffer(sig, dtype=np.uint32) if sig is not None else None)

    def fetch(self, ids: list[int]) -> list[Indexed]:
        out = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT id, doc_id, story, facts, sig FROM docs WHERE id IN ({marks})", chunk)
            out.extend(self._indexed(r) for r in rows)
        return sorted(out, key=lambda x: x.id)

    def members(self, story: str, limit: int) -> list[Indexed]:
        rows = self.db.execute("SELECT id, doc_id, story, facts, sig FROM docs WHERE story = ? "
                               "ORDER BY id LIMIT ?", (story, limit))
        return [self._indexed(r) for r in rows]

    def canonical(self, story: str) -> tuple[str, int]:
        """The story's canonical copy (doc_id) and how many copies it has."""
        row = self.db.execute(
            "SELECT doc_id FROM docs WHERE story = ? ORDER BY damaged, zh DESC, n_counts DESC, "
            "text_length DESC, id LIMIT 1", (story,)).fetchone()
        size = self.db.execute("SELECT COUNT(*) FROM docs WHERE story = ?", (story,)).fetchone()[0]
        return row[0], size

    def candidates(self, sig: np.ndarray | None, facts: Facts) -> list[int]:
        """Records that may be copies: LSH bucket mates first, then records sharing the most
        fact keys; never more than `max_candidates`, never a key held by too many records."""
        cap = self.config.index.max_postings
        bands = band_keys(sig, self.config.text) if sig is not None else []
        keys = bands + [_key(k) for k in fact_keys(facts, self.config, query=True)]
        usable = []
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            usable += [k for (k,) in self.db.execute(
                f"SELECT key FROM keys WHERE key IN ({marks}) AND df <= ?", (*chunk, cap))]
        band_set = set(bands)
        found: dict[int, int] = {}
        for chunk in _chunks(usable):
            marks = ",".join("?" * len(chunk))
            for key, doc in self.db.execute(f"SELECT key, doc FROM postings WHERE key IN ({marks})", chunk):
                found[doc] = found.get(doc, 0) + (1000 if key in band_set else 1)   # text first
        ranked = sorted(found, key=lambda d: (-found[d], d))
        return ranked[:self.config.index.max_candidates]

    # -- writing -------------------------------------------------------------------------

    def add(self, record: dict, story: str, facts: Facts, sig: np.ndarray | None) -> int:
        warnings = record.get("warnings") or []
        cur = self.db.execute(
            "INSERT INTO docs (sha256, doc_id, story, damaged, zh, n_counts, text_length, facts, sig) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record["source"]["sha256"], record["doc_id"], story,
             int(any(w.startswith("damaged") for w in warnings)), int(record.get("language") == "zh"),
             len(record.get("counts") or []), len(record.get("text") or ""),
             orjson.dumps(facts.to_json()), sig.tobytes() if sig is not None else None))
        doc = cur.lastrowid
        keys = set(band_keys(sig, self.config.text) if sig is not None else [])
        keys.update(_key(k) for k in fact_keys(facts, self.config, query=False))
        self.db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", ((k, doc) for k in keys))
        self.db.executemany("INSERT INTO keys VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET df = df + 1",
                            ((k,) for k in keys))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit()
        return doc

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.execute("BEGIN IMMEDIATE")
        self._pending = 0

    def close(self) -> None:
        if self.db is None:
            return
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()
        self.db = None

    def __enter__(self) -> "StoryIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
