"""Benchmark texts: real bulletins stitched to a fixed size, deterministically.

A folder's bulletins are read as the pipeline reads them (decoded, HTML stripped), sorted
into English and Chinese, and cut into paragraphs (non-empty lines). Stitched document i of
a language is a run of consecutive paragraphs of one bulletin, from a seeded position to
that bulletin's end, then another run from another bulletin, ... until it reaches ~1,000
words (English) or ~800 characters (Chinese). The same folder and index always give the
same text; different indexes give different documents, made of the same real paragraphs.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from .config import REPO_ROOT

TARGET_SIZE = {"en": 1000, "zh": 800}       # words (English) / characters (Chinese)
SIZE_UNIT = {"en": "words", "zh": "characters"}


def default_texts_dir() -> Path:
    """What a clone has: the repository's own sample bulletins."""
    return REPO_ROOT / "corpus" / "texts"


def text_size(text: str, language: str) -> int:
    """Words (English) or non-space characters (Chinese)."""
    if language == "en":
        return len(text.split())
    return sum(1 for ch in text if not ch.isspace())


@dataclass
class Paragraphs:
    """The paragraphs of a folder's bulletins, per language: {language: [[paragraph, ...], ...]}."""
    folder: str
    bulletins: dict[str, list[list[str]]] = field(default_factory=lambda: {"en": [], "zh": []})
    unreadable: int = 0

    def count(self, language: str) -> tuple[int, int, int]:
        """(bulletins, paragraphs, size in words or characters) of one language."""
        docs = self.bulletins[language]
        return (len(docs), sum(map(len, docs)),
                sum(text_size(p, language) for d in docs for p in d))


def read_paragraphs(folder: str | Path) -> Paragraphs:
    """Every bulletin under `folder` (recursively, as `bulletins run` finds them), decoded and
    split into paragraphs. Files the pipeline cannot read are counted, not raised."""
    from .errors import InputError
    from .ingest import iter_sources, to_document
    from .lang import detect_language

    found = Paragraphs(folder=str(folder))
    for source in iter_sources([str(folder)]):
        try:
            text = to_document(source, max_bytes=5_000_000).raw
        except InputError:
            found.unreadable += 1
            continue
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if paragraphs:
            found.bulletins[detect_language(text)].append(paragraphs)
    return found


def stitch(bulletins: list[list[str]], language: str, index: int, target: int | None = None) -> str:
    """Stitched document number `index` of `language` (see the module docstring)."""
    if not bulletins:
        raise ValueError(f"no {language} bulletins to stitch")
    target = target or TARGET_SIZE[language]
    rng = random.Random(f"bulletins-bench:{language}:{index}")
    parts: list[str] = []
    size = 0
    while size < target:
        paragraphs = bulletins[rng.randrange(len(bulletins))]
        for paragraph in paragraphs[rng.randrange(len(paragraphs)):]:
            parts.append(paragraph)
            size += text_size(paragraph, language)
            if size >= target:
                break
    return "\n".join(parts) + "\n"


def stitched(paragraphs: Paragraphs, language: str, count: int, first: int = 0) -> list[str]:
    """Documents first .. first+count-1 of a language."""
    return [stitch(paragraphs.bulletins[language], language, i) for i in range(first, first + count)]


def write_stitched(paragraphs: Paragraphs, language: str, count: int, folder: Path,
                   first: int = 0) -> int:
    """Write documents first .. first+count-1 as LANG_NNNNNN.txt in folders of 1,000 (as an
    archive would hold them); returns their total size in words or characters."""
    total = 0
    for i in range(first, first + count):
        text = stitch(paragraphs.bulletins[language], language, i)
        path = folder / f"{language}{i // 1000:04d}" / f"{language}_{i:06d}.txt"
        if i == first or i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += text_size(text, language)
    return total
