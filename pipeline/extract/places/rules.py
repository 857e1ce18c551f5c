"""The place extractor's rules: what proposes a place (suggest), what backs a kept one
(support), what drops one (reject), and the record of a document's candidates for its trace.

Rejecting predicates are registered per step with `@predicate(step, rule_id, meaning)` next to
the step they serve (en_filters.py, zh_filters.py) and run in the order configs/places.toml
lists them for that step; an id left out of that list is not run. The scorer's reasons (a
namesake without context ...) are registered here: `resolve.accept` gives them.

    @predicate("en_bare", "place.en.after_surname", "right after a surname: a given name")
    def _after_surname(scan, i, k, key, cands): ...
    why = first_rejection(scan.checks.en_bare, scan, i, k, key, cands)   # rule id or None
"""
from __future__ import annotations

from typing import Callable

from ..decisions import RULES, Candidate, Trace

# ---------------------------------------------------------------------------------------
# suggesters: how a candidate was found
# ---------------------------------------------------------------------------------------
EN_PINYIN = RULES.add("place.en.pinyin_name", "suggest",
                      "capitalised words whose letters spell a unit's pinyin name (gazetteer)")
EN_VARIANT = RULES.add("place.en.variant_spelling", "suggest",
                       "capitalised words spelling a unit's other English name (Wade-Giles, postal, exonym, old reading)")
EN_RENDERING = RULES.add("place.en.mt_rendering", "suggest",
                         "words MT made of a unit's name characters (mt_renderings.tsv)")
EN_TRANSLATED = RULES.add("place.en.translated_unit", "suggest",
                          "English words put back into a county's characters before District/County (en_zh_words.tsv)")
EN_SUFFIX = RULES.add("place.en.suffix_pattern", "suggest",
                      "a capitalised name before a street, community, village or town word")
EN_SITE = RULES.add("place.en.site", "suggest", "a capitalised name before a site or institution head word")
EN_INSTITUTION = RULES.add("place.en.institution", "suggest",
                           "a well-known institution's abbreviation (institutions.tsv)")
EN_COUNTRY = RULES.add("place.en.country", "suggest", "a foreign country's name (countries.tsv)")
EN_TOWN = RULES.add("place.en.town_lookup", "suggest",
                    "a bare township name of the document's counties (gazetteer)")
EN_LATER = RULES.add("place.en.later_mention", "suggest", "a later bare mention of a place found above")
ZH_EXACT = RULES.add("place.zh.gazetteer_exact", "suggest", "a unit's official or former Chinese name (gazetteer)")
ZH_SHORT = RULES.add("place.zh.short_name", "suggest", "a unit's short Chinese name (gazetteer)")
ZH_TOWNSHIP = RULES.add("place.zh.township", "suggest", "a township's Chinese name (gazetteer)")
ZH_SUFFIX = RULES.add("place.zh.suffix_pattern", "suggest", "a name before 街道, 镇, 乡, 社区 or 村")
ZH_SITE = RULES.add("place.zh.site", "suggest", "a name before a site suffix (小学, 纪念馆, 公园 ...)")
ZH_LISTED = RULES.add("place.zh.listed_before_suffix", "suggest",
                      "names listed before 等 and a suffix, which they share (甲、乙等社区)")

# ---------------------------------------------------------------------------------------
# supports: why a kept candidate was kept (the first names its evidence)
# ---------------------------------------------------------------------------------------
LEVEL_WORD = RULES.add("place.en.level_word", "support", "followed by its level word (District, County ...)")
RENDERING_TRUSTED = RULES.add("place.en.rendering_trusted", "support",
                              "a rendering that is nothing but a name (trust 'any' in mt_renderings.tsv)")
FULL_NAME = RULES.add("place.zh.full_name", "support", "named in full, with its level character")
CONTEXT = RULES.add("place.any.context_in_document", "support",
                    "another place of the document (a parent, a sibling, its province) backs it")
PARENT_OR_SIBLING = RULES.add("place.any.parent_or_sibling_in_document", "support",
                              "its parent or a sibling unit is in the document")
NAMED_ELSEWHERE = RULES.add("place.any.named_in_full_elsewhere", "support",
                            "the document names the same unit with its level word or in full")
PROVINCE_OR_CITY = RULES.add("place.any.province_or_city", "support",
                             "a province or city, above every namesake")
UNIQUE_REPEATED = RULES.add("place.any.unique_and_repeated", "support",
                            "the only unit of that name in China, named more than once")
TOWN_IN_GAZETTEER = RULES.add("place.en.town_in_gazetteer", "support",
                              "a township of the document's counties by that name (or one letter off)")
KNOWN_INSTITUTION = RULES.add("place.en.known_institution", "support",
                              "an institution's canonical name (institutions.tsv)")
STREET_NAMED_SO = RULES.add("place.en.street_named_so", "support",
                            "a bare unit name that is a street's name of the document: the street")
SITE_LEAD = RULES.add("place.en.names_a_site", "support", "a province or city leading a site's name")
PINYIN_WORDS = RULES.add("place.en.pinyin_words", "support", "the name's words are pinyin syllables")
ENGLISH_WORDS = RULES.add("place.en.english_words", "support",
                          "the name has English words (characters MT translated, numbers, ordinals)")
LISTED = RULES.add("place.any.listed_name", "support", "a name of a hand-kept list (countries.tsv, institutions.tsv)")
SPELT_AS_FOUND = RULES.add("place.en.spelt_as_found_place", "support", "spelt as a place found above")
AFTER_BOUNDARY = RULES.add("place.zh.name_after_boundary", "support",
                           "the name starts after punctuation, a place or a boundary word")
AT_LENGTH_LIMIT = RULES.add("place.zh.name_at_length_limit", "support",
                            "the name starts where the length limit (max_stem) cut it")
NAMED_AFTER_PLACE = RULES.add("place.zh.named_after_place", "support",
                              "a site named after the place before it (a city, a district)")
LISTED_WITH_OTHERS = RULES.add("place.zh.listed_with_others", "support",
                               "one of names listed before 等 and the suffix they share")

# ---------------------------------------------------------------------------------------
# the scorer's reasons for dropping an administrative mention (resolve.accept)
# ---------------------------------------------------------------------------------------
UNDECIDED = RULES.add("place.any.namesakes_undecided", "reject",
                      "several units have this name and nothing in the document picks one")
RENDERING_NO_CONTEXT = RULES.add("place.en.rendering_without_context", "reject",
                                 "a rendering trusted only with another place of its city or province")
GENERIC_NO_PARENT = RULES.add("place.zh.generic_area_without_parent", "reject",
                              "an ordinary word for an area (老城区) without its parent in the document")
OUTRANKED = RULES.add("place.any.outranked_namesake", "reject",
                      "a province or city name alone that a namesake of its level also has")
BARE_NO_CONTEXT = RULES.add("place.any.bare_name_without_context", "reject",
                            "a name alone with no parent, sibling or level word, not unique and repeated")
FAR_FROM_OTHERS = RULES.add("place.any.far_from_other_places", "reject",
                            "a name alone, unique and repeated, but in a province where the document names no "
                            "other place (a person, a newspaper, a nickname)")
UNNAMED = RULES.add("place.any.unnamed_namesakes", "reject",
                    "namesakes with different Chinese names, none chosen, and no English name written")

# ---------------------------------------------------------------------------------------
# rejecting predicates, per step
# ---------------------------------------------------------------------------------------
STEPS = {
    "en_renderings": "step 1, MT renderings: (scan, i, k, mode, suffix)",
    "en_translated": "step 1b, words put back into characters: (scan, i, j)",
    "en_bare": "step 2, bare unit names: (scan, i, k, key, cands)",
    "en_local": "step 3, names before a street/community/village/town word: (scan, j, k, start, level)",
    "en_site": "step 3, names before a site head word: (scan, j, k, start)",
    "en_country": "countries: (scan, i, k)",
    "en_later": "bare township names of the document's counties: (scan, i, end)",
    "zh_match": "gazetteer names in Chinese text: (scan, start, end, entries)",
    "zh_admin": "units among the gazetteer names: (scan, start, end, entries)",
    "zh_suffix_word": "a suffix in Chinese text: (scan, i, suffix)",
    "zh_suffix": "a name before a suffix: (scan, stem_start, i, suffix, bounded, prefix)",
    "zh_list": "names listed before 等 and a suffix (start, end: the name): (scan, start, end)",
}
PREDICATES: dict[str, dict[str, Callable[..., bool]]] = {step: {} for step in STEPS}


def predicate(step: str, rule_id: str, meaning: str):
    """Register a rejecting predicate of `step` (see STEPS for its arguments)."""
    RULES.add(rule_id, "reject", meaning)

    def register(check: Callable[..., bool]) -> Callable[..., bool]:
        known = PREDICATES[step].get(rule_id)
        if known is not None and known.__qualname__ != check.__qualname__:
            raise ValueError(f"predicate {rule_id} registered twice for step {step}")
        PREDICATES[step][rule_id] = check
        return check
    return register


def first_rejection(checks: tuple, *args) -> str | None:
    """The id of the first predicate (in data order) that fires on the candidate, else None."""
    for rule_id, check in checks:
        if check(*args):
            return rule_id
    return None


class Checks:
    """The predicates each step runs, in the order of one configs folder's places.toml."""

    def __init__(self, lists: dict[str, list[str]]):
        for step in STEPS:
            setattr(self, step, tuple((rule_id, PREDICATES[step][rule_id]) for rule_id in lists[step]))


# ---------------------------------------------------------------------------------------
# the trace of one document
# ---------------------------------------------------------------------------------------
class Found:
    """A document's place candidates, for its trace: what proposed each mention that ends in a
    place (with the reasons it was kept), and every candidate dropped with its reason. With the
    trace off, `NOT_TRACED` stands in and records nothing."""

    on = True

    def __init__(self, trace: Trace, text: str, language: str):
        self.trace = trace
        self.text, self.language = text, language
        self.kept: dict[tuple[int, int], Candidate] = {}

    def keep(self, span: tuple[int, int], rule: str, *supports: str) -> None:
        """A mention kept so far; the first rule to propose a span names it."""
        cand = self.kept.get(span)
        if cand is None:
            cand = self.kept[span] = Candidate("place", span[0], span[1], rule)
        for reason in supports:
            if reason not in cand.reasons:
                cand.reasons.append(reason)

    def drop(self, span: tuple[int, int], rule: str, reason: str, *supports: str, item: dict | None = None) -> None:
        """A candidate dropped; its item is the place it would have been as far as known (the
        words of the span by default), so `evaluate --rules` can tell whether dropping was right."""
        if item is None:
            words = self.text[span[0]:span[1]]
            item = {"name_zh": words} if self.language == "zh" else {"name": words}
        cand = Candidate("place", span[0], span[1], rule, item)
        cand.reasons.extend(supports)
        self.trace.reject(cand, reason)

    def finish(self, places: list[dict]) -> None:
        """Every mention of the output places, accepted with its place as the item."""
        for place in places:
            for start, end in place["mentions"]:
                cand = self.kept.pop((start, end), None)
                if cand is None:     # every mention is proposed by some rule: a bug if not
                    cand = Candidate("place", start, end, "place.any.unexplained")
                self.trace.accept(cand, place)


class _NotTraced:
    on = False

    def keep(self, span, rule, *supports) -> None:
        pass

    def drop(self, span, rule, reason, *supports, item=None) -> None:
        pass

    def finish(self, places) -> None:
        pass


NOT_TRACED = _NotTraced()
RULES.add("place.any.unexplained", "note", "a mention no rule proposed (a bug: report it)")
