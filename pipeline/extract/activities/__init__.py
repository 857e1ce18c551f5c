"""Activity types: which types of configs/taxonomy.toml a bulletin reports as carried out, and
what the linker of counts (pipeline/extract/link.py) reads to type a counted thing. How the
decision is made: docs/activities.md.

    find_activities(view) -> [{"type", "mentions": [[start, end], ...]}]
    naming_cues(view)     -> [(label, start, end)]: the document's cues read as names of things
    words_type(data, "preaching teams", "en") -> "preaching": what words alone name

Suggesters propose cues (cues_en, cues_zh: taxonomy cues, verb + object pairs, keywords, quoted
names held as activities), each tagged with its rule id; the filters listed in [rules] of the
taxonomy drop some, each with its reason (filters_en, cues_zh); decide.py says which types are
reported; units.py says what a counted thing's own words name.
"""
from __future__ import annotations

from ..data import DataFiles
from . import cues_en, cues_zh, filters_en  # noqa: F401  (filters_en registers the English filters)
from .decide import reported_types
from .lexicon import Hit, load
from .units import words_type as _words_type


def find_activities(view) -> list[dict]:
    """`[{"type", "mentions": [[start, end], ...]}]`, each type once, in taxonomy order."""
    if view.language == "zh":
        hits, candidates = cues_zh.reported_cues(view)
        return reported_types(load(view.data), hits, lambda: cues_zh.clauses(view), view.trace,
                              candidates)
    hits, candidates = cues_en.reported_cues(view)
    return reported_types(load(view.data), hits, lambda: view.sentences, view.trace, candidates)


def naming_cues(view) -> list[Hit]:
    """Every cue of the document that may say what a counted thing is (quoted, planned and
    denied ones too), sorted by start; found once per view."""
    return cues_zh.keyword_hits(view) if view.language == "zh" else cues_en.naming_cues(view)


def words_type(data: DataFiles, words: str, language: str) -> str | None:
    """The type the words alone name ("preaching teams" -> preaching), without context."""
    return _words_type(load(data), words, language)
