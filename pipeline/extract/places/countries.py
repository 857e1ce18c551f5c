"""Foreign countries named in English text (configs/gazetteer/countries.tsv): "South Korea".
China itself is not annotated as a place, so it is not listed. (Chinese text is not searched:
without word boundaries 南非 hides in 河南非遗, 日本 in 今日本站.)

    find_countries_en(scan) -> None     # adds country places to an EnScan
"""
from __future__ import annotations

from ..data import DataFiles
from .lexicon import build_lexicon, countries
from .rules import EN_COUNTRY, LISTED, first_rejection
from .tokens import EnScan, site_key


def country_after_stop(files: DataFiles) -> frozenset:
    """Words after a country's name that make it part of a street or site name."""
    lex = files.build(build_lexicon)
    return lex.not_admin_after | lex.suffix_first_words


_STREET_NAMED_AFTER_IT = "place.en.street_named_after_country"


def find_countries_en(scan: EnScan) -> None:
    by_first = scan.places.build(countries)
    toks, used, checks, found = scan.toks, scan.used, scan.checks.en_country, scan.found
    for i in toks.where(by_first):
        if used[i] or not toks.cap(i):
            continue
        for words, name_zh, name_en in by_first[toks.lower[i]]:
            k = len(words)
            if tuple(toks.lower[i:i + k]) != words or not all(toks.joined(x) for x in range(i, i + k - 1)) \
                    or any(used[x] for x in range(i, i + k)):
                continue
            why = first_rejection(checks, scan, i, k)
            if why is not None:
                found.drop((toks.items[i][1], toks.items[i + k - 1][2]), EN_COUNTRY, why)
                if why == _STREET_NAMED_AFTER_IT:
                    break      # a street or site named after it: no shorter country name here
                continue
            scan.add_local([], [], "country", "", (toks.items[i][1], toks.items[i + k - 1][2]), EN_COUNTRY,
                           display=name_en, support=LISTED)
            scan.local["country:" + site_key(name_en)].name_zh = name_zh
            for x in range(i, i + k):
                used[x] = True
            break
