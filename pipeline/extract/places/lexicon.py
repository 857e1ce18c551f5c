"""The place extractor's data, as the plain fast structures its steps read, built once per
folder (`DataFiles.build`) from the files models.py checks: configs/places.toml (the rejecting
predicates each step runs) and, of configs/gazetteer (see its README), lexicon.toml,
mt_renderings.tsv, en_zh_words.tsv, institutions.tsv, countries.tsv, pinyin_chars.tsv. The
gazetteer itself (divisions, townships, exonyms) is read by pipeline.gazetteer into the same
gazetteer folder's `DataFiles`.

    places = place_data(view.data)          # per configs folder
    places.gz, places.lex, places.checks    # read at once (checks: the predicates of places.toml)
    places.build(institutions)              # the other tables, built on first use
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import ConfigError
from ...gazetteer import Gazetteer, gazetteer_files, norm_key, read_gazetteer
from ..data import DataFiles
from .models import (EnglishNames, EnSites, EnTowns, EnWindows, EnWords, LexiconFile, NamedRow, PinyinRow, PlacesFile,
                     RenderingRow, Resolve, WordCharsRow, ZhEnglish, ZhLexicon)
from .rules import Checks


def checks(data: DataFiles) -> Checks:
    """The predicates of each step for one configs folder (places.toml)."""
    return Checks(data.toml("places.toml", PlacesFile).rules.model_dump())


# ---------------------------------------------------------------------------------------
# the lexicon, as plain fast structures
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lexicon:
    admin_suffixes: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]   # (words), zh endings
    subcounty_suffixes: tuple[tuple[tuple[str, ...], str, str], ...]     # (words), level, canonical
    site_suffixes: tuple[tuple[tuple[str, ...], str], ...]               # (words), level
    name_word_pinyin: dict
    stop_words: frozenset
    generic_words: frozenset
    bare_stop: frozenset
    surnames: frozenset
    person_roles: frozenset
    person_role_gap: str
    pinyin_word: re.Pattern
    strict_pinyin_word: re.Pattern
    zh_subcounty: dict
    zh_sites: dict
    zh_max_stem: int
    zh_boundary: tuple[str, ...]
    zh_boundary_len: int
    zh_conjunctions: str
    zh_list_marks: str
    town_suffix_words: frozenset
    ethnic_groups: frozenset
    zh_site_own_after: str
    zh_site_inner_heads: str
    zh_generic: tuple[str, ...]                   # a tuple: str.endswith(lex.zh_generic)
    zh_short_stop: frozenset
    zh_bad_following: tuple[str, ...]
    zh_road_after: re.Pattern
    zh_not_followed: dict
    renderings: tuple[tuple[tuple[str, ...], str, str], ...]             # (words lower), stem, mode
    site_stop: frozenset = frozenset()
    site_connectors: frozenset = frozenset()
    site_joiners: frozenset = frozenset()
    of_heads: frozenset = frozenset()
    site_connector_hosts: frozenset = frozenset()
    site_generic: frozenset = frozenset()
    site_regions: frozenset = frozenset()
    not_admin_after: frozenset = frozenset()
    word_chars: dict = field(default_factory=dict)                       # english word -> (Chinese, ...)
    zh_site_max_stem: int = 9
    zh_site_generic: frozenset = frozenset()
    zh_site_generic_starts: tuple = ()                # the same, for str.startswith
    zh_site_words: tuple = ()
    zh_site_heads: dict = field(default_factory=dict)
    zh_generic_units: frozenset = frozenset()
    zh_not_admin_after: str = ""
    title_max_chars: int = 40
    token: re.Pattern = re.compile("")                # an English word token
    joining_spaces: frozenset = frozenset()           # spaces that join two words of one name
    windows: EnWindows | None = None                  # how far the English steps look
    words: EnWords | None = None                      # single words with a role in a pattern
    english_names: EnglishNames | None = None         # names of English words: slogans, quotations
    towns: EnTowns | None = None                      # township look-up by English key
    sites: EnSites | None = None                      # named sites: windows, gaps, ordinals
    ordinal_endings: frozenset = frozenset()
    of_level_words: frozenset = frozenset()
    number_gap: re.Pattern = re.compile("")
    ordinal_gap: re.Pattern = re.compile("")
    translated_unit_endings: dict = field(default_factory=dict)   # "district" -> ("区",)
    town_street_words: frozenset = frozenset()
    zh: ZhLexicon | None = None                       # the Chinese scalars (windows, marks)
    zh_name_char: re.Pattern = re.compile("")         # one character of a Chinese name
    zh_english: ZhEnglish | None = None
    zh_ordinal: re.Pattern = re.compile("")           # 第 + up to three numerals
    zh_digits: dict = field(default_factory=dict)     # 一 -> 1 ... 十 -> 10
    zh_numbered: frozenset = frozenset()
    zh_head_first: frozenset = frozenset()
    resolve: Resolve | None = None                    # namesake scores and thresholds
    # derived: the phrase tables by first word (table order kept), and word sets
    admin_by_first: dict = field(default_factory=dict)
    subcounty_by_first: dict = field(default_factory=dict)
    site_by_first: dict = field(default_factory=dict)
    renderings_by_first: dict = field(default_factory=dict)
    suffix_first_words: frozenset = frozenset()       # first words of every admin, street and site suffix
    name_inner_stop: frozenset = frozenset()          # words that end a unit name before them


def _words(phrase: str, token: re.Pattern) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in token.finditer(phrase))


def by_first(table: tuple) -> dict:
    """A phrase table (entries whose [0] is a word tuple) by first word, keeping table order."""
    out: dict[str, list] = {}
    for entry in table:
        out.setdefault(entry[0][0], []).append(entry)
    return out


def build_lexicon(files: DataFiles) -> Lexicon:
    """lexicon.toml, mt_renderings.tsv and en_zh_words.tsv of the gazetteer folder `files`."""
    d = files.toml("lexicon.toml", LexiconFile)
    en, zh, sites = d.en, d.zh, d.en.sites
    token = re.compile(en.token)
    _words_of = lambda phrase: _words(phrase, token)  # noqa: E731
    renderings = [(_words_of(r[0]), r[1], r[2]) for r in files.table("mt_renderings.tsv", RenderingRow)]
    word_chars: dict[str, list[str]] = {}
    for word, chars in files.table("en_zh_words.tsv", WordCharsRow):
        bucket = word_chars.setdefault(word.strip().lower(), [])
        bucket += [c for c in chars.split("|") if c and c not in bucket]
    by_len = lambda item: -len(item[0])  # noqa: E731
    admin = tuple(sorted(((_words_of(k), tuple(v)) for k, v in en.admin_suffixes.items()), key=by_len))
    subcounty = tuple(sorted(((_words_of(k), v[0], v[1]) for k, v in en.subcounty_suffixes.items()), key=by_len))
    site = tuple(sorted(((_words_of(k), v) for k, v in en.site_suffixes.items()), key=by_len))
    endings = {words: tuple(v) for words, v in admin}
    translated = {}
    for word in en.translated_unit_suffixes:
        words = _words_of(word)
        if words not in endings:
            raise ConfigError(f"invalid data file {files.path('lexicon.toml')}: en.translated_unit_suffixes "
                              f"has {word!r}, which is not one of en.admin_suffixes: add it there")
        translated[words[0]] = endings[words]
    ordinal = zh.english
    renderings_sorted = tuple(sorted(renderings, key=by_len))
    name_word_pinyin = {k.lower(): v for k, v in en.name_word_pinyin.items()}
    suffix_first = frozenset(e[0][0] for e in admin + subcounty + site)
    return Lexicon(
        admin_suffixes=admin,
        subcounty_suffixes=subcounty,
        site_suffixes=site,
        name_word_pinyin=name_word_pinyin,
        stop_words=frozenset(w.lower() for w in en.stop_words),
        generic_words=frozenset(w.lower() for w in en.generic_words),
        bare_stop=frozenset(en.bare_stop),
        surnames=frozenset(w.lower() for w in en.surnames),
        person_roles=frozenset(w.lower() for w in en.person_roles),
        person_role_gap=en.person_role_gap,
        pinyin_word=re.compile(d.en_pinyin.word),
        strict_pinyin_word=re.compile(d.en_pinyin.strict_word),
        zh_subcounty=dict(zh.subcounty_suffixes),
        zh_sites=dict(zh.site_suffixes),
        zh_max_stem=zh.max_stem,
        zh_boundary=tuple(sorted(zh.boundary_words, key=len, reverse=True)),
        zh_boundary_len=max(map(len, zh.boundary_words)),
        zh_conjunctions=zh.conjunctions,
        zh_list_marks=zh.list_marks,
        town_suffix_words=frozenset(w.lower() for w in en.town_suffix_words),
        ethnic_groups=frozenset(w.lower() for w in en.ethnic_groups),
        zh_site_own_after=zh.site_own_name_after,
        zh_site_inner_heads=zh.site_inner_heads,
        zh_generic=tuple(dict.fromkeys(zh.generic_stems)),
        zh_short_stop=frozenset(zh.short_stop),
        zh_bad_following=tuple(zh.bad_following),
        zh_road_after=re.compile(zh.road_after_short),
        zh_not_followed=dict(zh.suffix_not_followed_by),
        renderings=renderings_sorted,
        site_stop=frozenset(w.lower() for w in sites.stop),
        site_connectors=frozenset(sites.connectors),
        site_joiners=frozenset(sites.joiners),
        of_heads=frozenset(w.lower() for w in sites.of_heads),
        site_connector_hosts=frozenset(w.lower() for w in sites.connector_hosts),
        site_generic=frozenset(w.lower() for w in sites.generic),
        site_regions=frozenset(w.lower() for w in sites.regions),
        not_admin_after=frozenset(sites.not_admin_after),
        word_chars={k: tuple(v) for k, v in word_chars.items()},
        zh_site_max_stem=zh.site_max_stem,
        zh_site_generic=frozenset(zh.site_generic_stems),
        zh_site_generic_starts=tuple(dict.fromkeys(zh.site_generic_stems)),
        zh_site_words=tuple(sorted(zh.site_words.items(), key=lambda kv: -len(kv[0]))),
        zh_site_heads=dict(zh.site_heads),
        zh_generic_units=frozenset(zh.generic_units),
        zh_not_admin_after=zh.not_admin_after_short,
        title_max_chars=d.titles.max_chars,
        token=token,
        joining_spaces=frozenset(en.joining_spaces),
        windows=en.windows,
        words=en.words,
        english_names=en.english_names,
        towns=en.towns,
        sites=sites,
        ordinal_endings=frozenset(sites.ordinal_endings),
        of_level_words=frozenset(sites.of_level_words),
        number_gap=re.compile(sites.number_gap),
        ordinal_gap=re.compile(sites.ordinal_gap),
        translated_unit_endings=translated,
        town_street_words=frozenset(en.towns.street_words),
        zh=zh,
        zh_name_char=re.compile(zh.name_chars),
        zh_english=ordinal,
        zh_ordinal=re.compile(re.escape(ordinal.ordinal_mark) + "([" + re.escape(ordinal.digits) + "]{1,3})"),
        zh_digits={ch: k for k, ch in enumerate(ordinal.digits, 1)},
        zh_numbered=frozenset(ordinal.numbered_suffixes),
        zh_head_first=frozenset(ordinal.head_first_suffixes),
        resolve=d.resolve,
        admin_by_first=by_first(admin),
        subcounty_by_first=by_first(subcounty),
        site_by_first=by_first(site),
        renderings_by_first=by_first(renderings_sorted),
        suffix_first_words=suffix_first,
        name_inner_stop=suffix_first | frozenset(name_word_pinyin),
    )


_APOSTROPHES = re.compile("['’-]")


def is_pinyin(word: str, lex: Lexicon) -> bool:
    """The word is written as pinyin is (syllables; one starting with a vowel after an apostrophe)."""
    return all(lex.strict_pinyin_word.match(part) for part in _APOSTROPHES.split(word.lower()) if part)


def function_words(files: DataFiles) -> frozenset:
    """English function words (spaCy's English stop words: determiners, pronouns, numbers ...)
    that are not also pinyin syllables (He, An): a name does not start with one."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lex = files.build(build_lexicon)
    return frozenset(w for w in STOP_WORDS if w.isalpha() and not is_pinyin(w, lex))


def institutions(files: DataFiles) -> tuple[dict, tuple]:
    """norm_key(any English name) -> (canonical, name_zh); abbreviations (case-sensitive) -> same."""
    by_key, abbrevs = {}, []
    for zh, canonical, others in files.table("institutions.tsv", NamedRow):
        for name in [canonical] + [x for x in others.split("|") if x]:
            if name.isupper() and " " not in name:
                abbrevs.append((name, canonical, zh))
            else:
                by_key[norm_key(name)] = (canonical, zh)
    return by_key, tuple(abbrevs)


def countries(files: DataFiles) -> dict:
    """First English word -> [(words, name_zh, name_en)], longest first."""
    by_first_word: dict[str, list] = {}
    for name_zh, name_en, others in files.table("countries.tsv", NamedRow):
        for en in [name_en] + [a for a in others.split("|") if a]:
            words = tuple(w.lower() for w in en.split())
            by_first_word.setdefault(words[0], []).append((words, name_zh, name_en))
    for entries in by_first_word.values():
        entries.sort(key=lambda e: -len(e[0]))
    return by_first_word


def pinyin_chars(files: DataFiles) -> dict[str, str]:
    return dict(files.table("pinyin_chars.tsv", PinyinRow, check_rows=False))


def romanise_zh(stem: str, table: dict[str, str]) -> str:
    """The pinyin of a Chinese name, capitalised, with ' before a syllable starting a/o/e."""
    out = []
    for i, ch in enumerate(stem):
        syl = table.get(ch)
        if syl is None:
            out.append(ch)
            continue
        out.append(("'" + syl) if i and syl[0] in "aoe" else syl)
    word = "".join(out)
    return word[:1].upper() + word[1:]


def en_name_prefixes(files: DataFiles) -> frozenset:
    """Every prefix of every English unit key (gazetteer.by_en): a run of words whose key is not
    one cannot grow into a unit name, so the scan stops there."""
    return frozenset(k[:i] for k in files.build(read_gazetteer).by_en for i in range(len(k) + 1))     # "" too: "Æ"


# ---------------------------------------------------------------------------------------
# one configs folder
# ---------------------------------------------------------------------------------------
class PlaceData:
    """What the place extractor reads for one configs folder: the gazetteer and the lexicon
    (read at once), the other tables built on first use. The gazetteer folder is its own
    `DataFiles`, shared by every configs folder that holds the same one."""

    def __init__(self, data: DataFiles):
        self.files = gazetteer_files(data.root / "gazetteer")
        self.gz: Gazetteer = self.files.build(read_gazetteer)
        self.lex: Lexicon = self.files.build(build_lexicon)
        self.checks: Checks = data.build(checks)

    def build(self, builder):
        return self.files.build(builder)
    @property
    def pinyin(self) -> dict[str, str]:
        return self.files.build(pinyin_chars)


def place_data(data: DataFiles) -> PlaceData:
    return data.build(PlaceData)
