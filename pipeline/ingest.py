"""Ingest: expand inputs (files, folders, globs, `-`) and decode bytes to text.

`iter_sources` never raises for a bad path: it yields a `Source` whose `error` says
what was wrong, so the runner can write an error row and go on.
"""
from __future__ import annotations

import glob
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .decode import decode_bytes
from .document import Document
from .errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}


@dataclass
class Source:
    name: str                   # doc_id: the file stem, or a content hash for stdin
    path: str | None            # as the user gave it (None for stdin)
    data: bytes | None = None   # read lazily for files
    error: str | None = None    # why it cannot be read

    def read(self, max_bytes: int) -> bytes:
        if self.error:
            raise InputError(self.error)
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            size = os.path.getsize(self.path)
            if size > max_bytes:
                raise InputError(
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}: split it, or raise "
                    f"[ingest] max_bytes in the config")
            with open(self.path, "rb") as handle:
                return handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc}): check it exists and is readable") from exc


def _display(path: Path | str) -> str:
    # undecodable file names survive as surrogate escapes; show them safely
    return os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _walk(folder: Path) -> Iterator[Path | tuple[Path, str]]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=None):
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in seen:     # a symlink loop: do not descend again
            dirs[:] = []
            yield (Path(root), "symlink loop: this folder was already read; remove the loop")
            continue
        seen.add(key)
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in TEXT_SUFFIXES or not path.suffix:
                yield path


def iter_sources(inputs: Iterable[str]) -> Iterator[Source]:
    """Yield one Source per input document, in the order given (folders sorted)."""
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            yield Source(name="stdin-" + hashlib.sha256(data).hexdigest()[:12], path=None, data=data)
            continue
        path = Path(item)
        if path.is_dir():
            for entry in _walk(path):
                if isinstance(entry, tuple):
                    yield Source(name=_display(entry[0].name), path=_display(entry[0]), error=entry[1])
                else:
                    yield Source(name=_display(entry.stem), path=os.fsdecode(entry))
        elif path.exists() or path.is_symlink():
            yield Source(name=_display(path.stem), path=os.fsdecode(path))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Source(name=_display(path.stem), path=item,
                             error="the pattern matched no file: check the pattern and quote it")
            for match in matches:
                if os.path.isfile(match):
                    yield Source(name=_display(Path(match).stem), path=match)
        else:
            yield Source(name=_display(path.stem), path=item,
                         error="no such file or folder: check the path")


def to_document(source: Source, max_bytes: int) -> Document:
    """Read and decode a source. Raises InputError with a message saying what to do."""
    data = source.read(max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes: split it, or raise "
                         f"[ingest] max_bytes in the config")
    text, encoding, warnings = decode_bytes(data)
    return Document(
        doc_id=source.name,
        raw=text,
        path=source.path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warnings=warnings,
    )
