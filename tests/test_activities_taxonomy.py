"""The taxonomy file is the single source of cues: every type and cue in it must work.

Adding a type or a cue is a data change; these tests check it without code changes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.extract.activities import find_activities
from pipeline.extract.activities.lexicon import load
from pipeline.extract.data import DataFiles
from pipeline.extract.doc import DocView

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "taxonomy.md"
LEXICON = load(DataFiles.at())
TAXONOMY = {type_id: entry.model_dump() for type_id, entry in LEXICON.types.items()}


def test_type_ids_match_the_spec():
    if not SPEC.exists():
        pytest.skip(f"spec not found at {SPEC} (shared beside the repository in CI)")
    spec_ids = set(re.findall(r"^\| `([a-z_]+)` \|", SPEC.read_text(encoding="utf-8"), re.M))
    assert set(TAXONOMY) == spec_ids


def test_every_type_has_cues_in_both_languages():
    for type_id, entry in TAXONOMY.items():
        assert entry.get("zh"), type_id
        assert entry.get("en_lemmas") or entry.get("en_phrases"), type_id


STRONG_EN = [(t, cue) for t, e in TAXONOMY.items()
             for cue in (*e.get("en_lemmas", ()), *e.get("en_phrases", ()))]


@pytest.mark.parametrize("type_id, cue", STRONG_EN, ids=[f"{t}:{c}" for t, c in STRONG_EN])
def test_each_strong_english_cue_reports_a_type(type_id, cue):
    # A longer cue of another type may contain this one; the cue must report some type.
    found = find_activities(DocView(f"Last week the town held it: {cue}.", "en"))
    assert found, cue


STRONG_ZH = [(t, kw) for t, e in TAXONOMY.items() for kw in e.get("zh", ())]


@pytest.mark.parametrize("type_id, keyword", STRONG_ZH, ids=[f"{t}:{k}" for t, k in STRONG_ZH])
def test_each_chinese_keyword_reports_a_type(type_id, keyword):
    assert find_activities(DocView(f"该镇开展了{keyword}。", "zh")), keyword


def test_inflections_cover_regular_forms():
    assert {"studies", "studied", "studying"} <= LEXICON.english.inflections("study")
    assert {"preaches", "preached", "preaching"} <= LEXICON.english.inflections("preach")
    assert {"lectures", "lectured", "lecturing"} <= LEXICON.english.inflections("lecture")
    assert LEXICON.english.inflections("the") == frozenset({"the"})
