"""Which activity type a count belongs to: the count → activity link.

Count extractors say what they found (the counted thing as the linker should read it, where it
stands, its sentence); this module decides the type, from the thing's own words first and else
from the activity cues around it. It is the only way counts reach the activity lexicon.
"""
from __future__ import annotations

import re
from typing import Callable

from . import activities

# A gloss in a normalised unit ("times (occurrences)") is no part of the counted thing.
_PARENTHESIS = re.compile(r"\s*\(.*\)$")
_QUOTE_MARKS = " \"“”‘’'"


def thing_type(words: str, language: str) -> str | None:
    """The type the words alone name ("preaching teams" -> preaching), without context."""
    return activities.activity_for_unit(words, "", language)


def count_type_en(view, unit_text: str, normalized: str | None, link_unit: str | None,
                  neutral_people: bool, sentence: tuple[int, int],
                  previous: Callable[[], str] | None = None,
                  unit_span: tuple[int, int] | None = None) -> str | None:
    """The type of an English count's thing. Role-neutral people (party members, residents)
    link to none unless the count sizes a group formed to do something. A bare noun whose
    sentence names no type takes it from the sentence before, in the same paragraph ("26
    lecturers were chosen. They formed 6 teams"); `previous()` gives that sentence or "".
    `unit_span` is where the thing stands in the text (for linking by position)."""
    reading = (link_unit or _PARENTHESIS.sub("", normalized or "") or unit_text)
    reading = reading.strip(_QUOTE_MARKS)
    if neutral_people and not link_unit and " and " not in unit_text:
        # only the unit's own words may name a role ("grid members"), never the sentence
        return thing_type(reading, "en")
    context = view.text[sentence[0]:sentence[1]]
    found = activities.activity_for_unit(reading, context, "en")
    if found is None and previous is not None:
        before = previous()
        if before:
            found = activities.activity_for_unit(reading, f"{before} {context}", "en")
    return found


def count_type_zh(view, unit: str, sentence: str, unit_span: tuple[int, int] | None = None) -> str | None:
    """The type of a Chinese count's thing (宣讲活动, 志愿者), else of the cues of its sentence.
    `unit_span` is where the thing stands in the text (for linking by position)."""
    return activities.activity_for_unit(unit, sentence, "zh")
