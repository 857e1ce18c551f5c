"""Activity types: which types of configs/taxonomy.toml a bulletin reports as carried out, and
which type a counted thing belongs to. How the decision is made: docs/activities.md.

    find_activities(view) -> [{"type", "mentions": [[start, end], ...]}]

Suggesters propose cues (cues_en, cues_zh: taxonomy cues, verb + object pairs, keywords, quoted
names held as activities), each tagged with its rule id; the filters listed in [rules] of the
taxonomy drop some, each with its reason (filters_en, cues_zh); decide.py says which types are
reported. units.py types a counted thing.
"""
from __future__ import annotations

from ..data import DataFiles
from . import cues_en, cues_zh, filters_en  # noqa: F401  (filters_en registers the English filters)
from .decide import reported_types
from .lexicon import load
from .units import unit_type


def find_activities(view) -> list[dict]:
    """`[{"type", "mentions": [[start, end], ...]}]`, each type once, in taxonomy order."""
    lexicon = load(view.data)
    cues = cues_zh if view.language == "zh" else cues_en
    hits, candidates = cues.reported_cues(view)
    return reported_types(lexicon, view.text, hits, view.trace, candidates)


def activity_for_unit(unit: str, context: str, language: str, data: DataFiles | None = None) -> str | None:
    """The taxonomy type of a counted thing (`unit`, as written) in its sentence (`context`)."""
    return unit_type(load(data or DataFiles.at()), unit, context, language)
