"""The cleaning golden set in corpus/clean: raw -> expected clean text.

`<stem>.expected.txt` holds the expected text for `corpus/texts/<stem>.txt`; the files end
with one newline by file convention, which the cleaned text (stripped at both ends) has not.
`cases.tsv` holds single-fix cases (`fix<TAB>raw<TAB>expected`, `\\n` for a newline).
"""
from __future__ import annotations

import pytest

from pipeline.clean import clean_text
from pipeline.config import load_config
from pipeline.lang import detect_language

from .conftest import CORPUS

GOLDEN = CORPUS / "clean"
FIXES = load_config().clean.fixes


def _expected_files():
    return sorted(GOLDEN.glob("*.expected.txt")) if GOLDEN.is_dir() else []


def _cases():
    path = GOLDEN / "cases.tsv"
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], start=2):
        if line.strip():
            fix, raw, expected = line.split("\t")
            rows.append(pytest.param(raw.replace("\\n", "\n"), expected.replace("\\n", "\n"),
                                     id=f"{fix}-line{n}"))
    return rows


def _clean(raw: str) -> str:
    return clean_text(raw, detect_language(raw), FIXES)[0]


@pytest.mark.parametrize("expected_path", _expected_files(), ids=lambda p: p.name.split(".")[0])
def test_expected_clean_text(expected_path):
    stem = expected_path.name.split(".")[0]
    raw = (CORPUS / "texts" / f"{stem}.txt").read_text(encoding="utf-8")
    assert _clean(raw) + "\n" == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw, expected", _cases())
def test_single_fix_case(raw, expected):
    assert _clean(raw) == expected


def test_golden_set_is_present():
    if not _expected_files() or not _cases():
        pytest.skip(f"cleaning golden set not found in {GOLDEN}")
    assert len(_expected_files()) >= 5 and len(_cases()) >= 20
