"""The counted noun of a Chinese count: the noun phrase right after the measure word (5场宣讲活动),
else the one right before the number (开展宣讲活动5场), read from jieba's part-of-speech tags
over the clause on that side (at most units.toml window.chars characters); and its category.

    ct = ZhCountText(view)      # the view's text and the count lexicon of its data folder
    noun_after(ct, pos)         # "宣讲活动" for pos right after 5场 in 5场宣讲活动
"""
from __future__ import annotations

from bisect import bisect_right

from ...zh import tag
from ..doc import ZH_SENTENCE_END
from .zh_lexicon import ZhCountLexicon, zh_count_lexicon


class ZhCountText:
    """One Chinese document as the count rules read it: the view's text and the count lexicon
    of the view's data folder; the idioms' spans, found once when first asked."""

    __slots__ = ("view", "text", "lex", "_idioms")

    def __init__(self, view):
        self.view = view
        self.text = view.text
        self.lex: ZhCountLexicon = zh_count_lexicon(view.data)
        self._idioms: tuple[list, list] | None = None

    def idioms(self) -> tuple[list[tuple[int, int]], list[int]]:
        """(spans, their ends) of the idioms in the text, in text order."""
        if self._idioms is None:
            spans = [m.span() for m in self.lex.idioms.finditer(self.text)]
            self._idioms = (spans, [e for _, e in spans])
        return self._idioms

    def sentence_around(self, start: int, end: int) -> str:
        """The sentences holding text[start:end] (the view's), without the mark that ends the
        last one."""
        sentences = self.view.sentences
        spans, starts, text = sentences.spans, sentences.starts, self.text
        i = bisect_right(starts, start) - 1
        left = spans[i][0] if i >= 0 else 0
        if end >= len(text):
            return text[left:]
        k = bisect_right(starts, end) - 1                # the sentence holding text[end]
        right = spans[k][1]
        # every sentence but the last ends with its mark
        if k < len(spans) - 1 or ZH_SENTENCE_END.match(text, right - 1):
            right -= 1
        return text[left:right]


def clause_ahead(ct: ZhCountText, pos: int) -> str:
    """The text from pos up to the first clause end (units.toml window), at most window chars."""
    return ct.lex.clause_ahead.match(ct.text, pos, pos + ct.lex.window).group()


def clause_behind(ct: ZhCountText, pos: int) -> str:
    """The text back from pos to the last clause end (units.toml window), at most window chars."""
    window = ct.text[max(0, pos - ct.lex.window):pos]
    return ct.lex.clause_behind.search(window).group()


def _is_noun(word: str, flag: str, lex: ZhCountLexicon) -> bool:
    return word not in lex.boundary and (flag in lex.noun_tags or word in lex.nounlike
                                         or word in lex.heads)


def noun_after(ct: ZhCountText, pos: int) -> str:
    """The noun phrase starting at pos, right after the measure word (5场宣讲活动 -> 宣讲活动)."""
    window = clause_ahead(ct, pos)
    if not window:
        return ""
    lex = ct.lex
    words = tag(window)
    phrase: list[str] = []
    noun_end = 0
    i = 0
    while i < len(words):
        word, flag = words[i]
        if word in lex.bracket_open and phrase:
            close = next((j for j in range(i + 1, min(i + 1 + lex.bracket_words, len(words)))
                          if words[j][0] in lex.bracket_close), None)
            if close is None:
                break
            phrase.extend(w for w, _ in words[i:close + 1])
            i = close + 1
            continue
        if word in lex.boundary or not word.strip():
            break
        if _is_noun(word, flag, lex):
            phrase.append(word)
            noun_end = len(phrase)
        elif flag in lex.modifier_tags or (flag in lex.verb_tags and not phrase):
            phrase.append(word)        # 大网格, 专职网格员; a verb only as a first modifier (集中服务活动)
        else:
            break
        i += 1
    return "".join(phrase[:noun_end])


def noun_before(ct: ZhCountText, pos: int) -> tuple[str, int, bool]:
    """(the noun phrase ending right before the number at pos, where it starts, whether it is a
    quoted name): 开展宣讲活动5场 -> 宣讲活动; 征集“金点子”30条 -> 金点子. ("", pos, False)
    when there is none."""
    lex = ct.lex
    clause = clause_behind(ct, pos)
    w_start = pos - len(clause)
    window = clause.rstrip()
    if window[-1:] in lex.name_quote_ends:       # 征集“金点子”30条: the quoted name
        end = w_start + len(window)
        quote = ct.view.quotes.find(end - 1, marks=lex.name_quote_marks)
        if quote is not None and quote.end == end and quote.start >= w_start:
            return ct.text[quote.start + 1:end - 1], quote.start + 1, True
        return "", pos, False
    words = list(tag(window))
    end = w_start + len(window)                 # where the phrase ends (the words are the window)
    if words and words[-1][0] in lex.links:     # 居民群众共计120余人
        end -= len(words.pop()[0])
    phrase: list[tuple[str, str]] = []
    for word, flag in reversed(words):
        if word in lex.boundary or not word.strip():
            break
        if _is_noun(word, flag, lex) or (flag in lex.modifier_tags and phrase):
            phrase.append((word, flag))
        else:
            break
    phrase.reverse()
    # verb + object before a number (办理实事2000件, 走访居民500户): the object is the noun
    while len(phrase) > 1 and phrase[0][1] in lex.verb_tags:
        phrase.pop(0)
    unit = "".join(word for word, _ in phrase)
    return unit, end - len(unit), False


def category_of(unit: str, measure: str, lex: ZhCountLexicon) -> str:
    """The measure word's category when it fixes one (people, money, a named thing), else that
    of the longest head noun ending the unit, else the measure word's."""
    info = lex.measure_words[measure]
    if info.person or info.money or info.names_thing:
        return info.category
    for size in range(len(unit), 0, -1):
        head = unit[-size:]
        if head in lex.heads:
            return lex.heads[head]
    return info.category
