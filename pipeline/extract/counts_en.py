"""English counts: every cardinal number in MT text that says how many of something there are.

    find_counts_en(doc) -> list[dict]   # doc.text (cleaned), doc.spacy_doc (sentences)

Steps, each a pure function over the text:
1. numbers_en finds number phrases (digits, words, magnitudes, qualifiers, ranges);
2. count_filters_en drops the ones that are not counts (masks, slogans, dates, years, ages, ...);
3. units_en finds the counted thing after the number, else before it ("volunteers numbering
   300"), else an antecedent ("12 of whom"); a duration, age, percentage... unit drops it;
4. the activity link comes from link.count_type_en (the thing's words, else its sentence).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..resources import load_toml
from . import link
from .count_filters_en import (capitalised_name_numeral, formula_numeral, is_age_or_position,
                               is_date_or_year, is_frequency_or_multiplier, masked_spans,
                               quoted_spans, slogan_numeral, titled_name_after)
from .numbers_en import NumberPhrase, find_number_phrases, parse_at, qualifier_after
from .units_en import (OPEN_QUOTES, Unit, category_of, group_after, group_before, group_having, lemma,
                       looks_plural, unit_after, unit_before, unit_lexicon)

PARTITIVE = re.compile(r"\s+of\s+(?:whom|them|which|these|those)\b", re.I)
# After a number with no unit of its own, a terminator lets the noun before it be the unit.
BACKWARD_END = re.compile(r"\s*(?:[,;.!?，；。)]|respectively\b|$)", re.I)
INTEGRAL = {"people", "organization", "activity", "place", "item"}
LINKED_CATEGORIES = {"activity", "organization", "people", "item"}


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """[start, end) of each sentence, read as one array (iterating `doc.sents` makes a Python
    object per token and costs more than the whole count search)."""
    from spacy.attrs import IDX, SENT_START

    text = doc.text
    try:
        arr = doc.spacy_doc.to_array([SENT_START, IDX])
    except Exception:   # no sentence boundaries (e.g. a stub doc in a test): one sentence
        return [(0, len(text))]
    starts = arr[arr[:, 0] == 1, 1].tolist() or [0]     # filtered in numpy, not per token
    if starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(text)]
    return [(a, a + len(text[a:b].rstrip())) for a, b in zip(starts, ends)]


def _sentence_at(bounds, starts, pos: int) -> tuple[int, int]:
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    return bounds[i] if bounds else (0, 0)


def _previous_sentence(text: str, bounds, starts, s_start: int) -> str:
    """The sentence before the one starting at s_start, if in the same paragraph (line)."""
    i = bisect.bisect_right(starts, s_start) - 2
    if i < 0:
        return ""
    p_start, p_end = bounds[i]
    own_start = s_start + len(text[s_start:s_start + 40]) - len(text[s_start:s_start + 40].lstrip())
    return "" if "\n" in text[p_end:own_start] else text[p_start:p_end]


def _is_excluded_number(text: str, phrase: NumberPhrase, masks, quotes) -> bool:
    if masks.covers(phrase.start, phrase.end, phrase.words_only):
        return True
    quote = quotes.find(phrase.start)
    if quote and slogan_numeral(text, quote):
        return True
    return (is_date_or_year(text, phrase) or is_age_or_position(text, phrase)
            or capitalised_name_numeral(text, phrase) or formula_numeral(text, phrase)
            or titled_name_after(text, phrase))


def _activity(view, phrase: NumberPhrase, unit: Unit, link_unit: str | None,
              sentence: tuple[int, int], previous=None) -> str | None:
    if unit.category not in LINKED_CATEGORIES and not link_unit:
        return None
    lex = unit_lexicon()
    neutral = unit.category == "people" and (
        unit.head in lex.neutral_people or lemma(unit.head) in lex.neutral_people)
    # the count as a whole stands where its number and its thing are
    return link.count_type_en(view, unit.text, unit.normalized, link_unit, neutral, sentence, previous,
                              unit_span=(min(unit.start, phrase.q_start), max(unit.end, phrase.end)))


def _count(view, phrase: NumberPhrase, unit: Unit, span_start: int, span_end: int, qualifier: str,
           link_unit: str | None, sentence: tuple[int, int], previous) -> dict:
    return {
        "value": phrase.value,
        "low": phrase.low,
        "high": phrase.high,
        "qualifier": qualifier,
        "unit": unit.text.strip(),
        "unit_normalized": unit.normalized,
        "category": unit.category,
        "activity": _activity(view, phrase, unit, link_unit, sentence, previous),
        "span": [span_start, span_end],
    }


def _coordinated_people(text: str, unit: Unit, sentence: str) -> Unit:
    """"35 CPC members and young volunteers": people coordinated with people are one unit."""
    if unit.category != "people":
        return unit
    m = re.match(r"\s+and\s+", text[unit.end:unit.end + 8])
    if not m:
        return unit
    other = unit_after(text, unit.end + m.end(), sentence)
    if other is None or other.category != "people" or other.excluded or other.start != unit.end + m.end():
        return unit
    if len(other.text.split()) > 3:
        return unit
    return Unit(unit.start, other.end, text[unit.start:other.end], other.head, "people",
                unit.normalized, None)


def _antecedent(counts: list[dict], phrase: NumberPhrase, s_start: int) -> dict | None:
    """The count before `phrase` in its sentence, whose thing a partitive counts again."""
    return next((c for c in reversed(counts) if s_start <= c["span"][1] <= phrase.start), None)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    """(partitive before a number, a copula after it, "of the" between two numbers, "of" after
    "times")."""
    table = load_toml("counts_en/units.toml")["noun_before_number"]
    return tuple(re.compile(table[k], re.I) for k in ("partitive_before", "partitive_copula",
                                                      "partitive_of_number", "times_of"))


def _partitive_before(text: str, pos: int) -> bool:
    """"of which 1,296 were solved": the number follows a partitive phrase."""
    return _patterns()[0].search(text, max(0, pos - 24), pos) is not None


def _times_of_activity(text: str, unit: Unit, sentence: str) -> Unit:
    """"260 times of volunteer services" (260次志愿服务): the activity after "times of" is the
    counted thing; "3 times of last year's figure" stays a multiplier."""
    if unit.head not in ("time", "times"):
        return unit
    m = _patterns()[3].match(text, unit.end)
    inner = unit_after(text, m.end(), sentence) if m else None
    if inner is None or inner.excluded or inner.category != "activity" or inner.start != m.end():
        return unit
    return Unit(unit.start, inner.end, text[unit.start:inner.end], inner.head, "activity", inner.normalized, None)


def _unit_of_later_number(text: str, phrase: NumberPhrase, sentence: str) -> Unit | None:
    """"20 of the 35 villages": the unit of the number after "of the", for the first number."""
    m = _patterns()[2].match(text, phrase.end)
    if not m:
        return None
    later = parse_at(text, m.end())
    if later is None or later.start != m.end():
        return None
    return unit_after(text, later.end, sentence)


def find_counts_en(doc, view=None) -> list[dict]:
    text = doc.text
    if not text:
        return []
    if view is None:                   # the document's view (extract_document passes it)
        from . import document_view
        view = document_view(doc)
    masks = masked_spans(text)
    quotes = quoted_spans(text)
    bounds = _sentence_bounds(doc)
    starts = [s for s, _ in bounds]
    counts: list[dict] = []
    # The unit comes first and the exclusions after: most numbers that are no counts (years,
    # dates, section numbers) have no unit, and the unit search is the cheaper test.
    for phrase in find_number_phrases(text):
        s_start, s_end = _sentence_at(bounds, starts, phrase.start)
        sentence = text[s_start:s_end]
        qualifier = phrase.qualifier

        partitive = PARTITIVE.match(text, phrase.end)
        if partitive:
            # "72 cadres, 12 of whom": the antecedent's unit, counted again
            previous = _antecedent(counts, phrase, s_start)
            if previous and not _is_excluded_number(text, phrase, masks, quotes):
                counts.append({**previous, "value": phrase.value, "low": phrase.low,
                               "high": phrase.high, "qualifier": qualifier,
                               "span": [phrase.q_start, partitive.end()]})
            continue

        unit = unit_after(text, phrase.end, sentence, after_plural=phrase.plural_magnitude)
        if unit is None and not phrase.words_only:
            unit = _unit_of_later_number(text, phrase, sentence)      # "20 of the 35 villages"
        if (unit is None or not unit.excluded and not looks_plural(unit.head, unit_lexicon())) \
                and _partitive_before(text, phrase.q_start):
            # "of which 1,296 were solved", "of whom nearly 400 work ...": the antecedent's thing,
            # unless a copula names it ("of whom 300 are retired party members")
            named = _patterns()[1].match(text, phrase.end)
            unit = unit_after(text, named.end(), sentence) if named else None
            if unit is not None and not unit.excluded and looks_plural(unit.head, unit_lexicon()) \
                    and category_of([unit.head], unit_lexicon()) is not None \
                    and not _is_excluded_number(text, phrase, masks, quotes):
                counts.append(_count(view, phrase, unit, phrase.q_start, unit.end, qualifier, None, (s_start, s_end),
                                     lambda at=s_start: _previous_sentence(text, bounds, starts, at)))
                continue
            previous = _antecedent(counts, phrase, s_start)
            if previous and not _is_excluded_number(text, phrase, masks, quotes):
                counts.append({**previous, "value": phrase.value, "low": phrase.low,
                               "high": phrase.high, "qualifier": qualifier,
                               "span": [phrase.q_start, phrase.end]})
            continue
        span_start, span_end = phrase.q_start, None
        if unit is not None:
            if unit.excluded:
                continue
            unit = _times_of_activity(text, unit, sentence)
            if is_frequency_or_multiplier(text, unit.end, unit.head):
                continue
            unit = _coordinated_people(text, unit, sentence)
            span_end = unit.end
            q_after, q_end = qualifier_after(text, unit.end)
            if q_after and qualifier == "exact":
                qualifier, span_end = q_after, q_end
            link_unit = None
            named = text[phrase.end:unit.start].strip()
            named = named.strip("".join(OPEN_QUOTES) + "”’」』") if named[:1] in OPEN_QUOTES else ""
            if named and link.thing_type(named, "en", view.data):
                link_unit = named  # 128 "I do practical things for the masses" projects: so typed
            elif unit.category == "people":
                group = group_after(text, unit.end)
                if group:
                    link_unit = f"{unit.text} of {group}"
                else:
                    link_unit = group_having(text, phrase.q_start)
        elif BACKWARD_END.match(text, phrase.end) or unit_before(text, phrase.q_start, linked_only=True):
            unit = unit_before(text, phrase.q_start)
            if unit is None or unit.excluded:
                continue
            link_unit = None
            span_start, span_end = unit.start, phrase.end
        else:
            continue
        if phrase.decimal and unit.category in INTEGRAL:
            continue            # "3.5" with a person noun is a date (March 5) with its dot kept
        if _is_excluded_number(text, phrase, masks, quotes):
            continue
        link_unit = group_before(text, phrase.q_start) or link_unit
        counts.append(_count(view, phrase, unit, span_start, span_end, qualifier, link_unit, (s_start, s_end),
                             lambda at=s_start: _previous_sentence(text, bounds, starts, at)))
    return counts
