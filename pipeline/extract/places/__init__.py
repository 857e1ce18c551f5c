"""Places: named administrative units, streets, communities, villages and sites.

    find_places(view) -> [{"name", "name_zh", "level", "adcode", "mentions"}, ...]

Reads the document's view (`extract.doc.DocView`: its text and language). Pure and fast: the
gazetteer (pipeline.gazetteer) and the word lists of configs/gazetteer (lexicon.toml,
mt_renderings.tsv, ...) load once per configs folder (`view.data`), checked by their models
(lexicon.py).

English (machine-translated) text: capitalised word runs whose letters spell a unit's pinyin
(`Hongshan`, `Hong Shan`, `Xi'an`) with or without a level word after them (`District`,
`County`, ...); known MT renderings of name characters (`Seongbuk`, `three stations`,
`West District`); street/community/village/town names before their suffix word; named sites
before `University`, `Middle School`, `Park`, ... Chinese text: gazetteer names (official,
former and short) matched longest-first, and names before 街道/镇/乡/社区/村/小学/广场....

Units whose name repeats across China are resolved by the document's other places (a parent
mentioned, a sibling in the same city or province); when that cannot decide, adcode is null.

Modules: lexicon (word lists, name indexes), tokens (English tokens, scan state), en (English
recognition steps), sites (named sites, institutions), countries (foreign countries), zh
(Chinese recognition), resolve (admin mentions, disambiguation, result places), towns (township
lookup by English key), merge (English merging: township names from the data, near-identical
spellings, later bare mentions). This module: the entry point.
"""
from __future__ import annotations

from ..doc import DocView, Spans
from .en import recognise_en
from .lexicon import PlaceData, place_data
from .merge import bare_runs, merge_local, sites_take_town_spelling, streets_keep_their_names
from .resolve import Place, admin_places, results
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
    if view.language == "zh":
        return results(find_zh(text, data, titles))
    return results(_find_en(text, data, titles))


_NO_TITLES = Spans(())


def _titles(view: DocView, data: PlaceData) -> Spans:
    """The document's 《film and book titles》 (the view's quotations) up to the lexicon's length."""
    if "《" not in view.text:
        return _NO_TITLES
    return view.quotes.spans(max_chars=data.lex.title_max_chars, marks="《")


def _find_en(text: str, data: PlaceData, titles: Spans) -> list[Place]:
    scan = recognise_en(text, data, titles)
    gz, lex = scan.gz, scan.lex
    places = admin_places(gz, scan.admin, lex)
    towns = TownLookup(data, places)
    merged = merge_local(scan, towns)
    sites_take_town_spelling(merged, text)
    name_institutions(merged, text, data)
    by_key = bare_runs(scan, merged, towns)
    return streets_keep_their_names(gz, text, places, by_key) + list(merged.values())
