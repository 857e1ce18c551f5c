"""Foreign countries named in English text (configs/gazetteer/countries.tsv): "South Korea".
China itself is not annotated as a place, so it is not listed. (Chinese text is not searched:
without word boundaries 南非 hides in 河南非遗, 日本 in 今日本站.)

    find_countries_en(scan) -> None     # adds country places to an EnScan
"""
from __future__ import annotations

from ..data import DataFiles
from .lexicon import build_lexicon, countries
from .tokens import EnScan, site_key


def _after_stop(files: DataFiles) -> frozenset:
    """Words after a country's name that make it part of a street or site name."""
    lex = files.build(build_lexicon)
    return lex.not_admin_after | lex.suffix_first_words


def find_countries_en(scan: EnScan) -> None:
    by_first = scan.places.build(countries)
    toks, used = scan.toks, scan.used
    toks_n = len(toks.lower)
    after_stop = scan.places.build(_after_stop)
    of = scan.lex.words.of
    for i in toks.where(by_first):
        if used[i] or not toks.cap(i):
            continue
        for words, name_zh, name_en in by_first[toks.lower[i]]:
            k = len(words)
            if tuple(toks.lower[i:i + k]) != words or not all(toks.joined(x) for x in range(i, i + k - 1)) \
                    or any(used[x] for x in range(i, i + k)):
                continue
            if not all(toks.cap(x) or toks.lower[x] == of for x in range(i, i + k)):
                continue
            if i + k < toks_n and toks.joined(i + k - 1) and (toks.lower[i + k] in after_stop):
                break          # "Peru Road", "Japan Street": a street or site named after it
            scan.add_local([], [], "country", "", (toks.items[i][1], toks.items[i + k - 1][2]), display=name_en)
            scan.local["country:" + site_key(name_en)].name_zh = name_zh
            for x in range(i, i + k):
                used[x] = True
            break
