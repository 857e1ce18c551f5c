"""The counted thing after (or before) an English number: head noun phrase, category, MT repair.

Without a tagger, a unit is a short run of words ending in a head noun: a noun from the unit
lexicon (configs/counts_en/units.toml; singular accepted, since MT drops plurals after numbers)
or an unlisted word that looks plural. The run stops at function words, punctuation and numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...resources import load_lines, load_toml
from ..numbers.en import Token, lexicon as number_lexicon, tokens_before, tokens_from

MAX_QUOTED_NAME = 14          # tokens in a quoted name between a number and its noun
OPEN_QUOTES = {'"', "“", "‘", "'", "「", "『"}
CLOSE_QUOTES = {'"', "”", "’", "'", "」", "』"}
# either kind, made once: unit_after tests every token of its window against both
_ANY_QUOTE = frozenset(OPEN_QUOTES | CLOSE_QUOTES)
MAX_MODIFIERS = 4
INVARIANT = frozenset({"series", "species", "means", "news", "people", "masses"})


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    head: str             # the head noun, lower case, as written
    category: str
    normalized: str | None
    excluded: str | None = None   # why this is no count (duration, age, ...), else None


@dataclass(frozen=True)
class UnitLexicon:
    category: dict          # lemma (one or two words) -> category
    not_heads: frozenset
    plural_forms: frozenset
    through_of: frozenset
    from_complement: frozenset
    neutral_people: frozenset
    group_nouns: frozenset
    repairs: dict           # lemma -> repair table
    stop: frozenset
    excluded: dict          # word/phrase -> reason
    metric_heads: frozenset   # "times" after a click/view word: a tally, not occurrences
    metric_words: frozenset
    modifiers: frozenset = frozenset()
    time_word_things: dict = field(default_factory=dict)


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """A crude singular, enough to look words up: communities -> community, branches -> branch."""
    w = word.lower()
    if w in INVARIANT:
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return w[:-2]                      # classes, boxes, branches
    if len(w) > 4 and w.endswith("ses"):
        return w[:-1]                      # courses, phases, cases
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=1)
def unit_lexicon() -> UnitLexicon:
    units = load_toml("counts_en/units.toml")
    excl = load_toml("counts_en/exclusions.toml")
    category = {}
    for cat, words in units["categories"].items():
        for w in words:
            category[w] = cat
            category.setdefault(" ".join(lemma(x) for x in w.split()), cat)
    irregular = units["plural_irregular"]
    collectives = units["collectives"]
    roles = units["roles"]
    repairs = {}
    for r in units["repairs"]:
        repairs[r["written"]] = r
        repairs.setdefault(lemma(r["written"]), r)
    excluded = {}
    for reason in ("duration", "age", "anniversary", "percent", "other"):
        for w in excl["units"][reason]:
            excluded[w.lower()] = reason
    return UnitLexicon(
        category=category,
        not_heads=frozenset(irregular["not_heads"]),
        plural_forms=frozenset(irregular["plural_forms"]),
        through_of=frozenset(collectives["through_of"]),
        from_complement=frozenset(collectives["category_from_complement"]),
        neutral_people=frozenset(roles["neutral_people"]),
        group_nouns=frozenset(roles["group_nouns"]),
        repairs=repairs,
        stop=frozenset(load_lines("counts_en/unit_stopwords.txt")),
        excluded=excluded,
        metric_heads=frozenset(units["metrics"]["heads"]),
        metric_words=frozenset(units["metrics"]["words"]),
        modifiers=frozenset(units["modifiers"]["words"]),
        time_word_things=dict(units["modifiers"]["time_word_things"]),
    )


def category_of(words: list[str], lex: UnitLexicon | None = None) -> str | None:
    """Category of a head given its phrase words (last = head): two-word entries first."""
    lex = lex or unit_lexicon()
    head = words[-1].lower()
    if len(words) >= 2:
        pair = f"{words[-2].lower()} {head}"
        for key in (pair, f"{lemma(words[-2])} {lemma(head)}"):
            if key in lex.category:
                return lex.category[key]
    for key in (head, lemma(head)):
        if key in lex.category:
            return lex.category[key]
    if "-" in head:
        return category_of([head.rsplit("-", 1)[1]], lex)
    return None


def looks_plural(word: str, lex: UnitLexicon) -> bool:
    w = word.lower()
    if w in lex.plural_forms:
        return True
    if w in lex.not_heads or not w.isascii():
        return False
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "ous", "us", "is", "'s", "’s"))


def guess_category(head: str) -> str:
    """Head-noun rules for heads missing from the lexicon."""
    h = head.lower()
    if h.endswith(("ists", "ians", "eers", "ees", "ants")):
        return "people"
    if h.endswith(("teams", "groups")):
        return "organization"
    return "item"


def _repair(head: str, sentence: str, lex: UnitLexicon, bare: bool = True):
    for key in (head.lower(), lemma(head)):
        r = lex.repairs.get(key)
        if r is None:
            continue
        context = r.get("context")
        if context:
            if not bare:
                return None
            low = sentence.lower()
            if not any(c in low for c in context):
                return None
        return r
    return None


def _times_suffix(head: str, nxt: str) -> str | None:
    """"people times", "person time", "man times": the two-word MT rendering of 人次."""
    if nxt in ("times", "time") and head in ("people", "person", "persons", "man", "men", "passenger"):
        return f"{head} time"
    return None


def _excluded_reason(words: list[Token], lex: UnitLexicon) -> str | None:
    """A duration, age, percentage... head at the start of the unit run ("3 months", "95-year-old")."""
    w0 = words[0].lower
    for phrase_len in (3, 2):
        if len(words) >= phrase_len:
            phrase = " ".join(t.lower for t in words[:phrase_len])
            if phrase in lex.excluded:
                return lex.excluded[phrase]
    if w0 in lex.excluded:
        return lex.excluded[w0]
    if "-" in w0 and w0.split("-", 1)[0] in lex.excluded:
        return lex.excluded[w0.split("-", 1)[0]]
    return None


def unit_after(text: str, pos: int, sentence: str = "", after_plural: bool = False) -> Unit | None:
    """The counted thing starting at pos (right after a number), or None.

    after_plural: the number was a bare plural magnitude ("thousands of people"), so a leading
    "of" belongs to it. Head preference: the first listed plural noun; else the first unlisted
    plural-looking word; else the last listed singular (MT drops plurals: "22 old district")."""
    lex = unit_lexicon()
    nums = number_lexicon()
    toks = tokens_from(text, pos, 120)
    i = 0
    if after_plural and i < len(toks) and toks[i].lower == "of":
        i += 1
    if i < len(toks) and toks[i].text in "-–" and toks[i].start == pos:
        i += 1                                     # "150-person team", "95-year-old"
    if i < len(toks) and "\n" in text[pos:toks[i].start]:
        return None                                # a number ending a line (a title) has no unit
    first = i
    while i < len(toks) and toks[i].text in OPEN_QUOTES:
        i += 1
    quote_open = leading_quote = i > first
    if leading_quote:
        after_quote = _after_quoted_name(text, toks, i, lex)
        if after_quote is not None:     # 128 "I do practical things for the masses" projects
            i = first = after_quote
            quote_open = leading_quote = False
    words: list[Token] = []
    listed_plural = unlisted_plural = last_singular = collective = modifier_head = None
    j = i
    while j < len(toks):
        t = toks[j]
        w = t.lower
        if j > i and "\n" in text[toks[j - 1].end:t.start]:
            break
        if t.text in _ANY_QUOTE:
            if t.text in "'’" and t.start == toks[j - 1].end and toks[j - 1].lower.endswith("s"):
                j += 1                           # possessive: "owners' committees"
                continue
            if quote_open and t.text in CLOSE_QUOTES and j + 1 < len(toks) and toks[j + 1].text[0].isalpha() \
                    and toks[j + 1].lower not in lex.stop:
                # '"flowers" singer': the quoted words modify the noun after them
                listed_plural = unlisted_plural = last_singular = None
                quote_open = False
                j += 1
                continue
            opening = t.text in OPEN_QUOTES and (t.text not in CLOSE_QUOTES or (
                t.start > toks[j - 1].end and j + 1 < len(toks) and toks[j + 1].start == t.end))
            if words and opening and not quote_open:
                quote_open = True                # '48 building "micro-grid" party group'
                j += 1
                continue
            if words and listed_plural is None and last_singular is None and unlisted_plural is None:
                j += 1
                continue
            break
        if t.text == "," and words and listed_plural is None and unlisted_plural is None \
                and last_singular is None and j + 1 < len(toks) and toks[j + 1].text[0].isalpha():
            j += 1                               # "14 new cultural, recreational, and sports facilities"
            continue
        if not w[0].isalpha():
            break
        if t.is_digits or w in nums.words or w in nums.magnitudes or w in nums.plural_magnitudes:
            break
        if w in lex.stop:
            found = listed_plural is not None or unlisted_plural is not None or last_singular is not None
            if w == "and" and not found and words:
                words.append(t)                  # "new and old preachers"
                j += 1
                continue
            if w == "of" and collective is not None and collective == j - 1:
                listed_plural = unlisted_plural = None   # "series of theme activities"
                words.append(t)
                j += 1
                continue
            break
        if not words:
            reason = _excluded_reason(toks[j:j + 3], lex)
            if reason:
                return Unit(toks[first].start, t.end, text[toks[first].start:t.end], w, "other", None, reason)
        words.append(t)
        if w in lex.modifiers and j + 1 < len(toks) and toks[j + 1].text[0].islower() \
                and toks[j + 1].start <= t.end + 1:
            if modifier_head is None:    # "elderly day care centers", "full-time and part-time ..."
                modifier_head = j        # the head only when no noun follows ("20 elderly")
            j += 1
            continue
        listed = category_of([x.text for x in words[-2:]], lex) is not None
        if looks_plural(w, lex):
            if lemma(w) in lex.through_of and j + 1 < len(toks) and toks[j + 1].lower == "of":
                collective = j
            if listed:
                listed_plural = j
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                noun_follows = (nxt is not None and nxt.text[0].isalpha() and nxt.lower not in lex.stop
                                and nxt.start == t.end + 1 and _times_suffix(t.lower, nxt.lower) is None
                                and category_of([nxt.text], lex) is not None
                                and not (nxt.text[0].isupper() and not t.text[0].isupper()))
                if collective != j and not quote_open and not noun_follows:
                    break
            elif unlisted_plural is None:
                unlisted_plural = j
        elif listed and not (t.text[0].isupper() and not t.text.isupper()):
            last_singular = j
        if len(words) > MAX_MODIFIERS + 1:
            break
        j += 1
    head_idx = next((x for x in (listed_plural, unlisted_plural, last_singular, collective, modifier_head)
                     if x is not None), None)
    if head_idx is None:
        return None
    head_tok = toks[head_idx]
    start = toks[first].start
    end = head_tok.end
    times = None
    if head_idx + 1 < len(toks) and toks[head_idx + 1].start == end + 1:
        times = _times_suffix(head_tok.lower, toks[head_idx + 1].lower)
        if times:                          # "600 people times" (人次)
            head_tok = toks[head_idx + 1]
            end = head_tok.end
    # a closing quote right after the head belongs to the unit ("ten "reading circles"")
    if leading_quote and head_idx + 1 < len(toks) and toks[head_idx + 1].text in CLOSE_QUOTES:
        end = toks[head_idx + 1].end
    phrase_words = [t.text for t in toks[first:head_idx + 1] if t.text[0].isalpha()]
    reason = _excluded_reason([head_tok], lex) if len(phrase_words) <= 2 else None
    time_thing = lex.time_word_things.get(phrase_words[0].lower()) \
        if reason == "duration" and len(phrase_words) == 2 else None
    if time_thing:
        reason = None                      # "5 movie nights": events, not a duration
    unit_text = text[start:end]
    head = head_tok.text
    category = time_thing or category_of(phrase_words, lex) or guess_category(head)
    if len(phrase_words) > 2:
        category = _collective_category(phrase_words, lex) or category
    repair = _repair(times or head, sentence, lex, bare=len(phrase_words) == 1)
    normalized = None
    if repair:
        category = repair.get("category", category)
        normalized = repair["normalized"] if times else _normalized(unit_text, head, repair["normalized"])
    if len(phrase_words) == 1 and lemma(head) in lex.metric_heads and _after_metric(text, pos, lex):
        category, normalized = "other", None     # "the clicks exceeded 1.5 million times"
    return Unit(start, end, unit_text, head.lower(), category, normalized, reason)


def _after_quoted_name(text: str, toks: list[Token], i: int, lex: UnitLexicon) -> int | None:
    """A quoted name with sentence words in it between a number and its noun (a campaign's
    slogan naming the projects): the index of the listed plural noun right after the closing quote, else None."""
    for k in range(i + 1, min(i + MAX_QUOTED_NAME, len(toks) - 1)):
        t = toks[k]
        if "\n" in text[toks[k - 1].end:t.start]:
            return None
        if t.text in CLOSE_QUOTES and t.start == toks[k - 1].end:
            if not any(x.lower in lex.stop for x in toks[i:k]):
                return None          # '"red guide" lecturers': the quote stays in the unit
            nxt = toks[k + 1]
            if nxt.text[0].islower() and nxt.start == t.end + 1 and looks_plural(nxt.lower, lex) \
                    and category_of([nxt.text], lex) is not None:
                return k + 1
            return None
    return None


def _collective_category(phrase_words: list[str], lex: UnitLexicon) -> str | None:
    """"12 series of theme activities": the complement's category; "300 groups of visitors",
    "57 issues of audio lectures": the collective's own (a group, an item), not its members'
    (None: the category of the whole phrase stands)."""
    low = [w.lower() for w in phrase_words]
    if "of" not in low[1:-1]:
        return None
    of = low.index("of", 1)
    collective = lemma(low[of - 1])
    if collective in lex.from_complement:
        if collective in _collectives("occasions"):
            return "activity"
        complement = category_of(phrase_words[of + 1:], lex)
        if collective in _collectives("people_groups") and complement in ("people", "organization"):
            return "organization"
        return complement
    if collective in lex.through_of:
        own = category_of(phrase_words[:of], lex)
        # a measure ("phases of training classes") is counted as its complement
        return own if own in _COUNTED_COLLECTIVES else None
    return None


@lru_cache(maxsize=4)
def _collectives(key: str) -> frozenset:
    return frozenset(load_toml("counts_en/units.toml")["collectives"].get(key, ()))


# Categories a collective keeps as its own (a group, a bag, an issue, a session).
_COUNTED_COLLECTIVES = {"organization", "item", "activity"}


def _after_metric(text: str, pos: int, lex: UnitLexicon) -> bool:
    """Whether a click/view word ("clicks", "viewed", "played") stands in the clause just before
    the number ending at pos."""
    toks = tokens_before(text, pos, 80)[-8:]
    for t in reversed(toks):
        if t.text in ",;.!?，；。":
            return False
        if t.lower in lex.metric_words:
            return True
    return False


def _normalized(unit_text: str, head: str, replacement: str) -> str:
    """"10 games" -> "sessions"; "special reading games" -> "special reading sessions"."""
    idx = unit_text.rfind(head)
    prefix = unit_text[:idx].strip(" \"“”‘’'")
    return f"{prefix} {replacement}".strip() if prefix and " (" not in replacement else replacement


def unit_before(text: str, pos: int, linked_only: bool = False) -> Unit | None:
    """A counted thing written before its number: "volunteers numbering 300", "the audience
    reached millions", "practical scientific books 200;". pos is the number's start.
    linked_only: accept only a noun joined to the number by a linking verb ("numbering")."""
    lex = unit_lexicon()
    toks = tokens_before(text, pos, 100)
    links = _linking_phrases()
    k = len(toks)
    # skip a linking verb ("numbering", "reached", "amounting to")
    for phrase in links:
        n = len(phrase)
        if k >= n and [t.lower for t in toks[k - n:k]] == list(phrase):
            k -= n
            break
    else:
        if linked_only:
            return None
    if k == 0:
        return None
    head_tok = toks[k - 1]
    w = head_tok.lower
    if not w[0].isalpha() or w in lex.stop:
        return None
    # a capitalised head names a thing ("District 2", "Group 5") unless it starts a sentence
    if head_tok.text[0].isupper():
        before = text[:head_tok.start].rstrip()
        if before and before[-1] not in ".!?\n":
            return None
    listed = category_of([head_tok.text], lex)
    if listed is None and not looks_plural(w, lex):
        return None
    m = k - 1
    while m > 0 and k - m <= MAX_MODIFIERS:
        t = toks[m - 1]
        if not t.text[0].isalpha() or t.lower in lex.stop or t.is_digits:
            break
        if t.lower in number_lexicon().words:
            break
        m -= 1
    words = [t.text for t in toks[m:k]]
    category = category_of(words, lex) or guess_category(head_tok.text)
    start = toks[m].start
    return Unit(start, head_tok.end, text[start:head_tok.end], w, category, None)


@lru_cache(maxsize=1)
def _linking_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = load_toml("counts_en/units.toml")["noun_before_number"]["linking"]
    return tuple(sorted((tuple(p.lower().split()) for p in phrases), key=len, reverse=True))


def group_before(text: str, pos: int) -> str | None:
    """The group a count sizes: "the volunteer team of 9 people" -> "volunteer team"."""
    lex = unit_lexicon()
    toks = tokens_before(text, pos, 80)
    k = len(toks)
    if k >= 2 and toks[k - 1].lower == "of":
        k -= 1
        if k >= 2 and toks[k - 1].lower in ("consisting", "composed", "made"):
            k -= 1
    else:
        return None
    if k == 0 or lemma(toks[k - 1].lower) not in lex.group_nouns:
        return None
    m = k - 1
    while m > 0 and k - m <= 3:
        t = toks[m - 1]
        if not t.text[0].isalpha() or t.lower in lex.stop:
            break
        m -= 1
    return " ".join(t.text for t in toks[m:k])


def group_having(text: str, pos: int) -> str | None:
    """The group a count of people sizes when the group is the subject of "has", "consists of"
    ... ("the preaching group of the district has 86 people" -> "preaching group"); pos is the
    start of the number (with its qualifier)."""
    if not _having_end().search(text, max(0, pos - 40), pos):
        return None
    lex = unit_lexicon()
    toks = tokens_before(text, pos, 100)
    k = len(toks)
    for phrase in _having_phrases():
        n = len(phrase)
        if k > n and tuple(t.lower for t in toks[k - n:k]) == phrase:
            k -= n
            break
    else:
        return None
    # the group noun, possibly followed by "of the district", "in Xinhe Street"
    for g in range(k - 1, max(k - 6, 0) - 1, -1):
        t = toks[g]
        if lemma(t.lower) in lex.group_nouns and category_of([t.text], lex) == "organization":
            # a team formed to do something; not a class or session ("each class has 20")
            if g == k - 1 or toks[g + 1].lower in _GROUP_TAIL:
                return _with_modifiers(toks, g, lex)
            return None
        if not t.text[0].isalpha() or not (t.lower in _GROUP_TAIL or t.text[0].isupper()
                                           or category_of([t.text], lex) == "place"):
            return None
    return None


def _with_modifiers(toks, g: int, lex: UnitLexicon) -> str:
    """The group noun toks[g] with up to 3 modifier words before it."""
    m = g
    while m > 0 and g - m < 3:
        prev = toks[m - 1]
        if not prev.text[0].isalpha() or prev.lower in lex.stop:
            break
        m -= 1
    return " ".join(x.text for x in toks[m:g + 1])


# Words that may follow a group noun before its "has": "the team of the street has ...".
_GROUP_TAIL = frozenset({"of", "in", "at", "the", "this", "that", "whole"})


@lru_cache(maxsize=1)
def _having_end() -> re.Pattern:
    """Any group_having phrase right before the number (a cheap test before tokenising)."""
    words = sorted((" ".join(p) for p in _having_phrases()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                      + r")\s+$", re.I)


@lru_cache(maxsize=1)
def _having_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = load_toml("counts_en/units.toml")["roles"]["group_having"]
    return tuple(sorted((tuple(p.lower().split()) for p in phrases), key=len, reverse=True))


def group_after(text: str, pos: int) -> str | None:
    """The group a role-neutral count belongs to: "5 members of the preaching team" -> the phrase
    "preaching team"; pos is the unit's end."""
    lex = unit_lexicon()
    toks = tokens_from(text, pos, 120)
    if not toks or toks[0].lower != "of":
        return None
    j = 1
    if j < len(toks) and toks[j].lower in ("the", "a", "an", "this", "that"):
        j += 1
    words = []
    while j < len(toks) and len(words) < 5:
        t = toks[j]
        if not t.text[0].isalpha():
            break
        words.append(t.text)
        if lemma(t.lower) in lex.group_nouns:
            return " ".join(words)
        j += 1
    return None
