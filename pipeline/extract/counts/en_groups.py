"""The counted thing written before an English number, and the groups a count of people sizes.

    unit_before(ct, pos)     "visitors numbering 900", "seedlings 300;"
    group_before(ct, pos)    "the lecture team of 12 people"        -> "lecture team"
    group_having(ct, pos)    "the art troupe of the town has 40 people" -> "art troupe"
    group_after(ct, pos)     "6 members of the youth service team"  -> "youth service team"
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .en_text import Unit

if TYPE_CHECKING:
    from .en_text import CountText


def unit_before(ct: CountText, pos: int, linked_only: bool = False) -> Unit | None:
    """A counted thing written before its number: "visitors numbering 900", "the audience
    reached millions", "seedlings 300;". pos is the number's start.
    linked_only: accept only a noun joined to the number by a linking verb ("numbering")."""
    text, lex, cl = ct.text, ct.nouns, ct.lex
    toks = ct.tokens_before(pos, cl.windows.unit_before_chars)
    k = len(toks)
    # skip a linking verb ("numbering", "reached", "amounting to")
    last = [t.lower for t in toks[-len(cl.linking[0]):]] if cl.linking else []
    for phrase in cl.linking:
        n = len(phrase)
        if k >= n and last[-n:] == phrase:
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
        before = _char_before(text, head_tok.start)
        if before and before not in cl.marks.sentence_ends:
            return None
    listed = lex.category_of([head_tok.text])
    if listed is None and not lex.looks_plural(w):
        return None
    m = k - 1
    number_words = ct.numbers.words
    while m > 0 and k - m <= cl.windows.modifiers:
        t = toks[m - 1]
        if not t.text[0].isalpha() or t.lower in lex.stop or t.is_digits:
            break
        if t.lower in number_words:
            break
        m -= 1
    words = [t.text for t in toks[m:k]]
    category = lex.category_of(words) or lex.guess_category(head_tok.text)
    start = toks[m].start
    return Unit(start, head_tok.end, text[start:head_tok.end], w, category, None)


def _char_before(text: str, pos: int) -> str:
    """The last character before pos that is no blank, or "" (text[:pos].rstrip()[-1:] without
    copying the text)."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > 0 else ""


def group_before(ct: CountText, pos: int) -> str | None:
    """The group a count sizes: "the lecture team of 12 people" -> "lecture team"."""
    lex, cl = ct.nouns, ct.lex
    toks = ct.tokens_before(pos, cl.windows.group_before_chars)
    k = len(toks)
    if k >= 2 and toks[k - 1].lower == "of":
        k -= 1
        if k >= 2 and toks[k - 1].lower in cl.group_of:
            k -= 1
    else:
        return None
    if k == 0 or lex.lemma(toks[k - 1].lower) not in lex.group_nouns:
        return None
    return _with_modifiers(ct, toks, k - 1)


def group_having(ct: CountText, pos: int) -> str | None:
    """The group a count of people sizes when the group is the subject of "has", "consists of"
    ... ("the art troupe of the town has 40 people" -> "art troupe"); pos is the start of the
    number (with its qualifier)."""
    cl = ct.lex
    windows = cl.windows
    if not cl.patterns.group_having_end.search(ct.text, max(0, pos - windows.group_having_chars), pos):
        return None
    lex = ct.nouns
    toks = ct.tokens_before(pos, windows.group_having_before_chars)
    k = len(toks)
    last = [t.lower for t in toks[-len(cl.group_having[0]):]] if cl.group_having else []
    for phrase in cl.group_having:
        n = len(phrase)
        if k > n and last[-n:] == phrase:
            k -= n
            break
    else:
        return None
    # the group noun, possibly followed by "of the district", "in Riverside Street"
    tail = cl.group_tail
    for g in range(k - 1, max(k - windows.group_having_words, 0) - 1, -1):
        t = toks[g]
        if lex.lemma(t.lower) in lex.group_nouns and lex.category_of([t.text]) == "organization":
            # a team formed to do something; not a class or session ("each class has 20")
            if g == k - 1 or toks[g + 1].lower in tail:
                return _with_modifiers(ct, toks, g)
            return None
        if not t.text[0].isalpha() or not (t.lower in tail or t.text[0].isupper()
                                           or lex.category_of([t.text]) == "place"):
            return None
    return None


def _with_modifiers(ct: CountText, toks, g: int) -> str:
    """The group noun toks[g] with up to `group_modifiers` modifier words before it."""
    stop, most = ct.nouns.stop, ct.lex.windows.group_modifiers
    m = g
    while m > 0 and g - m < most:
        prev = toks[m - 1]
        if not prev.text[0].isalpha() or prev.lower in stop:
            break
        m -= 1
    return " ".join(x.text for x in toks[m:g + 1])


def group_after(ct: CountText, pos: int) -> str | None:
    """The group a role-neutral count belongs to: "6 members of the youth service team" -> the
    phrase "youth service team"; pos is the unit's end."""
    lex, cl = ct.nouns, ct.lex
    toks = ct.tokens_from(pos, cl.windows.group_after_chars)
    if not toks or toks[0].lower != "of":
        return None
    j = 1
    if j < len(toks) and toks[j].lower in cl.group_determiners:
        j += 1
    words = []
    most = cl.windows.group_after_words
    while j < len(toks) and len(words) < most:
        t = toks[j]
        if not t.text[0].isalpha():
            break
        words.append(t.text)
        if lex.lemma(t.lower) in lex.group_nouns:
            return " ".join(words)
        j += 1
    return None
