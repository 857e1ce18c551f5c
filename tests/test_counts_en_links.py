"""English counts: which activity type a count is linked to (counts + link).

Sentences are invented, in the style of machine-translated bulletins.
"""
from __future__ import annotations

import pytest

from pipeline.extract.counts import find_counts
from pipeline.extract.doc import DocView


def count_of(text: str, value) -> dict:
    found = [c for c in find_counts(DocView(text, "en"))
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
    ("The party school has run 5 issues of training classes.", 5, "activity"),
    ("The volunteers handed out 300 bags of vegetables.", 300, "item"),
    ("The town launched 12 series of theme practice activities.", 12, "activity"),
    # a batch of people is a group; 场 as "games" counts occasions whatever they are of
    ("The bureau sent 4 batches of young cadre volunteers to the villages.", 4, "organization"),
    ('The troupe gave 60 games of "old tunes into the lanes" in May.', 60, "activity"),
    # heads added to the lexicon: places, groups, people, calls
    ("The teams went to 9 prefectures across the province.", 9, "place"),
    ("The town set up 12 epidemic prevention checkpoints on the roads.", 12, "place"),
    ("The street formed 6 preaching small divisions.", 6, "organization"),
    ("In the hall, 18 young commentators took turns.", 18, "people"),
    ("The hotline answered 900 calls this year.", 900, "activity"),
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


@pytest.mark.parametrize("text, value, activity", [
    # a group that "has" N people sizes them, and they link through it
    ('The "Silver Age" preaching group of the county has 40 people, mostly retired teachers.', 40,
     "preaching"),
    ("The volunteer team in Xinhe Street consists of 35 retirees.", 35, "volunteer_service"),
    # ... a class or a session is no group formed to do something, and other subjects size nothing
    ("The team leader has 3 children.", 3, None),
    ("The district has 300 people in the villages.", 300, None),
])
def test_group_having_people(text, value, activity):
    assert count_of(text, value)["activity"] == activity


def test_bare_noun_takes_the_type_of_the_sentence_before():
    text = ("The county chose 30 lecturers from the retired cadres. "
            "They were divided into 5 teams, each responsible for one town.")
    assert count_of(text, 5)["activity"] == "preaching"
    # not across paragraphs
    text = ("The county chose 30 lecturers from the retired cadres.\n\n"
            "They were divided into 5 teams, each responsible for one town.")
    assert count_of(text, 5)["activity"] is None


def test_a_capitalised_venue_name_does_not_type_a_nearby_group():
    text = ("Docents of the Jinggang Revolutionary Memorial Hall joined them, "
            "and 4 teams were formed.")
    assert count_of(text, 4)["activity"] is None


@pytest.mark.parametrize("text, value", [
    ("The column opened in May, and the clicks exceeded 2 million times.", 2000000),
    ("The micro-videos were played 300,000 times on Douyin.", 300000),
    ("The account published 80 articles, read 400,000 times.", 400000),
])
def test_times_after_a_click_word_counts_views_not_occurrences(text, value):
    c = count_of(text, value)
    assert (c["category"], c["activity"]) == ("other", None)


@pytest.mark.parametrize("text, value, activity", [
    # a bare session word followed by "of ...": the head of the "of" phrase names the type
    ("The county held 4 fields of flood control and safety mobilization meeting in the towns.", 4,
     "meeting"),
    # sessions of a thing a null noun names: the sentence says what they were
    ('The town staged 25 games of "old songs of the village" singing in the squares.', 25,
     "cultural_event"),
    # a typed head ("screening") with a strong cue of another type in the unit itself
    ("The street finished 3 rounds of nucleic acid screening by Friday.", 3,
     "epidemic_prevention"),
    # a comma inside a number does not end the counted thing's clause
    ("The lecturers gave 12 talks, and the branches used the evening classes to study more than "
     "2,400 times.", 2400, "study_session"),
    # the party branch that organised something is not what was held
    ("The village party branch invited retired miners to talk about the old days, and 30 sessions "
     "were held.", 30, "preaching"),
])
def test_links_by_the_sentence(text, value, activity):
    assert count_of(text, value)["activity"] == activity


@pytest.mark.parametrize("text, value, activity", [
    # a quoted programme name between the number and the noun says what the things are
    ('The county has launched 64 "Doing Practical Things for the Masses" projects so far.', 64,
     "volunteer_service"),
    # ... unless it names no type, when the noun's own words still do
    ('The street set up 12 "Warm Heart" volunteer teams.', 12, "volunteer_service"),
])
def test_quoted_name_before_the_unit_types_the_count(text, value, activity):
    assert count_of(text, value)["activity"] == activity
