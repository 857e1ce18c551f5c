"""English (machine-translated) place recognition, in steps over one `EnScan`:

1. MT renderings of name characters ("three platforms", "Seongbuk", "West District");
1b. English words MT made of a unit's characters, before District/County ("City Pass District");
2. romanised unit names, with a level word after them ("Hongshan District") or bare ("Wuhan");
3. streets, communities, villages, towns and sites, by their suffix word.

`recognise_en(text)` runs steps 1-3 and the bare names of step 2; the package resolves and merges.
"""
from __future__ import annotations

from ...gazetteer import Division, Gazetteer, norm_key
from ..data import DataFiles
from .countries import find_countries_en
from ..doc import Spans
from .lexicon import Lexicon, PlaceData, build_lexicon, en_name_prefixes, is_pinyin
from .resolve import AdminMention, suffix_ok
from .rules import EN_PINYIN, EN_RENDERING, EN_SUFFIX, EN_TRANSLATED, LEVEL_WORD, first_rejection
from .sites import add_site, site_gap_ok
from .tokens import EnScan, display_name, suffix_at, without_possessive


def translated_units(gz: Gazetteer, words: list[str], endings: tuple[str, ...], lex: Lexicon) -> list[Division]:
    """County-level units whose name is these English words put back into characters."""
    out: list[Division] = []
    combos = [""]
    for w in words:
        combos = [c + ch for c in combos for ch in lex.word_chars[w]][:lex.windows.translated_combinations]
    for stem in combos:
        for end in endings:
            for d in gz.by_zh_full.get(stem + end, ()):
                if d.level in ("district", "county") and d not in out:
                    out.append(d)
    return out


def _cue_words(files: DataFiles) -> frozenset:
    """Words that start a step's phrase: rendering first words, District/County/Banner, suffix
    first words. One pass over the tokens finds them all; each step filters that short list."""
    lex = files.build(build_lexicon)
    return frozenset(lex.renderings_by_first) | frozenset(lex.translated_unit_endings) | lex.suffix_first_words


def find_renderings(scan: EnScan) -> None:
    """Step 1: MT renderings of name characters ("three platforms", "Seongbuk", "West District")."""
    gz, lex, toks, used, admin = scan.gz, scan.lex, scan.toks, scan.used, scan.admin
    checks, found = scan.checks.en_renderings, scan.found
    renderings = lex.renderings_by_first
    for i in scan.cues_in(renderings):
        if used[i]:
            continue
        for words, stem, mode in renderings[toks.lower[i]]:
            k = len(words)
            if tuple(toks.lower[i:i + k]) != words or not all(toks.joined(j) for j in range(i, i + k - 1)):
                continue
            suf = suffix_at(toks, i + k, lex.admin_by_first, lex)
            end_tok = i + k + (suf[0] if suf else 0) - 1
            why = first_rejection(checks, scan, i, k, mode, suf)
            if why is not None:
                found.drop((toks.items[i][1], toks.items[end_tok][2]), EN_RENDERING, why)
                continue
            endings = suf[1][1] if suf else ()
            cands = [d for d in gz.by_zh_short.get(stem, []) if not endings or suffix_ok(d, endings)]
            cands += [d for d in gz.lookup_zh(stem, short=False) if d not in cands]
            if not cands:
                continue
            kind = "render-any" if mode == "any" else ("render-suffix" if mode == "suffix" else "render-context")
            if mode == "context" and suf:
                kind = "suffix"
            name = None
            if suf:
                name = f"{cands[0].bare_en} {' '.join(w.capitalize() for w in suf[1][0])}"
            admin.append(AdminMention((toks.items[i][1], toks.items[end_tok][2]), cands, kind, name or "",
                                      rule=EN_RENDERING, supports=(LEVEL_WORD,) if suf else ()))
            for j in range(i, end_tok + 1):
                used[j] = True
            break


def find_translated_units(scan: EnScan) -> None:
    """Step 1b: "<English words> District/County" where MT translated the name's characters as
    words ("City Pass District" = 城关区, "Small Shop District" = 小店区): translate them back."""
    gz, lex, toks, used, admin = scan.gz, scan.lex, scan.toks, scan.used, scan.admin
    checks, found = scan.checks.en_translated, scan.found
    endings = lex.translated_unit_endings
    for j in scan.cues_in(endings):
        if j < 1 or used[j] or not toks.cap(j) or not toks.joined(j - 1):
            continue
        for k in range(lex.windows.translated_unit_words, 0, -1):
            i = j - k
            if i < 0 or any(used[x] or not toks.cap(x) or toks.lower[x] not in lex.word_chars for x in range(i, j)) \
                    or not all(toks.joined(x) for x in range(i, j)):
                continue
            why = first_rejection(checks, scan, i, j)
            if why is not None:
                found.drop((toks.items[i][1], toks.items[j][2]), EN_TRANSLATED, why)
                break
            cands = translated_units(gz, [toks.lower[x] for x in range(i, j)], endings[toks.lower[j]], lex)
            if not cands:
                continue
            names = {d.name_zh for d in cands}
            text_name = cands[0].name_en if len(names) == 1 else \
                " ".join(toks.items[x][0] for x in range(i, j + 1))
            admin.append(AdminMention((toks.items[i][1], toks.items[j][2]), cands, "suffix", text_name,
                                      rule=EN_TRANSLATED))
            for x in range(i, j + 1):
                used[x] = True
            break


def find_admin_names(scan: EnScan, bare: bool) -> None:
    """Step 2: romanised names of administrative units followed by a level word ("Hongshan
    District"); with `bare`, also names without one ("Wuhan"), when they are not people or words."""
    gz, lex, toks, n, used, admin = scan.gz, scan.lex, scan.toks, scan.n, scan.used, scan.admin
    checks, found = scan.checks.en_bare, scan.found
    by_en, caps, join, lower, keys = gz.by_en, toks.caps, toks.join, toks.lower, toks.keys
    stop_words, inner_stop = lex.stop_words, lex.name_inner_stop
    prefixes = scan.places.build(en_name_prefixes)
    most = lex.windows.unit_name_words
    after = 0                      # tokens before this are taken or skipped
    for i in scan.name_starts():
        if i < after or used[i] or lower[i] in stop_words:
            continue
        # the longest run (up to unit_name_words tokens) that may be one name: joined, capitalised, free, no
        # suffix or name word ("Road", "Mountain") inside, and its key still the start of a
        # name's key; then the run's longest prefix whose key (norm_key of the words) is a name
        run_keys = [keys[i]]
        while len(run_keys) < most:
            x = i + len(run_keys)
            if x >= n or not join[x - 1] or not caps[x] or used[x] or lower[x] in inner_stop:
                break
            key = run_keys[-1] + keys[x]
            if key not in prefixes:
                break
            run_keys.append(key)
        hit = None
        for k in range(len(run_keys), 0, -1):
            cands = by_en.get(run_keys[k - 1])
            if cands:
                hit = (k, run_keys[k - 1], list(cands))
                break
        if not hit:
            continue
        k, key, cands = hit
        suf = suffix_at(toks, i + k, lex.admin_by_first, lex)
        if suf and not bare:
            fitting = [d for d in cands if suffix_ok(d, suf[1][1])]
            cands = fitting or [d for d in cands if d.level in ("district", "county")] or cands
            end_tok = i + k + suf[0] - 1
            admin.append(AdminMention((toks.items[i][1], toks.items[end_tok][2]), cands, "suffix",
                                      text_name=display_name([toks.items[j][0] for j in range(i, end_tok + 1)], lex),
                                      rule=EN_PINYIN, key=key))
            for j in range(i, end_tok + 1):
                used[j] = True
            after = end_tok + 1
            continue
        if not bare or suf:
            after = i + k
            continue
        # bare name: not a single syllable, not a person's given name, not a common noun, not
        # a river or mountain, not in a title ... (en_filters.py, the en_bare list of places.toml)
        after = i + k
        why = first_rejection(checks, scan, i, k, key, cands)
        if why is not None:
            found.drop((toks.items[i][1], toks.items[i + k - 1][2]), EN_PINYIN, why)
            continue
        shortest = lex.resolve.min_short_chars
        named = [d for d in cands if len(d.short_zh) >= shortest] or cands   # one-character names go
        admin.append(AdminMention((toks.items[i][1], toks.items[i + k - 1][2]), named, "bare",
                                  text_name=without_possessive(" ".join(toks.items[j][0] for j in range(i, i + k))),
                                  rule=EN_PINYIN, key=key))
        for j in range(i, i + k):
            used[j] = True


def find_local_names(scan: EnScan) -> None:
    """Step 3: streets, communities, villages, towns and sites, by their suffix word."""
    gz, lex, toks, n, used = scan.gz, scan.lex, scan.toks, scan.n, scan.used
    suffix_first = lex.suffix_first_words
    subcounty_by_first = lex.subcounty_by_first
    site_by_first = lex.site_by_first
    most, head_after = lex.windows.local_name_words, lex.words.of
    head_words = lex.windows.community_head_words
    checks, found = scan.checks.en_local, scan.found
    for j in scan.cues_in(suffix_first):
        if j < 1 or used[j]:
            continue
        first = toks.lower[j]
        hit = None
        for words, level, canonical in subcounty_by_first.get(first, ()):
            if toks.match_phrase(j, words):
                hit = (len(words), level, canonical)
                break
        site = False
        if not hit:
            for words, level in site_by_first.get(first, ()):
                if toks.cap(j) and tuple(toks.lower[j:j + len(words)]) == words and site_gap_ok(toks, j, lex) \
                        and all(toks.joined(x) for x in range(j, j + len(words) - 1)):
                    hit = (len(words), level, " ".join(toks.items[x][0] for x in range(j, j + len(words))))
                    site = True
                    break
        if not hit:
            continue
        k, level, canonical = hit
        if site:
            add_site(scan, j, k, level)
            continue
        start = j
        while start - 1 >= 0 and j - (start - 1) <= most and not used[start - 1] and toks.joined(start - 1) \
                and (toks.cap(start - 1) or toks.lower[start - 1] in lex.name_word_pinyin) \
                and (toks.lower[start - 1] not in lex.stop_words or toks.lower[start - 1] in lex.name_word_pinyin):
            start -= 1
        # a province or city name before the street's own name is a place of its own, but
        # "Zhangye Road Street", "Shanghai Road Street" are streets named after a city
        lead = scan.lead_admin(start, j)
        if lead and not all(toks.lower[x] in lex.name_word_pinyin for x in range(start + lead, j)):
            start += lead
        while start < j and not toks.cap(start):
            start += 1     # "the mountain village of Maple": a lowercase word starts no name
        end = j + k - 1
        # "Xinhe Community of Maple Garden Road", "the village of Maple": MT put the name after "of"
        tail = _name_after_of(scan, end) if level == "community" else None
        if start == j and (tail is None or not all(is_pinyin(toks.items[x][0], lex) for x in range(end + 2, tail + 1))):
            continue        # no name before the suffix word (nor a pinyin name after "of": not "of CCNU")
        if start < j:
            why = first_rejection(checks, scan, j, k, start, level)
            if why is not None:
                found.drop((toks.items[start][1], toks.items[end][2]), EN_SUFFIX, why)
                continue
        name_words = [toks.items[x][0] for x in range(start, j)]
        if tail is not None:
            r = tail
            name_words = [toks.items[x][0] for x in range(end + 2, r + 1)] + name_words
            end = r
        canonical_suffix = canonical if level in ("township", "community") else ""
        suffix_words = [toks.items[x][0] for x in range(j, j + k)]
        scan.add_local(name_words, suffix_words, level, canonical_suffix,
                       (toks.items[start][1], toks.items[end][2]), EN_SUFFIX)
        for x in range(start, end + 1):
            used[x] = True


def _name_after_of(scan: EnScan, end: int) -> int | None:
    """After a community or village word at `end`: "of" and a capitalised name (not a street,
    town or unit of its own), the name's last token; else None."""
    toks, lex, n, used = scan.toks, scan.lex, scan.n, scan.used
    if not (end + 2 < n and toks.lower[end + 1] == lex.words.of and toks.joined(end) and toks.joined(end + 1)
            and toks.cap(end + 2) and not used[end + 2]):
        return None
    r = end + 2
    while r + 1 < n and r - end - 1 < lex.windows.community_head_words and toks.joined(r) and toks.cap(r + 1) \
            and not used[r + 1] and toks.lower[r + 1] not in lex.stop_words:
        r += 1
    tail = [toks.items[x][0] for x in range(end + 2, r + 1)]
    if suffix_at(toks, r + 1, lex.subcounty_by_first, lex) or suffix_at(toks, r + 1, lex.admin_by_first, lex) \
            or scan.gz.by_en.get(norm_key("".join(tail))):
        return None
    return r


def recognise_en(text: str, places: PlaceData, titles: Spans, found, quotes=None) -> EnScan:
    """Steps 1-3, then bare admin names: the scan's admin mentions and local places. `quotes`:
    a callable giving the text's QuoteIndex (the view's; asked for only when needed)."""
    scan = EnScan(text, places, titles, found)
    scan.quotes = quotes
    scan.cues = scan.toks.where(places.build(_cue_words))
    find_renderings(scan)
    find_translated_units(scan)
    find_admin_names(scan, bare=False)
    scan.admin_used = list(scan.used)
    find_local_names(scan)
    find_admin_names(scan, bare=True)
    find_countries_en(scan)
    return scan
