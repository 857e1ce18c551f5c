"""Places: named administrative units, streets, communities, villages and sites.

    find_places(view) -> [{"name", "name_zh", "level", "adcode", "mentions"}, ...]

Reads the document's view (`extract.doc.DocView`: its text and language). Pure and fast: the
gazetteer (pipeline.gazetteer) and the word lists of configs/gazetteer (lexicon.toml,
mt_renderings.tsv, ...) load once per configs folder (`view.data`), checked by their models
(lexicon.py).

English (machine-translated) text: capitalised word runs whose letters spell a unit's pinyin
(`Hongshan`, `Hong Shan`, `Xi'an`) with or without a level word after them (`District`,
`County`, ...); known MT renderings of name characters (`Seongbuk`, `three platforms`,
`West District`); street/community/village/town names before their suffix word; named sites
before `University`, `Middle School`, `Park`, ... Chinese text: gazetteer names (official,
former and short) matched longest-first, and names before 街道/镇/乡/社区/村/小学/广场....

Units whose name repeats across China are resolved by the document's other places (a parent
mentioned, a sibling in the same city or province); when that cannot decide, adcode is null.

Every step proposes candidates under a rule id (rules.py: place.en.pinyin_name,
place.zh.suffix_pattern ...); the rejecting predicates configs/places.toml lists for the step
drop some, each with its reason (en_filters.py, zh_filters.py); `resolve.accept` scores the
administrative mentions. With the view's trace on (`bulletins extract --explain`), every
candidate is recorded with its rule, its reasons and the decision; off, nothing is.

Modules: lexicon (data-file models, word lists, name indexes), rules (rule ids, predicate
registry, the trace's record), tokens (English tokens, scan state), en (English recognition
steps), sites (named sites, institutions), countries (foreign countries), en_filters and
zh_filters (the rejecting predicates), zh (Chinese gazetteer names), zh_suffix (Chinese names
before a suffix), zh_words (jieba's words of a clause: ordinary words and verbs around a
suffix), zh_english (English names of Chinese places), resolve (admin mentions,
disambiguation, result places), towns (township lookup by English key), merge (English
merging: township names from the data, near-identical spellings, later bare mentions). This
module: the entry point.
"""
from __future__ import annotations

from ..doc import DocView, Spans
from . import en_filters, zh_filters  # noqa: F401  (registers the rejecting predicates)
from .en import recognise_en
from .lexicon import PlaceData, place_data
from .merge import bare_runs, merge_local, sites_take_town_spelling, streets_keep_their_names
from .resolve import Place, admin_places, results
from .rules import NOT_TRACED, Found
from .sites import name_institutions
from .towns import TownLookup
from .zh import find_zh

__all__ = ["find_places"]


def find_places(view: DocView) -> list[dict]:
    """Places named in the document ("en" machine translation or "zh" Chinese), in order of
    first mention."""
    text = view.text
    if not text:
        return []
    data = place_data(view.data)
    titles = _titles(view, data)
    found = Found(view.trace, text, view.language) if view.trace.enabled else NOT_TRACED
    if view.language == "zh":
        places = results(find_zh(text, data, titles, found))
    else:
        places = results(_find_en(view, data, titles, found))
    found.finish(places)
    return places


_NO_TITLES = Spans(())


def _titles(view: DocView, data: PlaceData) -> Spans:
    """The document's 《film and book titles》 (the view's quotations) up to the lexicon's length."""
    if "《" not in view.text:
        return _NO_TITLES
    return view.quotes.spans(max_chars=data.lex.title_max_chars, marks="《")


def _find_en(view: DocView, data: PlaceData, titles: Spans, found) -> list[Place]:
    text = view.text
    scan = recognise_en(text, data, titles, found, quotes=lambda: view.quotes)
    gz, lex = scan.gz, scan.lex
    places = admin_places(gz, scan.admin, lex, found)
    towns = TownLookup(data, places)
    merged = merge_local(scan, towns)
    sites_take_town_spelling(merged, text)
    name_institutions(merged, text, data, found)
    by_key = bare_runs(scan, merged, towns)
    return streets_keep_their_names(gz, text, places, by_key, found) + list(merged.values())
