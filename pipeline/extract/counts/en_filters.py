"""Why an English number is not a count: the rejecting filters, each a rule id with a predicate.

A filter runs only when its id is listed in exclusions.toml [rules] filters, in that order; the
first that fires is the candidate's reason for being dropped. Every predicate reads a `Reading`
(the number phrase, its counted thing and how that was found) and decides for itself whether it
applies (a frequency needs a unit after the number). Data: configs/counts_en/exclusions.toml.
"""
from __future__ import annotations

from typing import Callable

from ..decisions import RULES
from ..numbers.en import NumberText, find_number_phrases
from .en_text import UNIT_AFTER, UNIT_BEFORE, UNIT_OF_LATER_NUMBER, CountText, Reading

Filter = Callable[[CountText, Reading], bool]
FILTERS: dict[str, Filter] = {}


def _filter(rule_id: str, meaning: str):
    RULES.add(rule_id, "reject", meaning)

    def register(predicate: Filter) -> Filter:
        FILTERS[rule_id] = predicate
        return predicate
    return register


# ------------------------------------------------------------------------- the counted thing

def _unit_excluded_as(reason: str) -> Filter:
    def excluded(ct: CountText, r: Reading) -> bool:
        return r.unit is not None and r.unit.excluded == reason
    return excluded


# one filter per list of exclusions.toml [units]: "3 months", "a 70-year-old", "50 percent" ...
for _reason, _meaning in (("duration", "the thing after the number is a duration (3 months)"),
                          ("age", "the thing after the number is an age (a 70-year-old)"),
                          ("anniversary", "the thing after the number is an anniversary"),
                          ("percent", "the thing after the number is a percentage"),
                          ("other", "the thing after the number is a degree, rank, score or congress")):
    _filter(f"count.en.unit_{_reason}", _meaning)(_unit_excluded_as(_reason))


@_filter("count.en.frequency_or_multiplier",
         "'N times' is a frequency (times a month) or a multiplier (times higher)")
def frequency_or_multiplier(ct: CountText, r: Reading) -> bool:
    if r.found_by not in (UNIT_AFTER, UNIT_OF_LATER_NUMBER) or r.unit.head not in ct.frequency.heads:
        return False
    f = ct.frequency
    unit_end = r.unit.end
    rest = ct.text[unit_end:unit_end + f.after_chars].lower().lstrip()
    if any(rest.startswith(p + " ") or rest.startswith(p + ",") or rest.startswith(p + ".")
           or rest == p for p in f.periods):
        return True
    nxt = _next_words(ct, unit_end, 1)
    return bool(nxt) and nxt[0] in f.multipliers


@_filter("count.en.decimal_with_integral_unit",
         "a decimal before whole things (people, teams, events) is a date that kept its dot")
def decimal_with_integral_unit(ct: CountText, r: Reading) -> bool:
    return (r.phrase.decimal and r.found_by in (UNIT_AFTER, UNIT_OF_LATER_NUMBER, UNIT_BEFORE)
            and r.unit.category in ct.integral_categories)


# ---------------------------------------------------------------------------- the number

@_filter("count.en.masked",
         "inside a URL, file name, phone number, clock time, code, percentage, ordinal or numeral name")
def masked(ct: CountText, r: Reading) -> bool:
    return ct.masks.covers(r.phrase.start, r.phrase.end, r.phrase.words_only)


@_filter("count.en.slogan_numeral", "a numeral inside a quoted slogan or formula")
def slogan_numeral(ct: CountText, r: Reading) -> bool:
    """A number inside quotes is part of a slogan or formula, unless the quote spells out
    several quantities of things that are not a numbered list."""
    quote = None
    for most, marks in ct.context.slogan_quotes:      # the innermost quotation around the number
        found = ct.quotes.find(r.phrase.start, most, marks)
        if found is not None and (quote is None or found.start > quote.start):
            quote = found
    if quote is None:
        return False
    inner = ct.text[quote.start + 1:quote.end - 1]
    values = [p.value for p in find_number_phrases(NumberText(inner, ct.numbers))]
    if len(values) < 2:
        return True
    ordered = sorted(values)
    return all(b - a == 1 for a, b in zip(ordered, ordered[1:]))     # one, two, three: a formula


@_filter("count.en.date_or_year", "a day of a month, a month's year, or a year")
def date_or_year(ct: CountText, r: Reading) -> bool:
    c = ct.context
    phrase = r.phrase
    prev = _prev_words(ct, phrase.start, 2)
    nxt = _next_words(ct, phrase.end, 2)
    digits = phrase.digits_text
    if prev and prev[-1].rstrip(".") in c.months and (
            not phrase.value or phrase.value <= c.max_day
            or (digits.isdigit() and len(digits) == 4 and "," not in ct.text[phrase.start:phrase.end])):
        return True            # a day or a year after a month; not a large number with a separator
    if nxt and nxt[0].rstrip(".") in c.months:
        return True            # a day or a year before a month
    if len(nxt) >= 2 and nxt[0] == "of" and nxt[1] in c.months:
        return True            # "the 9 of October"
    low, high = c.years
    if len(digits) == 4 and digits.isdigit() and low <= int(digits) <= high and not phrase.has_magnitude:
        if prev and prev[-1] in c.year_prepositions:
            return True
        if nxt and nxt[0] in c.year_after:
            return True
    return False


@_filter("count.en.age_or_position", "an age (aged 64) or a position (ranked 3, level 2)")
def age_or_position(ct: CountText, r: Reading) -> bool:
    c = ct.context
    q_start = r.phrase.q_start
    before = ct.text[max(0, q_start - c.age_before_chars):q_start].lower().rstrip()
    if any(before.endswith(a) and (len(before) == len(a) or not before[-len(a) - 1].isalpha())
           for a in c.age_before):
        return True
    prev = _prev_words(ct, q_start, 1)
    return bool(prev) and prev[0].rstrip(".") in c.position_before


@_filter("count.en.capitalised_name_numeral",
         "a capitalised number word inside a sentence before a capitalised word: part of a name")
def capitalised_name_numeral(ct: CountText, r: Reading) -> bool:
    """"the Seven Bright campaign": a capitalised number word inside a sentence, followed by a
    capitalised word, is part of a name."""
    phrase = r.phrase
    if not phrase.words_only:
        return False
    text = ct.text
    if not text[phrase.start:phrase.end][:1].isupper():
        return False
    c = ct.context
    before = text[:phrase.q_start].rstrip(c.name_before_strip)
    if not before or before[-1] in c.name_sentence_ends:
        return False
    nxt = ct.tokens_from(phrase.end, c.name_after_chars)
    return bool(nxt) and nxt[0].text[:1].isupper()


@_filter("count.en.formula_numeral", "a small spelled-out number after 'one X' or 'a X': a campaign formula")
def formula_numeral(ct: CountText, r: Reading) -> bool:
    """Campaign formulas rendered word by word ("one study four acts"): a small spelled-out
    number right after "one X" / "a X" is part of one."""
    phrase = r.phrase
    c = ct.context
    if not phrase.words_only or phrase.value > c.formula_max_value:
        return False
    prev = _prev_words(ct, phrase.q_start, 2)
    if prev and prev[-1] in c.formula_before:
        return True
    return (len(prev) == 2 and prev[0] in c.formula_openers and prev[1].isalpha()
            and prev[1] not in c.formula_exceptions)


@_filter("count.en.titled_name_after", "a spelled-out number before two capitalised words: part of a name")
def titled_name_after(ct: CountText, r: Reading) -> bool:
    """"nine Willow Bank households": a spelled-out number before two capitalised words is part
    of a name (digits are left alone: "40 Party branches" is common MT capitalisation)."""
    phrase = r.phrase
    if not phrase.words_only:
        return False
    nxt = ct.tokens_from(phrase.end, ct.context.titled_after_chars)[:2]
    return len(nxt) == 2 and all(t.text[:1].isupper() and not t.text.isupper() for t in nxt)


# the window is cut to n tokens before their words are read (callers want one or two)
def _prev_words(ct: CountText, pos: int, n: int) -> list[str]:
    return [t.lower for t in ct.tokens_before(pos, ct.context.words_chars)[-n:]]


def _next_words(ct: CountText, pos: int, n: int) -> list[str]:
    return [t.lower for t in ct.tokens_from(pos, ct.context.words_chars)[:n]]


def rejection(ct: CountText, r: Reading) -> str | None:
    """The first listed filter that fires on the reading, or None."""
    for rule_id, predicate in ct.lex.filters:
        if predicate(ct, r):
            return rule_id
    return None
