"""English counts: which activity type a count is linked to (counts_en + activity_for_unit).

Sentences are invented, in the style of machine-translated bulletins.
"""
from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.extract.counts_en import find_counts_en


def count_of(text: str, value) -> dict:
    found = [c for c in find_counts_en(Document(doc_id="t", raw=text, text=text))
             if c["value"] == value]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, activity", [
    # a role-neutral head with a role modifier: the unit alone names the type
    ("In Xinhe Street, the 42 grid members walk the lanes every morning.", 42, "grassroots_governance"),
    ("Grid workers numbering 75 are on duty in the estates.", 75, "grassroots_governance"),
    # ... but the sentence never types a role-neutral head
    ("The preaching tour reached 300 residents.", 300, None),
    # "X ... N times": the gloss of the normalised unit is no part of the counted thing
    ("The doctors held free clinics 9 times in the old estates.", 9, "volunteer_service"),
])
def test_links(text, value, activity):
    assert count_of(text, value)["activity"] == activity


@pytest.mark.parametrize("text, value, category", [
    ("The museum received about 150 groups of visitors in May.", 150, "organization"),
    ("The station pushed 20 issues of audio lectures on its account.", 20, "item"),
    ("The town launched 12 series of theme practice activities.", 12, "activity"),
])
def test_collective_of_category(text, value, category):
    assert count_of(text, value)["category"] == category


@pytest.mark.parametrize("text, value, normalized, activity", [
    # MT measure words for 场 / 期 read as sessions when the sentence says what was staged or taught
    ("The opera troupe staged 20 fields in the villages.", 20, "sessions", "cultural_event"),
    ("The county selected 30 cadres and trained them for 2 periods.", 2, "sessions",
     "study_session"),
])
def test_measure_words_typed_by_the_clause(text, value, normalized, activity):
    c = count_of(text, value)
    assert (c["unit_normalized"], c["category"], c["activity"]) == (normalized, "activity", activity)
