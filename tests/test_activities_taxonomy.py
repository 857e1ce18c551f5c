"""The taxonomy file is the single source of cues: every type and cue in it must work.

Adding a type or a cue is a data change; these tests check it without code changes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.extract.activities import find_activities, words_type
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


def _types(text: str, language: str) -> list[str]:
    return [a["type"] for a in find_activities(DocView(text, language))]


def test_no_cue_is_both_strong_and_weak():
    for type_id, entry in TAXONOMY.items():
        assert not set(entry["zh"]) & set(entry["zh_weak"]), type_id
        assert not set(entry["en_lemmas"] + entry["en_phrases"]) & set(entry["en_weak"]), type_id


STRONG_EN = [(t, cue) for t, e in TAXONOMY.items()
             for cue in (*e.get("en_lemmas", ()), *e.get("en_phrases", ()))]


@pytest.mark.parametrize("type_id, cue", STRONG_EN, ids=[f"{t}:{c}" for t, c in STRONG_EN])
def test_each_strong_english_cue_reports_its_type(type_id, cue):
    assert _types(f"Last week the town held it: {cue}.", "en") == [type_id]


STRONG_ZH = [(t, kw) for t, e in TAXONOMY.items() for kw in e.get("zh", ())]


@pytest.mark.parametrize("type_id, keyword", STRONG_ZH, ids=[f"{t}:{k}" for t, k in STRONG_ZH])
def test_each_chinese_keyword_reports_its_type(type_id, keyword):
    assert _types(f"该镇开展了{keyword}。", "zh") == [type_id]


WEAK_EN = [(t, cue) for t, e in TAXONOMY.items() for cue in e.get("en_weak", ())]


@pytest.mark.parametrize("type_id, cue", WEAK_EN, ids=[f"{t}:{c}" for t, c in WEAK_EN])
def test_each_weak_english_cue_reports_its_type_only_when_repeated(type_id, cue):
    assert _types(f"Last week the town held it: {cue}.", "en") == []
    assert _types(f"It was {cue}. Then {cue}. Then {cue}.", "en") == [type_id]


WEAK_ZH = [(t, kw) for t, e in TAXONOMY.items() for kw in e.get("zh_weak", ())]


@pytest.mark.parametrize("type_id, keyword", WEAK_ZH, ids=[f"{t}:{k}" for t, k in WEAK_ZH])
def test_each_weak_chinese_keyword_reports_its_type_only_when_repeated(type_id, keyword):
    assert _types(f"他们谈到{keyword}。", "zh") == []
    assert _types(f"他们谈到{keyword}。又谈到{keyword}。再谈到{keyword}。", "zh") == [type_id]


ACTIONS = [(t, verb, action["objects"][0]) for t, e in TAXONOMY.items()
           for action in e.get("en_actions", ()) for verb in action["verbs"]]
ACTIONS += [(t, action["verbs"][0], obj) for t, e in TAXONOMY.items()
            for action in e.get("en_actions", ()) for obj in action["objects"][1:]]


@pytest.mark.parametrize("type_id, verb, obj", ACTIONS, ids=[f"{t}:{v}+{o}" for t, v, o in ACTIONS])
def test_each_verb_and_object_of_an_action_report_its_type(type_id, verb, obj):
    assert _types(f"Last week they {verb} the {obj}.", "en") == [type_id]


ROLES = [(t, head, language) for t, e in TAXONOMY.items()
         for language in ("en", "zh") for head in e.get(f"{language}_unit_heads", ())]


@pytest.mark.parametrize("type_id, head, language", ROLES, ids=[f"{t}:{h}" for t, h, _ in ROLES])
def test_each_role_noun_types_a_counted_thing(type_id, head, language):
    assert words_type(DataFiles.at(), head, language) == type_id


def test_inflections_cover_regular_forms():
    assert {"studies", "studied", "studying"} <= LEXICON.english.inflections("study")
    assert {"preaches", "preached", "preaching"} <= LEXICON.english.inflections("preach")
    assert {"lectures", "lectured", "lecturing"} <= LEXICON.english.inflections("lecture")
    assert LEXICON.english.inflections("the") == frozenset({"the"})
