"""The run manifest: what has been done, so re-runs do only new work and a killed run resumes.

Three files sit together: `OUT.jsonl` (records), `OUT.errors.jsonl` (error rows) and
`OUT.manifest.jsonl`. The output files are append-only. After a record or error row is
written and flushed, one manifest line is appended: the commit marker. It names the input,
its key (content hash + pipeline version + config hash) and the byte length of both
output files after the write. On opening, anything past the last committed lengths (a
record written but not committed when the process was killed) is cut off, so a resumed
run has no duplicate and loses nothing: the uncommitted input is simply done again.

When an input is processed again (its content, the pipeline or the config changed), its
earlier line is superseded. At the end of a complete run `compact()` rewrites the three
files without superseded lines: new files are written beside the old ones, a journal
marks them complete, then they are renamed over the old ones. A run killed during the
renames finishes them on the next open (roll forward), so the trio is never left mixed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from . import __version__

MANIFEST_FORMAT = 1


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name.removesuffix(".jsonl") + ".manifest.jsonl")


def input_key(sha256: str, config_digest: str) -> str:
    """What must match for a stored result to be reused."""
    return f"{sha256}:{__version__}:{config_digest}"


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

    def to_line(self) -> bytes:
        return orjson.dumps({k: v for k, v in self.__dict__.items() if v is not None or k == "key"},
                            option=orjson.OPT_APPEND_NEWLINE)


def _read_entries(path: Path) -> tuple[list[Entry], int]:
    """The committed entries, and the byte length of the manifest that holds them."""
    entries: list[Entry] = []
    length = 0
    if not path.exists():
        return entries, length
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break                       # torn last line: never committed
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError:
                break
            length += len(line)
            if "input" in data:             # else the header line
                entries.append(Entry(**data))
    return entries, length


class Manifest:
    """Open the output trio for appending, after recovering from any interrupted run."""

    def __init__(self, output: Path, errors: Path, force: bool = False):
        self.output, self.errors, self.path = output, errors, manifest_path(output)
        self._finish_compaction()
        if force:
            for path in (self.output, self.errors, self.path):
                path.unlink(missing_ok=True)
        self.entries, manifest_length = _read_entries(self.path)
        self.latest: dict[str, Entry] = {}
        for entry in self.entries:
            self.latest[entry.input] = entry
        out_end = self.entries[-1].out if self.entries else 0
        err_end = self.entries[-1].err if self.entries else 0
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.errors.parent.mkdir(parents=True, exist_ok=True)
        self._out = self._open_truncated(self.output, out_end)
        self._err = self._open_truncated(self.errors, err_end)
        self._man = open(self.path, "ab")
        self._man.truncate(manifest_length)        # drop a torn last line
        if not self.entries:
            self._man.truncate(0)
            self._man.write(orjson.dumps({"manifest": MANIFEST_FORMAT, "pipeline": __version__},
                                         option=orjson.OPT_APPEND_NEWLINE))
            self._man.flush()
        self.superseded = 0

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

    def is_done(self, identity: str, key: str | None) -> bool:
        entry = self.latest.get(identity)
        return key is not None and entry is not None and entry.key == key

    def known_sha256(self, identity: str, size: int, mtime_ns: int) -> str | None:
        """The content hash stored for this file, if its size and mtime are unchanged."""
        entry = self.latest.get(identity)
        if entry and entry.sha256 and entry.size == size and entry.mtime_ns == mtime_ns:
            return entry.sha256
        return None

    def done_errors(self) -> int:
        return sum(1 for e in self.latest.values() if e.kind == "error")

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
        self._man.write(entry.to_line())
        self._man.flush()
        if identity in self.latest:
            self.superseded += 1
        self.entries.append(entry)
        self.latest[identity] = entry

    def close(self) -> None:
        for handle in (self._out, self._err, self._man):
            if not handle.closed:
                handle.close()
        self._remove_empty_errors()

    def _remove_empty_errors(self) -> None:
        if self.errors.exists() and self.errors.stat().st_size == 0:
            self.errors.unlink()        # no error rows: no errors file

    def rollback_uncommitted(self) -> None:
        """Cut both output files back to the last commit (after an interruption)."""
        out_end = self.entries[-1].out if self.entries else 0
        err_end = self.entries[-1].err if self.entries else 0
        for handle, length in ((self._out, out_end), (self._err, err_end)):
            if not handle.closed:
                handle.flush()
                handle.truncate(length)

    # -- compaction ------------------------------------------------------------------------

    def _journal(self) -> Path:
        return self.path.with_name(self.path.name + ".compacting")

    def _tmp(self, path: Path) -> Path:
        return path.with_name(path.name + ".compact-tmp")

    def compact(self) -> None:
        """Rewrite the trio without superseded lines (call after close())."""
        if not any(self.latest[e.input] is not e for e in self.entries):
            return
        keep = {id(e) for e in self.latest.values()}
        self.errors.touch()
        tmp_out, tmp_err, tmp_man = (self._tmp(p) for p in (self.output, self.errors, self.path))
        with open(self.output, "rb") as src_out, open(self.errors, "rb") as src_err, \
                open(tmp_out, "wb") as dst_out, open(tmp_err, "wb") as dst_err, \
                open(tmp_man, "wb") as dst_man:
            dst_man.write(orjson.dumps({"manifest": MANIFEST_FORMAT, "pipeline": __version__},
                                       option=orjson.OPT_APPEND_NEWLINE))
            prev_out = prev_err = 0
            for entry in self.entries:
                src, dst, start, end = ((src_out, dst_out, prev_out, entry.out) if entry.kind == "record"
                                        else (src_err, dst_err, prev_err, entry.err))
                prev_out, prev_err = entry.out, entry.err
                if id(entry) not in keep:
                    continue
                src.seek(start)
                dst.write(src.read(end - start))
                entry.out, entry.err = dst_out.tell(), dst_err.tell()
                dst_man.write(entry.to_line())
            for handle in (dst_out, dst_err, dst_man):
                handle.flush()
                os.fsync(handle.fileno())
        self._journal().write_bytes(b"complete\n")
        self._finish_compaction()
        self.entries = [e for e in self.entries if id(e) in keep]
        self._remove_empty_errors()

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
                os.replace(tmp, path)
        journal.unlink()
