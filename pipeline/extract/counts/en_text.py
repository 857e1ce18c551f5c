"""One English document as the count rules read it, and one number as they read it.

    ct = CountText(view)         # the view's text, number tokens, lexicons, masks and quotes
    r = Reading(phrase)          # the number; r.unit (a Unit) and r.found_by once its thing is found
"""
from __future__ import annotations

from dataclasses import dataclass

from ..decisions import RULES
from ..numbers.en import NumberPhrase, NumberText
from .en_lexicon import count_lexicon
from .en_masks import LocalMasks, mask_sets

# How a kept count's thing was found: the support reason its candidate carries first.
UNIT_AFTER = RULES.add("count.en.unit_after", "support", "the counted thing follows the number (12 lectures)")
UNIT_OF_LATER_NUMBER = RULES.add(
    "count.en.unit_of_later_number", "support",
    "the counted thing is the next number's (the 8 of the 20 teams)")
UNIT_BEFORE = RULES.add(
    "count.en.unit_before", "support",
    "the counted thing stands before the number (visitors numbering 900; seedlings 300;)")
PARTITIVE_ANTECEDENT = RULES.add(
    "count.en.partitive_antecedent", "support",
    "a partitive counts the thing of the count before it (40 cadres, 6 of whom)")
PARTITIVE_COPULA = RULES.add(
    "count.en.partitive_copula", "support",
    "after a partitive, a copula names the thing (of whom 30 are doctors)")


@dataclass(frozen=True)
class Unit:
    """The counted thing of a number: where it stands, its words, head noun and category."""
    start: int
    end: int
    text: str
    head: str             # the head noun, lower case, as written
    category: str
    normalized: str | None
    excluded: str | None = None   # why this is no count (duration, age, ...), else None


class CountText(NumberText):
    """The document's text with its number tokens, the count lexicon of the view's data folder,
    the masks around numbers and the view's quotations."""

    __slots__ = ("view", "lex", "nouns", "context", "frequency", "integral_categories",
                 "masks", "quotes")

    def __init__(self, view):
        lex = count_lexicon(view.data)
        super().__init__(view.text, lex.numbers)
        self.view = view
        self.lex = lex
        self.nouns = lex.nouns
        self.context = lex.context
        self.frequency = lex.frequency
        self.integral_categories = lex.integral_categories
        self.masks = LocalMasks(view.text, mask_sets(view.data))
        self.quotes = view.quotes


class Reading:
    """A number phrase on its way to a decision: its counted thing (`unit`, a `Unit`) and how
    it was found (`found_by`, one of the support ids above), once known; other support reasons
    as they are met."""

    __slots__ = ("phrase", "unit", "found_by", "extra")

    def __init__(self, phrase: NumberPhrase):
        self.phrase = phrase
        self.unit = None
        self.found_by: str | None = None
        self.extra: list[str] | None = None

    def support(self, reason: str) -> None:
        if self.extra is None:
            self.extra = [reason]
        else:
            self.extra.append(reason)

    def supports(self) -> list[str]:
        """How the thing was found first, then the other reasons."""
        return ([self.found_by] if self.found_by else []) + (self.extra or [])
