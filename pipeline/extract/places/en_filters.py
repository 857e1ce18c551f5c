"""The rejecting predicates of the English steps, each a named reason to drop a candidate.

configs/places.toml lists which run at each step and in what order; the arguments of each
step are in rules.STEPS. A predicate returns True when the candidate is not a place.
"""
from __future__ import annotations

from ...gazetteer import norm_key
from .countries import country_after_stop
from .lexicon import function_words, is_pinyin
from .rules import predicate
from .sites import is_ordinal, site_continues


# -- step 1: MT renderings (scan, i, k, mode, suffix) ------------------------------------
@predicate("en_renderings", "place.en.rendering_not_capitalised",
           "a rendering trusted anywhere must be capitalised ('Seongbuk', not 'seongbuk')")
def _rendering_not_capitalised(scan, i, k, mode, suffix) -> bool:
    return mode == "any" and not scan.toks.cap(i)


@predicate("en_renderings", "place.en.rendering_without_level_word",
           "a rendering trusted only before a level word ('West District'), and none follows")
def _rendering_without_level_word(scan, i, k, mode, suffix) -> bool:
    return mode == "suffix" and not suffix


# -- step 1b: English words put back into characters (scan, i, j) ------------------------
@predicate("en_translated", "place.en.pinyin_name_instead",
           "the words spell a unit's romanised name: that reading is taken instead")
def _pinyin_name_instead(scan, i, j) -> bool:
    items = scan.toks.items
    return bool(scan.gz.by_en.get(norm_key("".join(items[x][0] for x in range(i, j)))))


# -- step 2: bare unit names (scan, i, k, key, cands) ------------------------------------
@predicate("en_bare", "place.en.one_character_name",
           "every unit so named has a one-character short name: a single syllable")
def _one_character_name(scan, i, k, key, cands) -> bool:
    shortest = scan.lex.resolve.min_short_chars
    return not any(len(d.short_zh) >= shortest for d in cands)


@predicate("en_bare", "place.en.after_surname", "right after a one-syllable surname: a person's given name")
def _after_surname(scan, i, k, key, cands) -> bool:
    toks = scan.toks
    return i > 0 and toks.joined(i - 1) and toks.lower[i - 1] in scan.lex.surnames


@predicate("en_bare", "place.en.after_role_word",
           "right after a person's role or title ('reporter Long Li', 'Secretary Wang Shan'): a person's name")
def _after_role_word(scan, i, k, key, cands) -> bool:
    toks, lex = scan.toks, scan.lex
    if i == 0 or toks.lower[i - 1] not in lex.person_roles:
        return False
    gap = scan.text[toks.items[i - 1][2]:toks.items[i][1]]
    return gap.strip(lex.person_role_gap) == ""


@predicate("en_bare", "place.en.before_given_name",
           "a one-word name that is a surname, before a capitalised word: a person")
def _before_given_name(scan, i, k, key, cands) -> bool:
    toks = scan.toks
    return k == 1 and toks.lower[i] in scan.lex.surnames and i + 1 < scan.n and toks.joined(i) \
        and toks.cap(i + 1)


@predicate("en_bare", "place.en.common_word", "the pinyin of a common noun or a brand (lexicon bare_stop)")
def _common_word(scan, i, k, key, cands) -> bool:
    return key in scan.lex.bare_stop


@predicate("en_bare", "place.en.river_or_mountain",
           "followed by river, mountain, lake, road ...: the feature, not the unit of that name")
def _river_or_mountain(scan, i, k, key, cands) -> bool:
    toks = scan.toks
    return i + k < scan.n and toks.joined(i + k - 1) and toks.lower[i + k] in scan.lex.not_admin_after


@predicate("en_bare", "place.en.inside_title", "inside a 《film or book title》")
def _inside_title(scan, i, k, key, cands) -> bool:
    return scan.titles.find(scan.toks.items[i][1]) is not None


# -- step 3: names before a street, community, village or town word (scan, j, k, start, level)
@predicate("en_local", "place.en.town_named_after_village",
           "'X Village Town': the village word is part of the town's name, which the town word takes")
def _town_named_after_village(scan, j, k, start, level) -> bool:
    toks, lex = scan.toks, scan.lex
    return k == 1 and toks.lower[j] in lex.name_word_pinyin and toks.joined(j) and j + 1 < scan.n \
        and toks.lower[j + 1] in lex.town_suffix_words


@predicate("en_local", "place.en.ordinary_words_before_suffix",
           "only generic or stop words before the suffix word ('the New Village', 'Happy Community')")
def _ordinary_words_before_suffix(scan, j, k, start, level) -> bool:
    lower, lex = scan.toks.lower, scan.lex
    return all(lower[x] in lex.generic_words or lower[x] in lex.stop_words for x in range(start, j))


@predicate("en_local", "place.en.function_word_name",
           "the name starts with a function word (spaCy's English stop words: 'My village is ...', "
           "'Which community')")
def _function_word_name(scan, j, k, start, level) -> bool:
    return scan.toks.lower[start] in scan.places.build(function_words)


def _english_words(scan, start: int, j: int) -> bool:
    """The name's words are all English (none written as pinyin) and the gazetteer has no unit
    of that name."""
    toks, lex = scan.toks, scan.lex
    if any(is_pinyin(toks.items[x][0], lex) for x in range(start, j)):
        return False
    return not scan.gz.by_en.get("".join(toks.keys[x] for x in range(start, j)))


@predicate("en_local", "place.en.english_slogan",
           "English words only, inside a title-case phrase that goes on ('Leading Community Governance') "
           "or quoted alone ('the \"Red Property Community\" drive'): a slogan, not a name")
def _english_slogan(scan, j, k, start, level) -> bool:
    if not _english_words(scan, start, j):
        return False
    toks, lex = scan.toks, scan.lex
    after = j + k
    if after < scan.n and toks.joined(after - 1) and toks.cap(after) and toks.lower[after] not in lex.stop_words \
            and toks.lower[after] not in lex.suffix_first_words:
        return True
    if scan.quotes is None:
        return False
    names = lex.english_names
    span_end = toks.items[after - 1][2]
    quote = scan.quotes().find(toks.items[start][1], max_chars=names.quote_max_chars, marks=names.quote_marks)
    return quote is not None and quote.end - 1 == span_end


# -- step 3: names before a site head word (scan, j, k, start) ---------------------------
@predicate("en_site", "place.en.longer_site_follows",
           "another site head follows ('Maple University Second Hospital'): the longer name is the site")
def _longer_site_follows(scan, j, k, start) -> bool:
    return site_continues(scan.toks, j + k, scan.lex)


@predicate("en_site", "place.en.generic_site_name",
           "only generic words before the head word ('the Former Site'), and no region ('South China')")
def _generic_site_name(scan, j, k, start) -> bool:
    toks, lex = scan.toks, scan.lex
    words = toks.lower[start:j]
    return all(w in lex.site_generic or w in lex.generic_words or w in lex.site_stop or is_ordinal(toks, x, lex)
               for x, w in zip(range(start, j), words)) and " ".join(words[:2]) not in lex.site_regions


# -- countries (scan, i, k) --------------------------------------------------------------
@predicate("en_country", "place.en.country_not_capitalised", "a country's words must be capitalised (but 'of')")
def _country_not_capitalised(scan, i, k) -> bool:
    toks, of = scan.toks, scan.lex.words.of
    return not all(toks.cap(x) or toks.lower[x] == of for x in range(i, i + k))


@predicate("en_country", "place.en.street_named_after_country",
           "followed by a street, site or feature word ('Peru Road'): named after the country")
def _street_named_after_country(scan, i, k) -> bool:
    toks = scan.toks
    return i + k < scan.n and toks.joined(i + k - 1) and toks.lower[i + k] in scan.places.build(country_after_stop)


# -- bare township names of the document's counties (scan, i, end) ----------------------
@predicate("en_later", "place.en.town_before_feature_word",
           "a township's name before lake, road, river ...: the feature, not the township")
def _town_before_feature_word(scan, i, end) -> bool:
    toks = scan.toks
    return end + 1 < scan.n and toks.join[end] and toks.lower[end + 1] in scan.lex.not_admin_after
