"""The counted thing after an English number: head noun phrase, category, MT repair.

Without a tagger, a unit is a short run of words ending in a head noun: a noun from the unit
lexicon (configs/counts_en/units.toml; singular accepted, since MT drops plurals after numbers)
or an unlisted word that looks plural. The run stops at function words, punctuation and numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..numbers.en_tokens import Token

if TYPE_CHECKING:
    from .en_text import CountText


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    head: str             # the head noun, lower case, as written
    category: str
    normalized: str | None
    excluded: str | None = None   # why this is no count (duration, age, ...), else None


def unit_after(ct: CountText, pos: int, sentence: str = "", after_plural: bool = False) -> Unit | None:
    """The counted thing starting at pos (right after a number), or None.

    after_plural: the number was a bare plural magnitude ("thousands of people"), so a leading
    "of" belongs to it. Head preference: the first listed plural noun; else the first unlisted
    plural-looking word; else the last listed singular (MT drops plurals: "22 old district")."""
    text = ct.text
    lex = ct.nouns
    nums = ct.numbers
    marks = ct.lex.marks
    windows = ct.lex.windows
    toks = ct.tokens_from(pos, windows.unit_after_chars)
    i = 0
    if after_plural and i < len(toks) and toks[i].lower == "of":
        i += 1
    if i < len(toks) and toks[i].text in marks.joiners and toks[i].start == pos:
        i += 1                                     # "150-person team", "95-year-old"
    if i < len(toks) and "\n" in text[pos:toks[i].start]:
        return None                                # a number ending a line (a title) has no unit
    first = i
    while i < len(toks) and toks[i].text in marks.open_quotes:
        i += 1
    quote_open = leading_quote = i > first
    if leading_quote:
        after_quote = _after_quoted_name(ct, toks, i)
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
        if t.text in marks.any_quote:
            if t.text in marks.possessives and t.start == toks[j - 1].end and toks[j - 1].lower.endswith("s"):
                j += 1                           # possessive: "owners' committees"
                continue
            if quote_open and t.text in marks.close_quotes and j + 1 < len(toks) and toks[j + 1].text[0].isalpha() \
                    and toks[j + 1].lower not in lex.stop:
                # '"flowers" singer': the quoted words modify the noun after them
                listed_plural = unlisted_plural = last_singular = None
                quote_open = False
                j += 1
                continue
            opening = t.text in marks.open_quotes and (t.text not in marks.close_quotes or (
                t.start > toks[j - 1].end and j + 1 < len(toks) and toks[j + 1].start == t.end))
            if words and opening and not quote_open:
                quote_open = True                # '48 building "micro-grid" party group'
                j += 1
                continue
            if words and listed_plural is None and last_singular is None and unlisted_plural is None:
                j += 1
                continue
            break
        if t.text in marks.list_separators and words and listed_plural is None and unlisted_plural is None \
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
            reason = lex.excluded_reason(toks[j:j + lex.excluded_span])
            if reason:
                return Unit(toks[first].start, t.end, text[toks[first].start:t.end], w, "other", None, reason)
        words.append(t)
        if w in lex.modifiers and j + 1 < len(toks) and toks[j + 1].text[0].islower() \
                and toks[j + 1].start <= t.end + 1:
            if modifier_head is None:    # "elderly day care centers", "full-time and part-time ..."
                modifier_head = j        # the head only when no noun follows ("20 elderly")
            j += 1
            continue
        listed = lex.category_of([x.text for x in words[-2:]]) is not None
        if lex.looks_plural(w):
            if lex.lemma(w) in lex.through_of and j + 1 < len(toks) and toks[j + 1].lower == "of":
                collective = j
            if listed:
                listed_plural = j
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                noun_follows = (nxt is not None and nxt.text[0].isalpha() and nxt.lower not in lex.stop
                                and nxt.start == t.end + 1 and lex.person_times(t.lower, nxt.lower) is None
                                and lex.category_of([nxt.text]) is not None
                                and not (nxt.text[0].isupper() and not t.text[0].isupper()))
                if collective != j and not quote_open and not noun_follows:
                    break
            elif unlisted_plural is None:
                unlisted_plural = j
        elif listed and not (t.text[0].isupper() and not t.text.isupper()):
            last_singular = j
        if len(words) > windows.modifiers + 1:
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
        times = lex.person_times(head_tok.lower, toks[head_idx + 1].lower)
        if times:                          # "600 people times" (人次)
            head_tok = toks[head_idx + 1]
            end = head_tok.end
    # a closing quote right after the head belongs to the unit ("ten "reading circles"")
    if leading_quote and head_idx + 1 < len(toks) and toks[head_idx + 1].text in marks.close_quotes:
        end = toks[head_idx + 1].end
    phrase_words = [t.text for t in toks[first:head_idx + 1] if t.text[0].isalpha()]
    reason = lex.excluded_reason([head_tok]) if len(phrase_words) <= 2 else None
    time_thing = lex.time_word_things.get(phrase_words[0].lower()) \
        if reason == "duration" and len(phrase_words) == 2 else None
    if time_thing:
        reason = None                      # "5 movie nights": events, not a duration
    unit_text = text[start:end]
    head = head_tok.text
    category = time_thing or lex.category_of(phrase_words) or lex.guess_category(head)
    if len(phrase_words) > 2:
        category = _collective_category(phrase_words, lex) or category
    repair = lex.repair(times or head, sentence, bare=len(phrase_words) == 1)
    normalized = None
    if repair:
        category = repair.category if repair.category is not None else category
        normalized = repair.normalized if times else _normalized(unit_text, head, repair.normalized, marks)
    if len(phrase_words) == 1 and lex.lemma(head) in lex.metric_heads and _after_metric(ct, pos):
        category, normalized = "other", None     # "the clicks exceeded 1.5 million times"
    return Unit(start, end, unit_text, head.lower(), category, normalized, reason)


def _after_quoted_name(ct: CountText, toks: list[Token], i: int) -> int | None:
    """A quoted name with sentence words in it between a number and its noun (a campaign's
    slogan naming the projects): the index of the listed plural noun right after the closing quote, else None."""
    text, lex, close_quotes = ct.text, ct.nouns, ct.lex.marks.close_quotes
    for k in range(i + 1, min(i + ct.lex.windows.quoted_name_tokens, len(toks) - 1)):
        t = toks[k]
        if "\n" in text[toks[k - 1].end:t.start]:
            return None
        if t.text in close_quotes and t.start == toks[k - 1].end:
            if not any(x.lower in lex.stop for x in toks[i:k]):
                return None          # '"red guide" lecturers': the quote stays in the unit
            nxt = toks[k + 1]
            if nxt.text[0].islower() and nxt.start == t.end + 1 and lex.looks_plural(nxt.lower) \
                    and lex.category_of([nxt.text]) is not None:
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
    collective = lex.lemma(low[of - 1])
    if collective in lex.from_complement:
        if collective in lex.occasions:
            return "activity"
        complement = lex.category_of(phrase_words[of + 1:])
        if collective in lex.people_groups and complement in ("people", "organization"):
            return "organization"
        return complement
    if collective in lex.through_of:
        own = lex.category_of(phrase_words[:of])
        # a measure ("phases of training classes") is counted as its complement
        return own if own in lex.own_categories else None
    return None


def _after_metric(ct: CountText, pos: int) -> bool:
    """Whether a click/view word ("clicks", "viewed", "played") stands in the clause just before
    the number ending at pos."""
    windows, lex = ct.lex.windows, ct.nouns
    toks = ct.tokens_before(pos, windows.metric_before_chars)[-windows.metric_tokens:]
    clause_ends = ct.lex.marks.clause_ends
    for t in reversed(toks):
        if t.text in clause_ends:
            return False
        if t.lower in lex.metric_words:
            return True
    return False


def _normalized(unit_text: str, head: str, replacement: str, marks) -> str:
    """"10 games" -> "sessions"; "special reading games" -> "special reading sessions"."""
    idx = unit_text.rfind(head)
    prefix = unit_text[:idx].strip(marks.around_names)
    return f"{prefix} {replacement}".strip() if prefix and " (" not in replacement else replacement
