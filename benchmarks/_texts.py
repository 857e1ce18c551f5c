"""Texts and timing shared by the benchmark scripts: real bulletins stitched to ~1,000 words
(English) or ~800 characters (Chinese) by pipeline/bench_texts.py, and medians over rounds.

The folder defaults to ../shared/corpus/dev/texts when present (real machine translation),
else the repository's corpus/texts (what a clone has)."""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEV_TEXTS = REPO.parent / "shared" / "corpus" / "dev" / "texts"

from pipeline.bench_texts import default_texts_dir, read_paragraphs, stitched  # noqa: E402

WARM_FIRST = 1_000_000          # warm-up documents never appear in a timed round


def default_texts() -> Path:
    return DEV_TEXTS if DEV_TEXTS.is_dir() else default_texts_dir()


def texts_by_round(folder: Path, language: str, docs: int, rounds: int) -> tuple[list[str], list[list[str]]]:
    """(warm-up texts, one list of fresh texts per round) of a language."""
    paragraphs = read_paragraphs(folder)
    if not paragraphs.bulletins[language]:
        return [], []
    warm = stitched(paragraphs, language, docs, first=WARM_FIRST)
    return warm, [stitched(paragraphs, language, docs, first=r * docs) for r in range(rounds)]


def median_line(label: str, values: list[float], unit: str = "") -> str:
    return (f"  {label:34} {statistics.median(values):9.3f}{unit}  "
            f"[{min(values):.3f}-{max(values):.3f}]")
