"""A unit read from its head noun: where it ends, whether it is no count after all, its
category, its MT repair. `head_unit` is the last step of `en_units.unit_after`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbers.en_tokens import Token
from .en_text import Unit

if TYPE_CHECKING:
    from .en_nouns import UnitLexicon
    from .en_text import CountText


def head_unit(ct: CountText, toks: list[Token], first: int, head_idx: int, leading_quote: bool,
              sentence: str, pos: int) -> Unit:
    """The unit from toks[first] to its head toks[head_idx]; pos is the number's end."""
    lex, marks = ct.nouns, ct.lex.marks
    head_tok = toks[head_idx]
    start, end = toks[first].start, head_tok.end
    times = None
    if head_idx + 1 < len(toks) and toks[head_idx + 1].start == end + 1:
        times = lex.person_times(head_tok.lower, toks[head_idx + 1].lower)
        if times:                          # "600 people times" (人次)
            head_tok = toks[head_idx + 1]
            end = head_tok.end
    # a closing quote right after the head belongs to the unit ('eight "book corners"')
    if leading_quote and head_idx + 1 < len(toks) and toks[head_idx + 1].text in marks.close_quotes:
        end = toks[head_idx + 1].end
    phrase_words = [t.text for t in toks[first:head_idx + 1] if t.text[0].isalpha()]
    reason = lex.excluded_reason([head_tok]) if len(phrase_words) <= 2 else None
    time_thing = lex.time_word_things.get(phrase_words[0].lower()) \
        if reason == "duration" and len(phrase_words) == 2 else None
    if time_thing:
        reason = None                      # "5 movie nights": events, not a duration
    unit_text = ct.text[start:end]
    head = head_tok.text
    category = time_thing or lex.category_of(phrase_words) or lex.guess_category(head)
    if len(phrase_words) > 2:
        category = _collective_category(phrase_words, lex) or category
    repair = lex.repair(times or head, sentence, bare=len(phrase_words) == 1)
    normalized = None
    if repair:
        category = repair.category if repair.category is not None else category
        normalized = repair.normalized if times else _normalized(unit_text, head, repair.normalized,
                                                                 marks.around_names)
    if len(phrase_words) == 1 and lex.lemma(head) in lex.metric_heads and _after_metric(ct, pos):
        category, normalized = "other", None     # "the videos were played 9,000 times"
    return Unit(start, end, unit_text, head.lower(), category, normalized, reason)


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


def _normalized(unit_text: str, head: str, replacement: str, around_names: str) -> str:
    """"7 games" -> "sessions"; "special reading games" -> "special reading sessions"."""
    idx = unit_text.rfind(head)
    prefix = unit_text[:idx].strip(around_names)
    return f"{prefix} {replacement}".strip() if prefix and " (" not in replacement else replacement
