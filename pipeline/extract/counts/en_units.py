"""The counted thing after an English number: the run of words, its head noun, the unit.

Without a tagger, a unit is a short run of words ending in a head noun: a noun from the unit
lexicon (configs/counts_en/units.toml; singular accepted, since MT drops plurals after numbers)
or an unlisted word that looks plural. The run stops at function words, punctuation and numbers.

    unit_after(ct, pos)  =  where the run starts (_run_start)
                          + the words of the run and the head candidates met (_Run.scan)
                          + the head chosen (_Run.head) and read as a unit (en_heads.head_unit)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..numbers.en_tokens import Token
from .en_heads import head_unit
from .en_text import Unit

if TYPE_CHECKING:
    from .en_text import CountText


def unit_after(ct: CountText, pos: int, sentence: str = "", after_plural: bool = False) -> Unit | None:
    """The counted thing starting at pos (right after a number), or None.

    after_plural: the number was a bare plural magnitude ("thousands of people"), so a leading
    "of" belongs to it. Head preference: the first listed plural noun; else the first unlisted
    plural-looking word; else the last listed singular (MT drops plurals: "9 old reading room");
    else a collective, else a modifier standing alone ("20 elderly")."""
    toks = ct.tokens_from(pos, ct.lex.windows.unit_after_chars)
    start = _run_start(ct, toks, pos, after_plural)
    if start is None:
        return None                     # a number ending a line (a title) has no unit
    first, i, leading_quote = start
    run = _Run(ct, toks, i, leading_quote)
    run.scan()
    if run.excluded is not None:        # "3 months", "a 95-year-old": a unit that is no count
        j, reason = run.excluded
        t = toks[j]
        return Unit(toks[first].start, t.end, ct.text[toks[first].start:t.end], t.lower, "other", None, reason)
    head = run.head()
    if head is None:
        return None
    return head_unit(ct, toks, first, head, leading_quote, sentence, pos)


def _run_start(ct: CountText, toks: list[Token], pos: int, after_plural: bool):
    """(the unit's first token, the run's first word, whether a quote opened the unit), or None
    when the line ends first. Skipped: "of" after a plural magnitude, a joining hyphen ("150-person
    team"), opening quotes; a whole quoted name before a noun ('15 "Books for the Village"
    projects') is skipped too, and the unit is the noun after it."""
    marks = ct.lex.marks
    i = 0
    if after_plural and i < len(toks) and toks[i].lower == "of":
        i += 1
    if i < len(toks) and toks[i].text in marks.joiners and toks[i].start == pos:
        i += 1
    if i < len(toks) and "\n" in ct.text[pos:toks[i].start]:
        return None
    first = i
    while i < len(toks) and toks[i].text in marks.open_quotes:
        i += 1
    leading_quote = i > first
    if leading_quote:
        after_quote = _after_quoted_name(ct, toks, i)
        if after_quote is not None:
            return after_quote, after_quote, False
    return first, i, leading_quote


def _after_quoted_name(ct: CountText, toks: list[Token], i: int) -> int | None:
    """A quoted name with sentence words in it between a number and its noun (a campaign's
    slogan naming the projects): the index of the listed plural noun right after the closing
    quote, else None."""
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


class _Run:
    """The words after a number, read one token at a time, with the head candidates met: the
    first listed plural, the first unlisted plural, the last listed singular, a collective
    ("series" before "of"), a modifier that may stand alone ("elderly")."""

    __slots__ = ("ct", "toks", "lex", "marks", "i", "words", "quote_open", "excluded",
                 "listed_plural", "unlisted_plural", "last_singular", "collective", "modifier_head")

    def __init__(self, ct: CountText, toks: list[Token], i: int, quote_open: bool):
        self.ct, self.toks, self.lex, self.marks = ct, toks, ct.nouns, ct.lex.marks
        self.i = i
        self.words: list[Token] = []
        self.quote_open = quote_open
        self.excluded: tuple[int, str] | None = None     # (token, reason): the run is no count
        self.listed_plural = self.unlisted_plural = self.last_singular = None
        self.collective = self.modifier_head = None

    def head(self) -> int | None:
        for found in (self.listed_plural, self.unlisted_plural, self.last_singular, self.collective,
                      self.modifier_head):
            if found is not None:
                return found
        return None

    def _noun_found(self) -> bool:
        return self.listed_plural is not None or self.unlisted_plural is not None \
            or self.last_singular is not None

    def scan(self) -> None:
        toks, text, marks, lex = self.toks, self.ct.text, self.marks, self.lex
        numbers = self.ct.numbers
        j = self.i
        while j < len(toks):
            t = toks[j]
            if j > self.i and "\n" in text[toks[j - 1].end:t.start]:
                return                                        # the run ends with its line
            if t.text in marks.any_quote:
                go_on = self._quote_mark(t, j)
            elif t.text in marks.list_separators and self._list_goes_on(j):
                go_on = True       # "6 new medical, legal, and housing services"
            elif not t.lower[0].isalpha():
                return
            elif t.lower in numbers.words or t.lower in numbers.magnitudes \
                    or t.lower in numbers.plural_magnitudes:
                return                                        # another number
            elif t.lower in lex.stop:
                go_on = self._function_word(t, j)
            elif not self.words and self._excluded_first(j):
                return
            else:
                go_on = self._word(t, j)
            if not go_on:
                return
            j += 1

    def _quote_mark(self, t: Token, j: int) -> bool:
        toks, marks = self.toks, self.marks
        if t.text in marks.possessives and t.start == toks[j - 1].end and toks[j - 1].lower.endswith("s"):
            return True                                       # possessive: "owners' committees"
        if self.quote_open and t.text in marks.close_quotes and j + 1 < len(toks) \
                and toks[j + 1].text[0].isalpha() and toks[j + 1].lower not in self.lex.stop:
            # '"flowers" singer': the quoted words modify the noun after them
            self.listed_plural = self.unlisted_plural = self.last_singular = None
            self.quote_open = False
            return True
        opening = t.text in marks.open_quotes and (t.text not in marks.close_quotes or (
            t.start > toks[j - 1].end and j + 1 < len(toks) and toks[j + 1].start == t.end))
        if self.words and opening and not self.quote_open:
            self.quote_open = True                            # '12 estate "red steward" teams'
            return True
        return bool(self.words) and not self._noun_found()    # a stray mark inside the modifiers

    def _list_goes_on(self, j: int) -> bool:
        toks = self.toks
        return bool(self.words) and self.listed_plural is None and self.unlisted_plural is None \
            and self.last_singular is None and j + 1 < len(toks) and toks[j + 1].text[0].isalpha()

    def _function_word(self, t: Token, j: int) -> bool:
        """A stop word ends the run, but for "and" between modifiers ("new and old preachers")
        and "of" after a collective ("series of theme activities")."""
        if t.lower == "and" and not self._noun_found() and self.words:
            self.words.append(t)
            return True
        if t.lower == "of" and self.collective is not None and self.collective == j - 1:
            self.listed_plural = self.unlisted_plural = None
            self.words.append(t)
            return True
        return False

    def _excluded_first(self, j: int) -> bool:
        """Whether the run's first word is a duration, age, percentage... ("3 months")."""
        lex = self.lex
        reason = lex.excluded_reason(self.toks[j:j + lex.excluded_span])
        if reason:
            self.excluded = (j, reason)
        return reason is not None

    def _word(self, t: Token, j: int) -> bool:
        """A word of the run: a modifier, a noun (listed or plural-looking) or another word."""
        toks, lex, w = self.toks, self.lex, t.lower
        self.words.append(t)
        if w in lex.modifiers and j + 1 < len(toks) and toks[j + 1].text[0].islower() \
                and toks[j + 1].start <= t.end + 1:
            if self.modifier_head is None:    # "elderly meal halls", "full-time and part-time ..."
                self.modifier_head = j        # the head only when no noun follows ("20 elderly")
            return True
        listed = lex.category_of([x.text for x in self.words[-2:]]) is not None
        if lex.looks_plural(w):
            if lex.lemma(w) in lex.through_of and j + 1 < len(toks) and toks[j + 1].lower == "of":
                self.collective = j
            if listed:
                self.listed_plural = j
                if self.collective != j and not self.quote_open and not self._noun_follows(t, j):
                    return False              # the first listed plural noun ends the run
            elif self.unlisted_plural is None:
                self.unlisted_plural = j
        elif listed and not (t.text[0].isupper() and not t.text.isupper()):
            self.last_singular = j
        return len(self.words) <= self.ct.lex.windows.modifiers + 1

    def _noun_follows(self, t: Token, j: int) -> bool:
        """Whether a listed noun follows the plural noun at j, as in a compound ("volunteers
        service teams"), not as the next phrase."""
        toks, lex = self.toks, self.lex
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return (nxt is not None and nxt.text[0].isalpha() and nxt.lower not in lex.stop
                and nxt.start == t.end + 1 and lex.person_times(t.lower, nxt.lower) is None
                and lex.category_of([nxt.text]) is not None
                and not (nxt.text[0].isupper() and not t.text[0].isupper()))
