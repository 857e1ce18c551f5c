"""The run manifest: what has been done, so re-runs do only new work and a killed run resumes.

Three files sit together: `OUT.jsonl` (records), `OUT.errors.jsonl` (error rows) and
`OUT.manifest.sqlite`. The output files are append-only. After a record or error row is
written and flushed, one manifest row is inserted: the commit marker. It names the input,
its key (content hash + pipeline version + config hash) and the byte length of both output
files after the write. On opening, anything past the last committed lengths (a record
written but not committed when the process was killed) is cut off, so a resumed run has no
duplicate and loses nothing: the uncommitted input is simply done again.

The manifest is SQLite so memory stays flat however many inputs an archive has: lookups go
through an index on disk, nothing is held per input. Rows are committed in small
transactions (WAL, no fsync per commit); a kill -9 loses at most the rows of the open
transaction, whose records are then cut off and redone. The database is opened with an
exclusive lock, so a second run writing to the same output stops with a clear message.

When an input is processed again (its content, the pipeline or the config changed), its
earlier row is superseded. A run names its inputs in order (`note_input`, kept in a temporary
table on disk); at the end of a complete run `close(compact=True)` rewrites the three files
when needed: without superseded lines, without the results of inputs the run did not name
(deleted, renamed or no longer given: `pruned` counts them), and in the run's input order (a
changed input's new line is appended, then put back in its place). New files are written
beside the old ones, a journal marks them complete, then they are renamed over the old ones.
A run killed during the renames finishes them on the next open (roll forward), so the trio is
never left mixed. An interrupted run compacts nothing: the next complete run does.
"""
from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Iterator

import orjson

from . import __version__

MANIFEST_FORMAT = 2
COMMIT_EVERY_ROWS = 64          # rows per transaction ...
COMMIT_EVERY_SECONDS = 0.5      # ... or sooner, so a killed slow run redoes little


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name.removesuffix(".jsonl") + ".manifest.sqlite")


def legacy_manifest_path(output: Path) -> Path:
    """Format 1 (before 0.2): one JSON line per commit. Converted on first open."""
    return output.with_name(output.name.removesuffix(".jsonl") + ".manifest.jsonl")


def input_key(sha256: str, config_digest: str) -> str:
    """What must match for a stored result to be reused."""
    return f"{sha256}:{__version__}:{config_digest}"


def folder_problem(path: Path, exc: OSError) -> str:
    """Why the folder of `path` cannot be made, and what to do."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return f"{blocker} is a file, not a folder; write somewhere else"
    return f"cannot make the folder {path.parent} ({exc.strerror or exc}); write to a folder you can create"


class ManifestError(Exception):
    """The output files and their manifest disagree; the message says what to do."""


@dataclass
class Entry:
    input: str            # Source.identity: absolute path, or the stdin name
    key: str | None       # None when the input could not be read (always retried)
    kind: str             # "record" or "error"
    out: int              # length of the records file after this commit
    err: int              # length of the errors file after this commit
    size: int | None = None       # file size and mtime when read: lets a re-run reuse the
    mtime_ns: int | None = None   # content hash without reading the file again
    sha256: str | None = None


COLUMNS = ", ".join(f.name for f in fields(Entry))
_PLACEHOLDERS = ", ".join("?" for _ in fields(Entry))
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY, input TEXT NOT NULL, key TEXT, kind TEXT NOT NULL,
    out INTEGER NOT NULL, err INTEGER NOT NULL, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE INDEX IF NOT EXISTS entries_by_input ON entries (input, seq);
INSERT OR IGNORE INTO meta VALUES ('format', '{MANIFEST_FORMAT}'), ('pipeline', '{__version__}'),
                                  ('superseded', '0');
"""


def _connect(path: Path, exclusive: bool = True) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=0)
    if exclusive:
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")   # WAL: durable against a killed process
    db.executescript(_SCHEMA)
    return db


def _bulk_insert(db: sqlite3.Connection, rows) -> None:
    db.execute("BEGIN")
    db.executemany(f"INSERT INTO entries ({COLUMNS}) VALUES ({_PLACEHOLDERS})", rows)
    db.execute("COMMIT")


def _legacy_rows(path: Path) -> Iterator[tuple]:
    """The committed rows of a format-1 manifest (a torn last line was never committed)."""
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError:
                break
            if "input" in data:             # else the header line
                yield astuple(Entry(**data))


class Manifest:
    """Open the output trio for appending, after recovering from any interrupted run."""

    def __init__(self, output: Path, errors: Path, force: bool = False):
        self.output, self.errors, self.path = output, errors, manifest_path(output)
        for path in (self.output, self.errors):
            if path.is_dir():
                raise ManifestError(f"{path} is a folder: name a file to write, such as "
                                    f"{path / 'records.jsonl'}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ManifestError(f"cannot write {path}: {folder_problem(path, exc)}") from None
        self._finish_compaction()
        if force:
            for path in (self.output, self.errors, self.path, legacy_manifest_path(output),
                         *self._sqlite_sidecars(self.path)):
                path.unlink(missing_ok=True)
        self._convert_legacy()
        try:
            self._db = _connect(self.path)
            self._db.execute("BEGIN IMMEDIATE")     # takes the exclusive lock, or fails now
        except sqlite3.OperationalError as exc:
            raise ManifestError(
                f"cannot open the manifest {self.path} ({exc}): another bulletins run may be "
                f"writing to {self.output}; wait for it to finish, or write to another -o") from None
        except sqlite3.DatabaseError as exc:
            raise ManifestError(f"the manifest {self.path} is damaged ({exc}): re-run with --force "
                                f"to start the output again") from None
        self._pending, self._last_commit = 0, time.monotonic()
        self.superseded = 0
        self.pruned_records = self.pruned_errors = 0   # set by a compaction that dropped them
        self._inputs_noted: int | None = None          # None: the caller names no inputs
        out_end, err_end = self._committed_ends()
        try:
            self._out = self._open_truncated(self.output, out_end)
            self._err = self._open_truncated(self.errors, err_end)
        except (OSError, ManifestError) as exc:
            if getattr(self, "_out", None) is not None:
                self._out.close()
            self._db.close()
            self._db = None
            if isinstance(exc, ManifestError):
                raise
            raise ManifestError(f"cannot write {exc.filename} ({exc.strerror or exc}): write to "
                                f"a file you can write to") from None

    @staticmethod
    def _sqlite_sidecars(path: Path) -> tuple[Path, Path]:
        return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")

    def _convert_legacy(self) -> None:
        """Move a format-1 JSON-lines manifest into SQLite, once (crash-safe: temp + rename)."""
        legacy = legacy_manifest_path(self.output)
        if not legacy.exists():
            return
        if not self.path.exists():
            tmp = self._tmp(self.path)
            tmp.unlink(missing_ok=True)
            db = _connect(tmp, exclusive=False)
            _bulk_insert(db, _legacy_rows(legacy))
            db.close()
            os.replace(tmp, self.path)
        legacy.unlink()

    def _committed_ends(self) -> tuple[int, int]:
        row = self._db.execute("SELECT out, err FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return row if row else (0, 0)

    def _open_truncated(self, path: Path, length: int):
        handle = open(path, "ab")
        size = handle.seek(0, os.SEEK_END)
        if size < length:
            handle.close()
            raise ManifestError(f"{path} is shorter than its manifest {self.path} records "
                                f"({size} < {length} bytes): it was edited or truncated; "
                                f"re-run with --force to start the output again")
        if size > length:               # written but never committed: drop it
            handle.truncate(length)
        return handle

    # -- lookups ---------------------------------------------------------------------------

    def lookup(self, identity: str) -> Entry | None:
        """The latest committed result for this input, if any."""
        row = self._db.execute(f"SELECT {COLUMNS} FROM entries WHERE input = ? "
                               f"ORDER BY seq DESC LIMIT 1", (identity,)).fetchone()
        return Entry(*row) if row else None

    def is_done(self, identity: str, key: str | None) -> bool:
        entry = self.lookup(identity)
        return key is not None and entry is not None and entry.key == key

    def entries(self) -> Iterator[Entry]:
        """Every row, oldest first (superseded ones too, until compaction)."""
        for row in self._db.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq"):
            yield Entry(*row)

    # -- the run's inputs ------------------------------------------------------------------

    def begin_run(self) -> None:
        """Start naming this run's inputs (`note_input`): a complete run then keeps exactly
        their results, in the order named."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS run_inputs "
                         "(input TEXT PRIMARY KEY, pos INTEGER NOT NULL)")
        self._db.execute("DELETE FROM run_inputs")
        self._inputs_noted = 0

    def note_input(self, identity: str) -> None:
        """This input is part of the run, at the next position (a repeat keeps its first)."""
        assert self._inputs_noted is not None, "call begin_run() first"
        self._db.execute("INSERT OR IGNORE INTO run_inputs VALUES (?, ?)",
                         (identity, self._inputs_noted))
        self._inputs_noted += 1

    def _latest(self, columns: str) -> str:
        """SELECT of the latest row of each input, with where each one's lines start."""
        return (f"WITH spans AS (SELECT {COLUMNS}, seq, LAG(out, 1, 0) OVER (ORDER BY seq) AS "
                f"out_start, LAG(err, 1, 0) OVER (ORDER BY seq) AS err_start FROM entries) "
                f"SELECT {columns} FROM spans AS e "
                f"{'LEFT JOIN run_inputs AS r ON r.input = e.input ' if self._tracking else ''}"
                f"WHERE e.seq = (SELECT MAX(seq) FROM entries AS later WHERE later.input = e.input)")

    @property
    def _tracking(self) -> bool:
        return self._inputs_noted is not None

    def _reshaping_needed(self) -> bool:
        """Whether the run's inputs differ from the files' results: some not named by the run,
        or out of the run's order."""
        if not self._tracking:
            return False
        rows = self._db.execute(self._latest("r.pos") + " ORDER BY e.seq")
        previous = -1
        for (pos,) in rows:
            if pos is None or pos < previous:
                return True
            previous = pos
        return False

    # -- writing ---------------------------------------------------------------------------

    def commit(self, identity: str, key: str | None, record_line: bytes | None,
               error_line: bytes | None, size: int | None = None, mtime_ns: int | None = None,
               sha256: str | None = None) -> None:
        """Append one result, then its commit marker."""
        if record_line is not None:
            self._out.write(record_line)
            self._out.flush()
        if error_line is not None:
            self._err.write(error_line)
            self._err.flush()
        entry = Entry(input=identity, key=key, kind="record" if record_line is not None else "error",
                      out=self._out.tell(), err=self._err.tell(), size=size, mtime_ns=mtime_ns,
                      sha256=sha256)
        if self.lookup(identity) is not None:
            self.superseded += 1
            self._db.execute("UPDATE meta SET value = '1' WHERE name = 'superseded'")
        self._db.execute(f"INSERT INTO entries ({COLUMNS}) VALUES ({_PLACEHOLDERS})", astuple(entry))
        self._pending += 1
        now = time.monotonic()
        if self._pending >= COMMIT_EVERY_ROWS or now - self._last_commit >= COMMIT_EVERY_SECONDS:
            self._db.execute("COMMIT")
            self._pending, self._last_commit = 0, now
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def rollback_uncommitted(self) -> None:
        """Cut both output files back to the last inserted row (after an interruption).

        Rows inserted but not yet committed describe whole, flushed lines: keep them."""
        out_end, err_end = self._committed_ends()
        for handle, length in ((self._out, out_end), (self._err, err_end)):
            if not handle.closed:
                handle.flush()
                handle.truncate(length)

    def close(self, compact: bool = False) -> None:
        """Commit and close; with `compact`, then drop superseded lines from all three files."""
        if self._db is None:
            return
        for handle in (self._out, self._err):
            if not handle.closed:
                handle.close()
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        needs_compaction = compact and (self._db.execute(
            "SELECT value FROM meta WHERE name = 'superseded'").fetchone()[0] == "1"
            or self._reshaping_needed())
        if needs_compaction:
            self._compact()
        self._db.close()
        self._db = None
        if needs_compaction:
            self._journal().write_bytes(b"complete\n")
            self._finish_compaction()
        self._remove_empty_errors()

    def _remove_empty_errors(self) -> None:
        if self.errors.exists() and self.errors.stat().st_size == 0:
            self.errors.unlink()        # no error rows: no errors file

    # -- compaction ------------------------------------------------------------------------

    def _journal(self) -> Path:
        return self.path.with_name(self.path.name + ".compacting")

    def _tmp(self, path: Path) -> Path:
        return path.with_name(path.name + ".compact-tmp")

    def _compact(self) -> None:
        """Write the trio to temp files: the latest line of each input (of the run's inputs,
        in the run's order, when it named them), streaming the rows from disk."""
        self.errors.touch()
        tmp_out, tmp_err, tmp_db = (self._tmp(p) for p in (self.output, self.errors, self.path))
        tmp_db.unlink(missing_ok=True)
        columns = ", ".join(f"e.{c}" for c in COLUMNS.split(", "))
        if self._tracking:
            rows = self._db.execute(self._latest(f"{columns}, e.out_start, e.err_start, r.pos")
                                    + " ORDER BY r.pos IS NULL, r.pos, e.seq")
        else:
            rows = self._db.execute(self._latest(f"{columns}, e.out_start, e.err_start, 0")
                                    + " ORDER BY e.seq")
        kept = _connect(tmp_db, exclusive=False)
        kept.execute("PRAGMA synchronous=FULL")
        with open(self.output, "rb") as src_out, open(self.errors, "rb") as src_err, \
                open(tmp_out, "wb") as dst_out, open(tmp_err, "wb") as dst_err:
            def survivors() -> Iterator[tuple]:
                for *values, out_start, err_start, pos in rows:
                    entry = Entry(*values)
                    if pos is None:             # an input this run did not name: drop it
                        if entry.kind == "record":
                            self.pruned_records += 1
                        else:
                            self.pruned_errors += 1
                        continue
                    src, dst, start, end = ((src_out, dst_out, out_start, entry.out)
                                            if entry.kind == "record"
                                            else (src_err, dst_err, err_start, entry.err))
                    src.seek(start)
                    dst.write(src.read(end - start))
                    entry.out, entry.err = dst_out.tell(), dst_err.tell()
                    yield astuple(entry)

            _bulk_insert(kept, survivors())
            for handle in (dst_out, dst_err):
                handle.flush()
                os.fsync(handle.fileno())
        kept.close()

    def _finish_compaction(self) -> None:
        """Roll a complete compaction forward: rename whatever temp files remain."""
        journal = self._journal()
        if not journal.exists():
            for path in (self.output, self.errors, self.path):
                self._tmp(path).unlink(missing_ok=True)     # an incomplete compaction: discard
            return
        for path in (self.output, self.errors, self.path):   # manifest last
            tmp = self._tmp(path)
            if tmp.exists():
                if path == self.path:
                    # The old database was closed before the journal was written, so any
                    # log beside it is spent; it must not be applied to the new file.
                    for sidecar in self._sqlite_sidecars(path):
                        sidecar.unlink(missing_ok=True)
                os.replace(tmp, path)
        journal.unlink()
