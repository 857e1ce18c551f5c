"""Ingest: expand inputs (files, folders, globs, `-`) and decode bytes to text.

`iter_sources` never raises for a bad path: it yields a `Source` whose `error` says
what was wrong, so the runner can write an error row and go on.
"""
from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .decode import decode_bytes
from .document import Document
from .errors import InputError
from .html_text import html_to_text, looks_like_html

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}


@dataclass
class Source:
    name: str                   # doc_id: the file stem, or a content hash for stdin
    path: str | None            # as the user gave it, for opening (None for stdin); may hold
                                # surrogate escapes when the file name is not valid UTF-8
    data: bytes | None = None   # read lazily for files
    error: str | None = None    # why it cannot be read

    @property
    def display_path(self) -> str | None:
        """The path as printable UTF-8 (undecodable bytes shown as \\xNN escapes)."""
        return None if self.path is None else _display(self.path)

    @property
    def identity(self) -> str:
        """What a manifest remembers this input by: its absolute path, or its name for stdin."""
        if self.path is None:
            return self.name
        return _display(os.path.abspath(self.path))

    def read(self, max_bytes: int) -> bytes:
        if self.error:
            raise InputError(self.error)
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            st = os.stat(self.path)
            if not stat.S_ISREG(st.st_mode):
                what = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe, socket or device"
                raise InputError(f"not a regular file ({what}): pass the bulletin files themselves")
            if st.st_size > max_bytes:
                raise InputError(
                    f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}: split it, or raise "
                    f"[ingest] max_bytes in the config")
            with open(self.path, "rb") as handle:
                return handle.read(max_bytes + 1)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if isinstance(exc, PermissionError):
                advice = "give the user running bulletins read permission (chmod a+r)"
            elif exc.errno == errno.ELOOP:
                advice = "the path is a symlink loop; remove or fix the link"
            else:
                advice = "check it exists and is readable"
            raise InputError(f"cannot read file ({reason}): {advice}") from exc

    def load(self, max_bytes: int) -> "Source":
        """Read the bytes now (or note why not), so the content can be hashed and shipped
        to a worker process. Never raises."""
        if self.data is None and self.error is None:
            try:
                self.data = self.read(max_bytes)
            except InputError as exc:
                self.error = str(exc)
        return self


def _display(path: Path | str) -> str:
    # undecodable file names survive as surrogate escapes; show them safely
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _is_bulletin_name(name: str) -> bool:
    suffix = os.path.splitext(name)[1]
    return (suffix.lower() in TEXT_SUFFIXES or not suffix) and not name.startswith(".")


def _walk(folder: Path, skipped: SkippedFiles | None) -> Iterator[str | tuple[Path, str]]:
    """Files under `folder`, sorted, following symlinks but never around a loop.

    Yields (path, problem) for a folder that cannot be listed or that loops back, so the
    runner writes an error row for it instead of losing it silently."""
    problems: list[tuple[Path, str]] = []

    def on_error(exc: OSError) -> None:
        problems.append((Path(exc.filename or folder),
                         f"cannot list folder ({exc.strerror or exc}): check it exists and is readable"))

    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=on_error):
        yield from problems
        problems.clear()
        try:
            st = os.stat(root)
        except OSError as exc:
            yield (Path(root), f"cannot read folder ({exc.strerror or exc}): check it exists")
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:     # a symlink loop: do not descend again
            dirs[:] = []
            yield (Path(root), "symlink loop: this folder was already read; remove the loop")
            continue
        seen.add(key)
        dirs.sort()
        files.sort()     # in place: the listing of one folder is the only per-file memory
        for name in files:
            # plain strings: pathlib interns every part of every path it parses, for good
            path = os.path.join(root, name)
            if _is_bulletin_name(name):
                yield path
            elif skipped is not None:
                skipped.add(_display(path))
    yield from problems


class SkippedFiles:
    """Files left out of folders for their suffix: how many, which suffixes, a few examples.

    Bounded, so an archive full of images does not grow memory."""
    EXAMPLES = 5

    def __init__(self) -> None:
        self.count = 0
        self.suffixes: set[str] = set()
        self.examples: list[str] = []

    def add(self, path: str) -> None:
        self.count += 1
        if len(self.suffixes) < 100:
            self.suffixes.add(Path(path).suffix.lower())
        if len(self.examples) < self.EXAMPLES:
            self.examples.append(path)


def count_sources(inputs: Iterable[str]) -> int:
    """How many Sources `iter_sources` will yield (for a progress bar), without reading any
    file or standard input."""
    return sum(1 for _ in _expand(inputs, None))


def iter_sources(inputs: Iterable[str], skipped: SkippedFiles | None = None) -> Iterator[Source]:
    """Yield one Source per input document, in the order given (folders sorted), lazily.

    Files in folders whose suffix is not a text suffix are left out and noted in `skipped`
    so the runner can say so."""
    for source in _expand(inputs, skipped):
        if source is None:
            data = sys.stdin.buffer.read()
            yield Source(name="stdin-" + hashlib.sha256(data).hexdigest()[:12], path=None, data=data)
        else:
            yield source


def _expand(inputs: Iterable[str], skipped: SkippedFiles | None) -> Iterator[Source | None]:
    """Sources for every input, None standing for standard input (not read here)."""
    for item in inputs:
        if item == "-":
            yield None
            continue
        path = Path(item)
        if path.is_dir():
            for entry in _walk(path, skipped):
                if isinstance(entry, tuple):
                    yield Source(name=_display(entry[0].name), path=_display(entry[0]), error=entry[1])
                else:
                    yield Source(name=_display(os.path.splitext(os.path.basename(entry))[0]),
                                 path=entry)
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


# What separates runs of prose: whitespace and sentence or clause punctuation (both scripts).
_RUN = re.compile(r"[^\s.,;!?。，；！？、：:]+")


def longest_run(text: str) -> int:
    """Length of the longest run of characters without a separator (linear time)."""
    return max((m.end() - m.start() for m in _RUN.finditer(text)), default=0)


def to_document(source: Source, max_bytes: int, max_run_chars: int | None = None) -> Document:
    """Read and decode a source. Raises InputError with a message saying what to do."""
    data = source.read(max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes: split it, or raise "
                         f"[ingest] max_bytes in the config")
    text, encoding, warnings = decode_bytes(data)
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append("HTML page: markup removed, raw spans index the page's text")
        if not text.strip():
            raise InputError("HTML page with no visible text: nothing to extract; "
                             "check the scraper saved the article, not an empty shell")
    if max_run_chars is not None:
        run = longest_run(text)
        if run > max_run_chars:
            raise InputError(
                f"not prose: a run of {run:,} characters with no space, line break or punctuation "
                f"(encoded or minified data?); remove it, or raise [ingest] max_run_chars "
                f"({max_run_chars:,}) in the config")
    return Document(
        doc_id=source.name,
        raw=text,
        path=source.display_path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warnings=warnings,
    )
