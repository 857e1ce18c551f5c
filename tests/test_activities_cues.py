"""Activity cues and filters added for wording of new bulletins: each case an invented sentence
in the bulletins' MT style, with the reading that must (not) report a type or link a count."""
from __future__ import annotations

import re

import pytest

from pipeline.extract.activities import find_activities
from pipeline.extract.doc import DocView
from tests.helpers.linking import linked_type


def _types(text: str) -> list[str]:
    return [a["type"] for a in find_activities(DocView(text, "en"))]


def test_object_before_its_verb_only_across_auxiliaries():
    # the object word modifying another noun is no subject of the verb
    assert _types("Nine schools such as the county branch school set up the party member posts.") == []
    assert _types("In the park, 14 party branches were newly set up.") == ["party_building"]
    assert _types("The town set up a temporary party branch at the site.") == ["party_building"]


def test_a_venue_receiving_visitors_was_visited():
    assert _types("The martyrs memorial hall received 80 groups of visitors.") == ["site_visit"]
    assert _types("The memorial hall of the county is 3 km from the station.") == []


def test_commemorated_event_name_is_not_a_meeting():
    assert _types("On the 90th anniversary of the Gutian Conference, the town opened a reading room.") == []
    assert _types("The Town Party Committee Standing Committee Meeting was held.") == ["meeting"]


@pytest.mark.parametrize("text, absent, reported", [
    ("The old worker told how he joined the party in the workshop of a steel factory.",
     "study_session", []),
    ("The knowledge contest was held online and offline over two weekends.", "online_media",
     ["competition"]),
    ("Grid members report the problems with the mobile phone app.", "online_media",
     ["grassroots_governance"]),
])
def test_a_tool_or_a_place_word_alone_is_not_the_activity(text, absent, reported):
    assert _types(text) == reported and absent not in reported


@pytest.mark.parametrize("text, present", [
    ("The street opened a psychological hotline for residents in home isolation.", "counseling"),
    ("After three rounds, 10 teams entered the final of the county contest.", "competition"),
    ("The old secretary gave a party lesson to the new members.", "preaching"),
])
def test_new_strong_cues(text, present):
    assert _types(text) == [present]


@pytest.mark.parametrize("unit, sentence, expected", [
    ("counselors", "The street opened the psychological hotline, and 3 counselors on duty "
                   "answered calls.", "counseling"),
    ("teams", "The quiz was held online and offline, and finally 8 teams entered the final.",
     "competition"),
    # a unit in its normalised form, counted where MT wrote it ("fields", "periods")
    ("sessions", "The opera troupe staged 20 fields in the villages.", "cultural_event"),
    ("sessions", "The county trained the docents for 2 periods.", "study_session"),
])
def test_count_links_from_the_clause(unit, sentence, expected):
    written = {"sessions": re.search(r"\d+ (\w+)", sentence).group(1)}.get(unit)
    assert linked_type(unit, sentence, "en", written) == expected


@pytest.mark.parametrize("unit, expected", [
    ("service teams of party members", "volunteer_service"),   # the outer noun names the type
    ("teams of volunteers", "volunteer_service"),              # else the complement does
    ("sessions of legal lectures", "preaching"),
    ("bags of vegetables", None),
    ("members of the party", None),
])
def test_x_of_y_units(unit, expected):
    assert linked_type(unit, "", "en") == expected
