"""Linking a count to an activity type by where it stands (pipeline/extract/link.py): each count
takes the cue its own phrase or clause ties it to, even when another count of the same thing
stands in the same sentence. Sentences are invented, in the style of the bulletins."""
from __future__ import annotations

import pytest

from pipeline.extract.activities import cues_en, cues_zh
from pipeline.extract.counts import find_counts
from pipeline.extract.doc import DocView


def _en(text: str) -> list[tuple]:
    return [(c["value"], c["unit"], c["activity"]) for c in find_counts(DocView(text, "en"))]


def _zh(text: str) -> list[tuple]:
    return [(c["value"], c["unit"], c["activity"]) for c in find_counts(DocView(text, "zh"))]


@pytest.mark.parametrize("text, expected", [
    # the phrase a preposition opens after the noun says what it counts
    ("The county sent 5 teams for the preaching tour and 8 teams for the film screenings.",
     [(5, "teams", "preaching"), (8, "teams", "film_screening")]),
    # else the nearest cue, measured from where each count stands
    ("The town held preaching 5 times and film screenings 8 times.",
     [(5, "times", "preaching"), (8, "times", "film_screening")]),
    ("The street organised 6 teams to preach in the lanes and 4 teams to show films in the squares.",
     [(6, "teams", "preaching"), (4, "teams", "film_screening")]),
])
def test_two_english_counts_of_one_noun_in_a_sentence_take_their_own_cues(text, expected):
    assert _en(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("理论宣讲吸引50人参加，电影放映吸引80人观看。",
     [(50, "人", "preaching"), (80, "人", "film_screening")]),
    ("开展理论宣讲的有5支，开展电影放映的有8支。",
     [(5, "支", "preaching"), (8, "支", "film_screening")]),
])
def test_two_chinese_counts_of_one_noun_in_a_sentence_take_their_own_cues(text, expected):
    assert _zh(text) == expected


def test_the_same_word_earlier_in_the_sentence_does_not_move_the_count():
    # "teams" first stands next to "preaching"; the counted teams' own clause is about opera
    text = "After the preaching, the teams rested at noon, and 8 teams staged opera performances."
    assert _en(text) == [(8, "teams", "cultural_event")]
    assert _zh("宣讲结束后，小分队休息；下午8支小分队表演文艺演出。") == [(8, "小分队", "cultural_event")]
    assert _zh("宣讲场地已满，另有8场文艺演出。") == [(8, "场", "cultural_event")]


def test_cues_are_found_once_per_document_whatever_the_number_of_counts(monkeypatch):
    calls = []
    for module, name in ((cues_en, "_naming_cues"), (cues_zh, "_keyword_hits")):
        found = getattr(module, name)
        monkeypatch.setattr(module, name, lambda view, found=found: calls.append(view.language) or found(view))
    _en("The county sent 5 teams for the preaching tour and 8 teams for the film screenings. "
        "Then 3 teams went to the villages.")
    _zh("理论宣讲吸引50人参加，电影放映吸引80人观看。共有3支队伍。")
    assert calls == ["en", "zh"]
