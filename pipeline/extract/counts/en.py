"""English counts: every cardinal number in MT text that says how many of something there are.

    find_counts_en(view) -> list[dict]   # view.text (cleaned), view.sentences

For every number phrase (`numbers.en`, suggested as `count.en.digits` or `count.en.number_words`):
1. its counted thing is looked for after the number (`en_units.unit_after`), else in the next
   number's ("8 of the 20 teams"), else before it (`en_groups.unit_before`: "visitors numbering
   900"); a partitive ("40 cadres, 6 of whom") counts the thing of the count before it;
2. the filters of exclusions.toml [rules] drop what is no count (a duration, a date, a slogan's
   numeral, ...: `en_filters`), each with its rule id as the reason;
3. a kept count carries, first, how its thing was found (`count.en.unit_after`, ...), and its
   activity type comes from `link.count_type_en` (the thing's words, else its sentence).
The thing is looked for before the filters run: most numbers that are no counts (years, dates,
section numbers) have no thing, and looking is the cheaper test.
"""
from __future__ import annotations

from .. import link
from ..decisions import RULES, Candidate
from ..numbers.en import NumberPhrase, find_number_phrases, parse_at, qualifier_after
from .en_filters import rejection
from .en_groups import group_after, group_before, group_having, unit_before
from .en_text import (PARTITIVE_ANTECEDENT, PARTITIVE_COPULA, UNIT_AFTER, UNIT_BEFORE,
                      UNIT_OF_LATER_NUMBER, CountText, Reading, Unit)
from .en_units import unit_after

DIGITS = RULES.add("count.en.digits", "suggest", "a number in digits, with its qualifier, magnitude or range")
NUMBER_WORDS = RULES.add("count.en.number_words", "suggest",
                         "a number in words (twelve, a hundred, thousands of), with its qualifier")
NO_UNIT = RULES.add("count.en.no_unit", "reject", "no counted thing after or before the number")
NO_ANTECEDENT = RULES.add("count.en.partitive_without_antecedent", "reject",
                          "a partitive (of whom, of which) with no count before it in its sentence")
TIMES_OF = RULES.add("count.en.times_of_activity", "support",
                     "'N times of' an activity counts the activity (80 times of home visits)")
COORDINATED = RULES.add("count.en.coordinated_people", "support",
                        "people coordinated with people are one unit (25 doctors and young nurses)")
QUOTED_TYPE = RULES.add("count.en.quoted_type_name", "support",
                        "a quoted name between the number and its noun names the activity type")
GROUP_AFTER = RULES.add("count.en.group_after", "support",
                        "people linked through the group they belong to (6 members of the lecture team)")
GROUP_HAVING = RULES.add("count.en.group_having", "support",
                         "people linked through the group that has them (the art troupe has 40 people)")
GROUP_BEFORE = RULES.add("count.en.group_before", "support",
                         "linked through the group the count sizes (a lecture team of 12 people)")


def find_counts_en(view) -> list[dict]:
    if not view.text:
        return []
    ct = CountText(view)
    trace = view.trace
    counts: list[dict] = []
    for phrase in find_number_phrases(ct):
        r = Reading(phrase)
        decided = _count_of(ct, r, counts)
        if type(decided) is dict:
            counts.append(decided)
            if trace.enabled:
                trace.accept(_candidate(ct, r, decided), decided)
        elif trace.enabled:
            trace.reject(_candidate(ct, r, None), decided)
    return counts


def _count_of(ct: CountText, r: Reading, counts: list[dict]) -> dict | str:
    """The count the number makes, or the id of the rule that dropped it."""
    text, phrase, patterns = ct.text, r.phrase, ct.lex.patterns
    s_start, s_end = ct.view.sentence_at(phrase.start)
    sentence = text[s_start:s_end]

    partitive = patterns.partitive_after.match(text, phrase.end)
    if partitive:                        # "40 cadres, 6 of whom": the antecedent's thing, again
        return _again(ct, r, counts, s_start, partitive.end())

    unit = unit_after(ct, phrase.end, sentence, after_plural=phrase.plural_magnitude)
    found_by = UNIT_AFTER
    if unit is None and not phrase.words_only:
        unit = _unit_of_later_number(ct, phrase, sentence)      # "8 of the 20 teams"
        found_by = UNIT_OF_LATER_NUMBER
    if (unit is None or not unit.excluded and not ct.nouns.looks_plural(unit.head)) \
            and _partitive_before(ct, phrase.q_start):
        return _after_partitive(ct, r, counts, (s_start, s_end))

    qualifier, span_start = phrase.qualifier, phrase.q_start
    link_unit = None
    if unit is not None:
        if not unit.excluded:
            unit = _times_of_activity(ct, r, unit, sentence)
        r.unit, r.found_by = unit, found_by
        dropped = rejection(ct, r)
        if dropped:
            return dropped
        unit = _coordinated_people(ct, r, unit, sentence)
        span_end = unit.end
        q_after, q_end = qualifier_after(ct, unit.end)
        if q_after and qualifier == "exact":
            qualifier, span_end = q_after, q_end
        link_unit = _named_or_group_link(ct, r, unit)
    else:
        # a noun before the number: when the number ends its clause ("seedlings 300;") or a
        # linking verb joins them ("visitors numbering 900")
        bare = patterns.bare_end.match(text, phrase.end) is not None
        linked = None if bare else unit_before(ct, phrase.q_start, linked_only=True)
        if not bare and linked is None:
            return NO_UNIT
        unit = linked or unit_before(ct, phrase.q_start)
        if unit is None:
            return NO_UNIT
        r.unit, r.found_by = unit, UNIT_BEFORE
        dropped = rejection(ct, r)
        if dropped:
            return dropped
        span_start, span_end = unit.start, phrase.end
    group = group_before(ct, phrase.q_start)
    if group:
        r.support(GROUP_BEFORE)
    return _count(ct, phrase, unit, span_start, span_end, qualifier, group or link_unit, (s_start, s_end))


def _again(ct: CountText, r: Reading, counts: list[dict], s_start: int, end: int) -> dict | str:
    """"40 cadres, 6 of whom": the count before it in the sentence, with this number."""
    phrase = r.phrase
    previous = _antecedent(counts, phrase, s_start)
    if previous is None:
        return NO_ANTECEDENT
    r.found_by = PARTITIVE_ANTECEDENT
    dropped = rejection(ct, r)
    if dropped:
        return dropped
    return {**previous, "value": phrase.value, "low": phrase.low, "high": phrase.high,
            "qualifier": phrase.qualifier, "span": [phrase.q_start, end]}


def _after_partitive(ct: CountText, r: Reading, counts: list[dict], sentence: tuple[int, int]) -> dict | str:
    """"of which 70 were settled", "of whom nearly 40 work ...": the antecedent's thing, unless
    a copula names it ("of whom 30 are retired doctors")."""
    text, phrase, lex = ct.text, r.phrase, ct.nouns
    named = ct.lex.patterns.partitive_copula.match(text, phrase.end)
    unit = unit_after(ct, named.end(), text[sentence[0]:sentence[1]]) if named else None
    if unit is not None and not unit.excluded and lex.looks_plural(unit.head) \
            and lex.category_of([unit.head]) is not None:
        r.unit, r.found_by = unit, PARTITIVE_COPULA
        dropped = rejection(ct, r)
        if dropped:        # (the antecedent's thing would be dropped by the same filters)
            return dropped
        return _count(ct, phrase, unit, phrase.q_start, unit.end, phrase.qualifier, None, sentence)
    r.unit = None
    return _again(ct, r, counts, sentence[0], phrase.end)


def _antecedent(counts: list[dict], phrase: NumberPhrase, s_start: int) -> dict | None:
    """The count before `phrase` in its sentence, whose thing a partitive counts again."""
    return next((c for c in reversed(counts) if s_start <= c["span"][1] <= phrase.start), None)


def _partitive_before(ct: CountText, pos: int) -> bool:
    """"of which 70 were settled": the number follows a partitive phrase."""
    start = max(0, pos - ct.lex.windows.partitive_before_chars)
    return ct.lex.patterns.partitive_before.search(ct.text, start, pos) is not None


def _unit_of_later_number(ct: CountText, phrase: NumberPhrase, sentence: str) -> Unit | None:
    """"8 of the 20 teams": the unit of the number after "of the", for the first number."""
    m = ct.lex.patterns.partitive_of_number.match(ct.text, phrase.end)
    if not m:
        return None
    later = parse_at(ct, m.end())
    if later is None or later.start != m.end():
        return None
    return unit_after(ct, later.end, sentence)


def _times_of_activity(ct: CountText, r: Reading, unit: Unit, sentence: str) -> Unit:
    """"80 times of home visits" (80次走访): the activity after "times of" is the counted thing;
    "3 times of the old figure" stays a multiplier."""
    if unit.head not in ct.lex.times_heads:
        return unit
    m = ct.lex.patterns.times_of.match(ct.text, unit.end)
    inner = unit_after(ct, m.end(), sentence) if m else None
    if inner is None or inner.excluded or inner.category != "activity" or inner.start != m.end():
        return unit
    r.support(TIMES_OF)
    return Unit(unit.start, inner.end, ct.text[unit.start:inner.end], inner.head, "activity",
                inner.normalized, None)


def _coordinated_people(ct: CountText, r: Reading, unit: Unit, sentence: str) -> Unit:
    """"25 doctors and young nurses": people coordinated with people are one unit."""
    if unit.category != "people":
        return unit
    text, windows = ct.text, ct.lex.windows
    m = ct.lex.patterns.coordination.match(text, unit.end, unit.end + windows.coordination_chars)
    if not m:
        return unit
    other = unit_after(ct, m.end(), sentence)
    if other is None or other.category != "people" or other.excluded or other.start != m.end():
        return unit
    if len(other.text.split()) > windows.coordinated_words:
        return unit
    r.support(COORDINATED)
    return Unit(unit.start, other.end, text[unit.start:other.end], other.head, "people",
                unit.normalized, None)


def _named_or_group_link(ct: CountText, r: Reading, unit: Unit) -> str | None:
    """What the count is linked through, other than its thing: a quoted name between number
    and noun that names a type ('15 "Books for the Village" projects'), or for people the
    group they belong to or that has them."""
    marks = ct.lex.marks
    named = ct.text[r.phrase.end:unit.start].strip()
    named = named.strip(marks.quote_chars) if named[:1] in marks.open_quotes else ""
    if named and link.thing_type(named, "en", ct.view.data):
        r.support(QUOTED_TYPE)
        return named
    if unit.category != "people":
        return None
    group = group_after(ct, unit.end)
    if group:
        r.support(GROUP_AFTER)
        return f"{unit.text} of {group}"
    having = group_having(ct, r.phrase.q_start)
    if having:
        r.support(GROUP_HAVING)
    return having


def _count(ct: CountText, phrase: NumberPhrase, unit: Unit, span_start: int, span_end: int,
           qualifier: str, link_unit: str | None, sentence: tuple[int, int]) -> dict:
    return {
        "value": phrase.value,
        "low": phrase.low,
        "high": phrase.high,
        "qualifier": qualifier,
        "unit": unit.text.strip(),
        "unit_normalized": unit.normalized,
        "category": unit.category,
        "activity": _activity(ct, phrase, unit, link_unit, sentence),
        "span": [span_start, span_end],
    }


def _activity(ct: CountText, phrase: NumberPhrase, unit: Unit, link_unit: str | None,
              sentence: tuple[int, int]) -> str | None:
    if unit.category not in ct.lex.linked_categories and not link_unit:
        return None
    lex = ct.nouns
    neutral = unit.category == "people" and (
        unit.head in lex.neutral_people or lex.lemma(unit.head) in lex.neutral_people)
    # the count as a whole stands where its number and its thing are
    return link.count_type_en(ct.view, unit.text, unit.normalized, link_unit, neutral, sentence,
                              lambda: _previous_sentence(ct, sentence[0]),
                              unit_span=(min(unit.start, phrase.q_start), max(unit.end, phrase.end)))


def _previous_sentence(ct: CountText, s_start: int) -> str:
    """The sentence before the one starting at s_start, if in the same paragraph (line)."""
    text, sentences = ct.text, ct.view.sentences
    i = sentences.index(s_start) - 1
    if i < 0:
        return ""
    p_start, p_end = sentences.spans[i]
    head = text[s_start:s_start + ct.lex.windows.sentence_start_chars]
    own_start = s_start + len(head) - len(head.lstrip())
    return "" if "\n" in text[p_end:own_start] else text[p_start:p_end]


def _candidate(ct: CountText, r: Reading, count: dict | None) -> Candidate:
    """The trace's record of a number (made only when explaining or counting rules): how its
    thing was found, if it was; a dropped one gets the rule that dropped it after that."""
    phrase = r.phrase
    start, end = (count["span"] if count else (phrase.q_start, phrase.end))
    cand = Candidate("count", start, end, NUMBER_WORDS if phrase.words_only else DIGITS,
                     None if count else {"value": phrase.value,
                                         "unit": r.unit.text.strip() if r.unit is not None else None})
    cand.reasons.extend(r.supports())
    return cand
