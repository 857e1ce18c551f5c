"""The rejecting predicates of the Chinese steps, each a named reason to drop a candidate.

configs/places.toml lists which run at each step and in what order; the arguments of each
step are in rules.STEPS. A predicate returns True when the candidate is not a place.
"""
from __future__ import annotations

from .rules import predicate
from .zh_suffix import has_site_word, road_ok
from .zh_words import frequency


def _short_only(entries) -> bool:
    return entries[0][0] == "short" and all(kind == "short" for kind, _ in entries)


def _after(scan, end: int) -> str:
    return scan.text[end:end + scan.after_window]


# -- gazetteer names in the text (scan, start, end, entries) ------------------------------
@predicate("zh_match", "place.zh.part_of_word",
           "the name's last character begins a longer word with what follows (区域, 市场, 县域)")
def _part_of_word(scan, start, end, entries) -> bool:
    tail = scan.text[end - 1] + _after(scan, end)
    return tail.startswith(scan.lex.zh_bad_following)


@predicate("zh_match", "place.zh.road_after_short_name",
           "a short name before 路, 街, 巷 ...: a street named after the place")
def _road_after_short_name(scan, start, end, entries) -> bool:
    return _short_only(entries) and scan.lex.zh_road_after.match(_after(scan, end)) is not None


@predicate("zh_match", "place.zh.river_after_short_name",
           "a short name before 河, 江, 山 ... (and no place name): a river or mountain")
def _river_after_short_name(scan, start, end, entries) -> bool:
    if not _short_only(entries):
        return False
    after = _after(scan, end)
    if not (after[:1] and after[0] in scan.lex.zh_not_admin_after):
        return False
    text, index = scan.text, scan.names.index
    return not any(index.get(text[end:end + length]) for length in scan.lex.zh.next_name_lengths)


@predicate("zh_match", "place.zh.across_words",
           "the name begins inside an ordinary word or ends inside one (建成|县级, 大|理论, 委和|县直): "
           "jieba's words do not have it")
def _across_words(scan, start, end, entries) -> bool:
    for first, stop, word, pos_tag in scan.words.around(start):
        if stop <= start:
            continue
        if first >= end:
            break
        crosses = (first < start < stop) or (first < end < stop)
        if crosses and not _name_word(scan, word, pos_tag):
            return True
    return False


# -- gazetteer names as administrative units (scan, start, end, entries) ------------------
@predicate("zh_admin", "place.zh.inside_longer_name",
           "inside a name found by its suffix, and not the place that name starts with")
def _inside_longer_name(scan, start, end, entries) -> bool:
    return any(ts <= start and end <= te and (ts, te) != (start, end) for ts, te in scan.taken) \
        and (start, end) not in scan.prefixes


@predicate("zh_admin", "place.zh.short_name_in_title", "a short name inside a 《film or book title》")
def _short_name_in_title(scan, start, end, entries) -> bool:
    return entries[0][0] == "short" and scan.titles.find(start) is not None


@predicate("zh_admin", "place.zh.generic_area_in_word",
           "an area word (城区) right after 中, 主, 老, 新: part of a longer word (中心城区)")
def _generic_area_in_word(scan, start, end, entries) -> bool:
    text, zh = scan.text, scan.lex.zh
    return entries[0][0] != "town" and text[start:end] in scan.lex.zh_generic_units and start > 0 \
        and text[start - 1] in zh.generic_unit_not_after


# -- a suffix in the text (scan, i, suffix) -----------------------------------------------
@predicate("zh_suffix_word", "place.zh.suffix_inside_word",
           "the suffix begins another word with the next character (村民, 乡镇, 大学生)")
def _suffix_inside_word(scan, i, suffix) -> bool:
    nxt = scan.text[i + len(suffix):i + len(suffix) + 1]
    return bool(nxt) and nxt in scan.lex.zh_not_followed.get(suffix, "")


def _name_word(scan, word: str, pos_tag: str) -> bool:
    """A word of the gazetteer, or one jieba tags as a name and is rare enough to be one."""
    words = scan.lex.zh.words
    return word in scan.names.index or (pos_tag in words.name_tags and frequency(word) <= words.name_max_frequency)


@predicate("zh_suffix_word", "place.zh.suffix_inside_ordinary_word",
           "a one-character suffix ending an ordinary word of jieba's dictionary (农村, 下乡, 山村): no suffix")
def _suffix_inside_ordinary_word(scan, i, suffix) -> bool:
    if len(suffix) != 1:        # a longer suffix is a word itself, and a word ending in it its kind (师范大学)
        return False
    for start, stop, word, pos_tag in scan.words.around(i):
        if stop > i:
            return start < i and not _name_word(scan, word, pos_tag)
    return False


# -- the name before a suffix (scan, stem_start, i, suffix, bounded, prefix) --------------
@predicate("zh_suffix", "place.zh.verb_before_suffix",
           "the word before a street, community or village suffix is a verb, the suffix its object "
           "(结合社区特点, 美化乡村): no name")
def _verb_before_suffix(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    if prefix is not None or i - stem_start <= 0 or suffix in scan.lex.zh_sites:
        return False       # (a site's name may well be a verb: 实验小学, 育才中学)
    if scan.text[stem_start:i + len(suffix)] in scan.names.index:
        return False
    return scan.words.verb_ending_at(i)


@predicate("zh_suffix", "place.zh.clause_before_suffix",
           "longer than max_stem with no place before it and no site word: a clause, not a name")
def _clause_before_suffix(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    return prefix is None and i - stem_start > scan.lex.zh_max_stem \
        and not has_site_word(scan.text[stem_start:i], scan.lex)


@predicate("zh_suffix", "place.zh.no_name", "fewer than min_stem characters before the suffix")
def _no_name(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    return i - stem_start < scan.lex.zh.min_stem


@predicate("zh_suffix", "place.zh.road_inside_name",
           "a road character inside the name, or ending it without a boundary before: not one name")
def _road_inside_name(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    return not road_ok(scan.text[stem_start:i], bounded, scan.lex)


@predicate("zh_suffix", "place.zh.ordinary_word_stem",
           "the name is, or ends with, an ordinary word (行政村, 城中村, 美丽乡村)")
def _ordinary_word_stem(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    stem = scan.text[stem_start:i]
    return prefix is None and stem.endswith(scan.lex.zh_generic)


@predicate("zh_suffix", "place.zh.generic_site_stem", "a site's name that names no site alone (人民医院, 实验小学)")
def _generic_site_stem(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    return prefix is None and scan.text[stem_start:i] in scan.lex.zh_site_generic


@predicate("zh_suffix", "place.zh.one_char_before_generic_site_stem",
           "one character (or a level character) before a generic site name names nothing (县人民医院)")
def _one_char_before_generic_site_stem(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    stem, lex = scan.text[stem_start:i], scan.lex
    return prefix is None and (len(stem) > lex.zh.min_stem or (stem != "" and stem[0] in lex.zh.level_chars)) \
        and stem[1:] in lex.zh_site_generic


@predicate("zh_suffix", "place.zh.unit_name_before_street",
           "a street or village suffix right after a unit named in full: not a name of its own")
def _unit_name_before_street(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    return prefix is None and stem_start in scan.hard_starts and suffix not in scan.lex.zh_sites


@predicate("zh_suffix", "place.zh.nothing_after_place",
           "a site suffix right after a place (or after its 的): no name of its own")
def _nothing_after_place(scan, stem_start, i, suffix, bounded, prefix) -> bool:
    if prefix is None:
        return False
    stem, lead = scan.text[stem_start:i], prefix[1] - prefix[0]
    return not (len(stem) > lead and stem[lead:] not in ("", scan.lex.zh.possessive))


# -- names listed before 等 and a suffix (scan, start, end) --------------------------------
@predicate("zh_list", "place.zh.ordinary_word_stem",
           "the name is, or ends with, an ordinary word (行政村, 城中村, 美丽乡村)")
def _listed_ordinary_word(scan, start, end) -> bool:
    stem = scan.text[start:end]
    return stem.endswith(scan.lex.zh_generic)


@predicate("zh_list", "place.zh.road_inside_name",
           "a road character inside the name, or ending it without a boundary before: not one name")
def _listed_road_inside_name(scan, start, end) -> bool:
    return not road_ok(scan.text[start:end], True, scan.lex)
