"""English places after recognition: township names from the data, near-identical spellings of
one township or community merged, sites spelt like their town, known institutions, later bare
mentions of places found above, and bare admin names that are a street's name.
"""
from __future__ import annotations

from ...gazetteer import Gazetteer, norm_key
from .resolve import Place
from .rules import EN_LATER, EN_SUFFIX, EN_TOWN, SPELT_AS_FOUND, STREET_NAMED_SO, TOWN_IN_GAZETTEER, first_rejection
from .tokens import EnScan
from .towns import TownLookup, close


def merge_local(scan: EnScan, towns: TownLookup) -> dict[str, Place]:
    """Merge near-identical spellings of one township/community, and name townships from the data."""
    local, order = scan.local, scan.order
    street_words, street_pinyin = scan.lex.town_street_words, scan.lex.towns.street_pinyin
    fuzzy = towns.fuzzy
    groups: list[list[Place]] = []
    group_keys: list[list[str]] = []          # the key (without level) of each place in groups
    for key in order:
        p = local[key]
        level, nk = key.split(":", 1)
        if level == "township":
            t = towns.find(nk) or towns.translated(_name_words(scan, p), scan.lex.word_chars) \
                or (towns.find(nk + street_pinyin) if _suffix_word(scan, p) in street_words else None)  # 枫街街道
            if t is not None:
                p.name_zh = t.name_zh
                p.name = t.name_en
                p.key = "township:" + norm_key(t.bare_en)
                for span in p.mentions:
                    scan.found.keep(span, EN_SUFFIX, TOWN_IN_GAZETTEER)
        target = None
        p_nk = p.key.split(":", 1)[1]
        spelt_freely = level != "institution"
        for g, g_keys in zip(groups, group_keys):
            if g[0].level != p.level:
                continue
            if any(q.key == p.key or (spelt_freely and close(q_nk, p_nk, fuzzy)) for q, q_nk in zip(g, g_keys)):
                target = g
                g_keys.append(p_nk)
                break
        if target is None:
            groups.append([p])
            group_keys.append([p_nk])
        else:
            target.append(p)
    merged: dict[str, Place] = {}
    for g in groups:
        named = [q for q in g if q.name_zh]
        head = named[0] if named else max(g, key=lambda q: len(q.mentions))
        for q in g:
            if q is not head:
                head.mentions += q.mentions
        merged[head.key] = head
    return merged


def sites_take_town_spelling(merged: dict[str, Place], text: str) -> None:
    """A site named after a town MT misspelt takes the town's spelling from the data: with
    "Qingshu Town" read as Qingshui Town (清水镇), "Qingshu Central Primary School" is "Qingshui ..."."""
    spelling = {}
    for p in merged.values():
        if p.level == "township" and p.name_zh:
            bare = p.name.rsplit(" ", 1)[0]
            for s, e in p.mentions:
                written = text[s:e].rsplit(" ", 1)[0]
                if written != bare and " " not in written:
                    spelling[written] = bare
    if not spelling:
        return
    for p in merged.values():
        if p.level in ("institution", "other"):
            first, _, rest = p.name.partition(" ")
            if first in spelling and rest:
                p.name = f"{spelling[first]} {rest}"


def _suffix_word(scan: EnScan, p: Place) -> str:
    """The last word of a street's first mention, lower case ("street" in "Taiyuan Street")."""
    start, end = p.mentions[0]
    return scan.toks.text[start:end].rsplit(" ", 1)[-1].lower()


def _name_words(scan: EnScan, p: Place) -> list[str]:
    """The words of a street's first mention before its suffix word ("Harmony Road Street")."""
    start, end = p.mentions[0]
    words = scan.toks.text[start:end].split()
    return words[:-1] if len(words) > 1 else []


def bare_runs(scan: EnScan, merged: dict[str, Place], towns: TownLookup) -> dict[str, Place]:
    """Step 5, bare runs: more mentions of places found above ("Maple Labor Company", "Xinhe
    Road"), and townships of the document's counties named without their suffix ("In Xinqiao").
    Returns the places by key (without level)."""
    lex, toks, n, used = scan.lex, scan.toks, scan.n, scan.used
    by_key = {}
    for p in merged.values():
        by_key.setdefault(p.key.split(":", 1)[1], p)
    caps, join, lower, keys, items = toks.caps, toks.join, toks.lower, toks.keys, toks.items
    stop_words, name_words, pinyin_word = lex.stop_words, lex.name_word_pinyin, lex.pinyin_word
    most, later_min, town_min = lex.windows.later_run_words, lex.windows.later_min_letters, lex.windows.town_min_letters
    checks, found = scan.checks.en_later, scan.found
    starts = toks.capitalised()
    if not towns.any:
        # only the places above can match (by_key does not grow): a run's key starts with its
        # first token's key, which must then start some place's key
        prefixes = {k[:m] for k in by_key for m in range(len(k) + 1)}
        starts = [i for i in starts if keys[i] in prefixes]
    after = 0                      # tokens before this are taken
    for i in starts:
        if i < after or used[i] or lower[i] in stop_words:
            continue
        # a run of up to 4 tokens, then its prefixes longest first; key = name_key of the words,
        # built from each token's key ("Hualin Road" -> hualin + lu)
        j = i
        while j + 1 < n and j - i < most - 1 and not used[j + 1] and join[j] and \
                (caps[j + 1] or lower[j + 1] in name_words):
            j += 1
        pieces = [keys[i]]
        for x in range(i + 1, j + 1):
            pieces.append(name_words[lower[x]] if lower[x] in name_words and pinyin_word.match(keys[x - 1])
                          else keys[x])
        for end in range(j, i - 1, -1):
            key = "".join(pieces[:end - i + 1]) if end > i else pieces[0]
            hit = False
            if key in by_key and len(key) >= later_min:
                by_key[key].mentions.append((items[i][1], items[end][2]))
                found.keep((items[i][1], items[end][2]), EN_LATER, SPELT_AS_FOUND)
                hit = True
            elif len(key) >= town_min and towns.any:
                t = towns.scope.find_bare(key)
                if t is not None:
                    why = first_rejection(checks, scan, i, end)      # not "Maple Lake": a lake, road ...
                    if why is not None:
                        found.drop((items[i][1], items[end][2]), EN_TOWN, why)
                        continue
                    p = Place(t.name_en, t.name_zh, "township", None, key="township:" + key)
                    merged[p.key] = p
                    by_key[key] = p
                    p.mentions.append((items[i][1], items[end][2]))
                    found.keep((items[i][1], items[end][2]), EN_TOWN, TOWN_IN_GAZETTEER)
                    hit = True
            if hit:
                for x in range(i, end + 1):
                    used[x] = True
                after = end + 1
                break
    return by_key


def streets_keep_their_names(gz: Gazetteer, text: str, places: list[Place], by_key: dict[str, Place],
                             found) -> list[Place]:
    """Bare admin names that are the name of a street found above belong to the street."""
    out = []
    for p in places:
        if p.adcode and p.level != "province":
            d = gz.get(p.adcode)
            same = by_key.get(norm_key(d.bare_en))
            if same is not None and same.level == "township":
                rest = []
                for s in p.mentions:
                    if norm_key(text[s[0]:s[1]]) == norm_key(d.bare_en):
                        same.mentions.append(s)
                        found.keep(s, EN_SUFFIX, STREET_NAMED_SO)
                    else:
                        rest.append(s)
                p.mentions = rest
                if not rest:
                    continue
        out.append(p)
    return out
