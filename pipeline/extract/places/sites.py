"""Named sites and institutions in English text: the capitalised name before a site head word
("Nanchang No. 3 Middle School", "Former Site of the ... Institute", "August 1st Square"), and
well-known institutions by canonical name or abbreviation (institutions.tsv: CCNU).
"""
from __future__ import annotations

import re

from ...gazetteer import norm_key
from .lexicon import Lexicon, PlaceData, institutions, is_pinyin
from .resolve import AdminMention, Place
from .rules import EN_INSTITUTION, EN_PINYIN, EN_SITE, KNOWN_INSTITUTION, LISTED, SITE_LEAD, first_rejection
from .tokens import EnScan, Tokens, is_possessive

def is_ordinal(toks: Tokens, x: int, lex: Lexicon) -> bool:
    """'st' of '1st', 'th' of '10th' (digits are not tokens)."""
    s = toks.items[x][1]
    return toks.lower[x] in lex.ordinal_endings and s > 0 and toks.text[s - 1].isdigit()


def site_gap_ok(toks: Tokens, x: int, lex: Lexicon) -> bool:
    """May tokens x-1 and x belong to one site name ("No. 3 Middle", "August 1st")?"""
    gap = toks.text[toks.items[x - 1][2]:toks.items[x][1]]
    if gap.strip(lex.sites.gap_spaces) == "" and "\n" not in gap:
        return True
    if toks.lower[x - 1] == lex.sites.number_word and lex.number_gap.fullmatch(gap):
        return True
    return is_ordinal(toks, x, lex) and bool(lex.ordinal_gap.fullmatch(gap))


def _site_word(toks: Tokens, x: int, lex: Lexicon) -> bool:
    return is_ordinal(toks, x, lex) or (toks.cap(x) and toks.lower[x] not in lex.site_stop)


def _joined_words(toks: Tokens, a: int, b: int, lex: Lexicon) -> bool:
    """Two words "and" may join inside one site's name: English words, not pinyin names nor
    abbreviations (not "CCNU and Maple Middle School": two sites)."""
    return all(not is_ordinal(toks, x, lex) and not toks.items[x][0].isupper()
               and not is_pinyin(toks.items[x][0], lex) for x in (a, b))


def _site_start(toks: Tokens, j: int, blocked: list, lex: Lexicon) -> int:
    """First token of a site's name ending before head token j: capitalised words, "No. 3",
    ordinals, and "of the" after a host word ("Former Site of the ... Institute")."""
    start, most = j, lex.sites.max_words
    while start > 0 and j - start < most:
        x = start - 1
        if blocked[x] or not site_gap_ok(toks, start, lex):
            break
        if _site_word(toks, x, lex):
            start = x
            continue
        if toks.lower[x] in lex.site_joiners and x > 0 and _site_word(toks, x - 1, lex) and not blocked[x - 1] \
                and site_gap_ok(toks, x, lex) and _joined_words(toks, x - 1, x + 1, lex):
            start = x - 1      # "Vocational and Technical College", "Science and Technology Museum"
            continue
        if toks.lower[x] in lex.site_connectors:
            y = x
            while y >= 0 and toks.lower[y] in lex.site_connectors and not blocked[y] and site_gap_ok(toks, y + 1, lex):
                y -= 1
            if y >= 0 and not blocked[y] and toks.lower[y] in lex.site_connector_hosts and toks.cap(y) \
                    and site_gap_ok(toks, y + 1, lex):
                start = y
                continue
        break
    while start < j and (not toks.cap(start) or toks.lower[start] in lex.site_stop):
        start += 1
    return start


def _name_after_of(scan: EnScan, j: int, end: int) -> int:
    """After an institution's head word (University, Institute ...): "of" and capitalised words
    joined by "and" ("Hunan Institute of Technology", "University of Finance and Economics"), and
    a site head right after them ("... of Finance and Economics Primary School"): the site's
    last token; else `end`."""
    toks, lex, used, n = scan.toks, scan.lex, scan.used, scan.n
    if toks.lower[j] not in lex.of_heads or end + 2 >= n or toks.lower[end + 1] != lex.words.of \
            or not toks.joined(end) or not toks.joined(end + 1):
        return end
    r, x = end, end + 2
    while x < n and x - end - 1 <= lex.sites.max_words and not used[x] and toks.cap(x) \
            and toks.lower[x] not in lex.site_stop and toks.lower[x] not in lex.stop_words:
        r = x
        if x + 2 < n and toks.joined(x) and toks.lower[x + 1] in lex.site_joiners and toks.joined(x + 1):
            x += 2
        elif x + 1 < n and toks.joined(x):
            x += 1
        else:
            break
    if r == end:
        return end
    for words, _level in lex.site_suffixes:       # a longer site's head right after: the site
        m = len(words)
        if tuple(toks.lower[r + 1:r + 1 + m]) == words and toks.cap(r + 1) and toks.joined(r) \
                and all(toks.joined(y) for y in range(r + 1, r + m)):
            return r + m
    return r


def site_continues(toks: Tokens, r: int, lex: Lexicon) -> bool:
    """After a site head at r: does a longer site name follow ("University Second Hospital")?"""
    n = len(toks)
    for x in range(r, min(n, r + lex.sites.continues_within)):
        if not site_gap_ok(toks, x, lex) or not _site_word(toks, x, lex):
            return False
        for words, _level in lex.site_suffixes:
            if toks.lower[x:x + len(words)] == list(words) and toks.cap(x):
                return True
    return False


class _Blocked:
    """blocked[x]: token x was taken by a street or site, not by an admin name (which a site's
    name may include). Looked up for the few tokens before a head word only, so not a list."""
    __slots__ = ("used", "admin_used")

    def __init__(self, used: list[bool], admin_used: list[bool]):
        self.used, self.admin_used = used, admin_used

    def __getitem__(self, x: int) -> bool:
        return self.used[x] and not self.admin_used[x]


def add_site(scan: EnScan, j: int, k: int, level: str) -> None:
    """The site whose head word(s) are tokens j..j+k-1, with the name before them; a province or
    city leading the name ("Nanchang No. 3 Middle School") is also an admin mention."""
    toks, lex, gz, used, admin_used, admin, text = \
        scan.toks, scan.lex, scan.gz, scan.used, scan.admin_used, scan.admin, scan.text
    start = _site_start(toks, j, _Blocked(used, admin_used), lex)
    if start == j:
        return   # no name before the head word
    end = _name_after_of(scan, j, j + k - 1)
    span = (toks.items[start][1], toks.items[end][2] - (2 if is_possessive(toks.lower[end]) else 0))
    why = first_rejection(scan.checks.en_site, scan, j, k, start)
    if why is not None:
        scan.found.drop(span, EN_SITE, why)
        return
    display = re.sub(r"\s+", " ", text[span[0]:span[1]]).replace("’", "'")
    lead = scan.lead_admin(start, j)
    if lead and start >= 2 and toks.lower[start - 1] == lex.words.of and \
            toks.lower[start - 2] in lex.of_level_words:
        # "the city of Nanning Lakeside Park": the city belongs to "the city of"
        start += lead
        span = (toks.items[start][1], span[1])
        display = re.sub(r"\s+", " ", text[span[0]:span[1]]).replace("’", "'")
        key = norm_key("".join(toks.items[x][0] for x in range(start - lead, start)))
        admin.append(AdminMention((toks.items[start - lead][1], toks.items[start - 1][2]),
                                  list(gz.by_en.get(key, [])), "bare", rule=EN_PINYIN, key=key, supports=(SITE_LEAD,)))
        lead = 0
    if lead and not any(admin_used[x] for x in range(start, start + lead)) \
            and toks.lower[start + lead] not in lex.name_word_pinyin:
        key = norm_key("".join(toks.items[x][0] for x in range(start, start + lead)))
        cands = [d for d in gz.by_en.get(key, []) if len(d.short_zh) >= lex.resolve.min_short_chars]
        if cands:
            admin.append(AdminMention((toks.items[start][1], toks.items[start + lead - 1][2]), cands, "bare",
                                      text_name=" ".join(toks.items[x][0] for x in range(start, start + lead)),
                                      rule=EN_PINYIN, key=key, supports=(SITE_LEAD,)))
    scan.add_local(None, None, level, "", span, EN_SITE, display=display)
    for x in range(start, end + 1):
        used[x] = True


def name_institutions(merged: dict[str, Place], text: str, places: PlaceData, found) -> None:
    """Known institutions: canonical names, Chinese names, abbreviations ("CCNU")."""
    inst_by_key, abbrevs = places.build(institutions)
    for p in list(merged.values()):
        if p.level == "institution" and norm_key(p.name) in inst_by_key:
            p.name, p.name_zh = inst_by_key[norm_key(p.name)]
            for span in p.mentions:
                found.keep(span, EN_SITE, KNOWN_INSTITUTION)
    for abbr, canonical, zh in abbrevs:
        if abbr not in text:
            continue          # a plain substring search first: the \b regex scans slowly
        for m in re.finditer(r"\b%s\b" % re.escape(abbr), text):
            p = next((q for q in merged.values() if q.name_zh == zh), None)
            if p is None:
                p = Place(canonical, zh, "institution", None, key="institution:" + norm_key(canonical))
                merged[p.key] = p
            p.mentions.append((m.start(), m.end()))
            found.keep((m.start(), m.end()), EN_INSTITUTION, LISTED)
