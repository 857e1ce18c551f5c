"""Spam inside the bulletin's text, by what spam is (data in configs/clean/spam.toml):

- `spam`: phrases of the spam trades (dating, gambling, pharmacy, finance, counterfeit,
  adult, medical advertisements), in English and Chinese, and runs of spam words keyed to a
  place ("Dublin Escorts", "canada Sugar"), even when glued to the word before them
  ("UniversityEthiopia Sugar"). A Chinese phrase in a short layout segment takes the segment
  ("标题-云顶国际官网唯一官方网站"); a line left with nothing but links goes whole.
- `foreign_text`: text in a script or language the bulletins are not written in: a run of
  Hangul, kana, Thai, Cyrillic, Arabic or Devanagari; a sentence of Vietnamese; a sentence of
  Indonesian or Spanish function words in English text; a long Chinese run inside English text;
  a Latin-script sentence inside Chinese text.
- `spam_sentences`: a sentence of advertising copy with no tie to the rest of the page.

Each edit deletes only the spam and one adjoining space, so spans around it keep their raw
positions; a line that held nothing else goes whole. The fixes are idempotent: what they keep
never becomes spam by their own deletions.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..offsets import Edit
from . import CleanContext, fix
from .data import spam_data
from .lines import Line, remove_lines, split_lines
from .patterns import Hint, lowered

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCTUATION = "\u3001-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019"
_HAN = re.compile(f"[{_CJK}]")
_CHINESE_SENTENCE_MARK = re.compile("[，。；！？]")
# a word for the run rule: a capitalised word glued to the one before it starts a new word
_RUN_TOKEN = re.compile(r"[A-Z]?[a-z]+(?:'s)?|[A-Z]+(?![a-z])")
_UPPER_CODE = re.compile(r"[A-Z]{2,3}")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org)(?:/\S*)?",
                  re.IGNORECASE)
_LEFTOVER = re.compile(r"[\s\-–—_|｜,，.。:：;；!！?？()（）\[\]【】]*")
_SENTENCE = re.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+[”\"’']?|$)", re.MULTILINE)
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ]+")


# --- shared helpers ---------------------------------------------------------------------------

_LOWER_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> frozenset[str]:
    """The distinct lower-case Latin words of `text`."""
    return frozenset(_LOWER_WORD.findall(lowered(text)))


def _with_one_space(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen a deleted span by the space after it (or, failing that, the one before, unless
    an earlier deletion at `floor` already took it)."""
    if end < len(text) and text[end] == " ":
        return start, end + 1
    if start - 1 >= floor and text[start - 1] == " ":
        return start - 1, end
    return start, end


def _deletions(text: str, spans: list[tuple[int, int, bool]]) -> list[Edit]:
    """Edits deleting `spans` ((start, end, glued): a glued span keeps the spaces around it).
    A line left with nothing but links and separators is removed whole."""
    if not spans:
        return []
    lines = split_lines(text)
    line_starts = [line.start for line in lines]
    merged: list[list] = []
    for start, end, glued in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)     # overlapping spans delete their union
        else:
            merged.append([start, end, glued])
    by_line: dict[int, list[tuple[int, int]]] = {}
    last_end = 0
    for start, end, glued in merged:
        if start < last_end:
            continue
        if not glued:
            start, end = _with_one_space(text, start, end, last_end)
        last_end = end
        by_line.setdefault(bisect_right(line_starts, start) - 1, []).append((start, end))
    edits, whole_lines = [], set()
    for i, deleted in by_line.items():
        if _only_leftovers(text, lines[i], deleted):
            whole_lines.add(i)
        else:
            edits += [Edit(start, min(end, lines[i].end), "") for start, end in deleted]
    return sorted(edits + remove_lines(text, lines, whole_lines))


def _only_leftovers(text: str, line: Line, deleted: list[tuple[int, int]]) -> bool:
    """Whether the line holds nothing but the deleted spans, links and separators."""
    kept, pos = [], line.start
    for start, end in deleted:
        kept.append(text[pos:start])
        pos = max(pos, end)
    kept.append(text[pos:line.end])
    rest = _URL.sub("", "".join(kept))
    return _LEFTOVER.fullmatch(rest) is not None


def _glued(text: str, start: int) -> bool:
    return start > 0 and text[start - 1].isalpha()


# --- phrases and runs: `spam` -------------------------------------------------------------------

@lru_cache(maxsize=None)
def _english_phrase_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each English phrase with the set of its words, lower case."""
    return tuple((p, frozenset(_LOWER_WORD.findall(p.lower()))) for p in spam_data().english.all())


def _english_phrases(text: str) -> re.Pattern | None:
    """A regex of the English phrases whose every word occurs in `text` (None: none can match)."""
    words = _words(text)
    present = tuple(sorted((p for p, needed in _english_phrase_words() if needed <= words),
                           key=len, reverse=True))
    return _phrase_regex(present) if present else None


@lru_cache(maxsize=256)
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(alternatives)})(?![A-Za-z])", re.IGNORECASE)


@lru_cache(maxsize=None)
def _chinese_phrases() -> re.Pattern:
    phrases = sorted(spam_data().chinese.all(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, phrases)), re.IGNORECASE)


@lru_cache(maxsize=None)
def _run_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    run = spam_data().run
    core = frozenset(w.lower() for w in run.core)
    places = frozenset(w.lower() for w in run.places)
    return core, core | frozenset(w.lower() for w in run.companion), places


@lru_cache(maxsize=None)
def _core_word() -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(map(re.escape, _run_words()[0]))})", re.IGNORECASE)


def _run_word(word: str) -> bool:
    return word.lower() in _run_words()[1] or _UPPER_CODE.fullmatch(word) is not None or _is_place(word)


_WORD_BEFORE = re.compile(r"([A-Z]?[a-z]+(?:'s)?|[A-Z]+) ?$")


def _with_place_before(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """A phrase span widened over a place word right before it ("Ethiopia Seeking Agreement"),
    as (start, end, glued)."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m and _is_place(m.group(1)):
        start = m.start(1)
    return start, end, _glued(text, start)


def _is_place(word: str) -> bool:
    places = _run_words()[2]
    low = word.lower()
    stem = low[:-2] if low.endswith("'s") else low[:-1] if low.endswith("s") else low
    return low in places or stem in places


def _spam_runs(text: str) -> list[tuple[int, int, bool]]:
    """Runs of 2-3 spam words, one a core word, one capitalised (see spam.toml [run])."""
    core = _run_words()[0]
    if Hint.of(_core_word()).absent(text) or not _core_word().search(text):
        return []
    words = list(_RUN_TOKEN.finditer(text))
    runs, i = [], 0
    while i < len(words):
        j = i
        while (j < len(words) and j - i < 3 and _run_word(words[j].group())
               and (j == i or text[words[j - 1].end():words[j].start()] == " ")):
            j += 1
        run = words[i:j]
        if (len(run) >= 2 and any(w.group().lower() in core for w in run)
                and any(w.group()[0].isupper() for w in run)):
            runs.append((run[0].start(), run[-1].end(), _glued(text, run[0].start())))
            i = j
        else:
            i += 1
    return runs


def _chinese_spans(text: str) -> list[tuple[int, int, bool]]:
    """Chinese phrases, each widened to its layout segment when that is short."""
    config = spam_data().segment
    separators = re.compile(config.separators)
    spans = []
    if Hint.of(_chinese_phrases()).absent(text):
        return []
    for m in _chinese_phrases().finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        before = [s.end() for s in separators.finditer(text, line_start, m.start())]
        after = separators.search(text, m.end(), line_end)
        seg_start = before[-1] if before else line_start
        seg_end = after.start() if after else line_end
        segment = text[seg_start:seg_end]
        if len(segment) <= config.max_chars and not _CHINESE_SENTENCE_MARK.search(segment):
            if before and not text[seg_start - 1].isspace():
                # the separator before the segment goes with it ("标题-广告" -> "标题")
                spans.append((_last_separator(separators, text, line_start, seg_start), seg_end, True))
            else:
                spans.append((seg_start, seg_end, False))
        else:
            spans.append((m.start(), m.end(), True))
    return spans


def _last_separator(separators: re.Pattern, text: str, line_start: int, seg_start: int) -> int:
    found = [s.start() for s in separators.finditer(text, line_start, seg_start)]
    return found[-1] if found else seg_start


@fix("spam")
def spam_phrases(text: str, ctx: CleanContext) -> list[Edit]:
    """Spam phrases and runs injected into sentences (`Sugar baby`, `Dublin Escorts`,
    `云顶国际官网`), each removed with one adjoining space; a line of nothing but spam and
    links goes whole."""
    phrases = _english_phrases(text)
    spans = [] if phrases is None else [
        _with_place_before(text, m.start(), m.end()) for m in phrases.finditer(text)]
    spans += _spam_runs(text)
    if _HAN.search(text):
        spans += _chinese_spans(text)
        spans += _keyword_lines(text, spans)
    return _deletions(text, spans)


def _keyword_lines(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Lines of keyword stuffing: many short items, two or more of them spam."""
    config = spam_data().segment
    separators = re.compile(config.keyword_separators)
    lines = []
    for line in split_lines(text):
        hits = [s for s in spans if line.start <= s[0] < line.end]
        if len(hits) < 2 or "。" in line.text:
            continue
        items = [x for x in separators.split(line.text) if x]
        if len(items) >= config.keyword_min_items and all(len(x) <= config.keyword_max_chars for x in items):
            lines.append((line.start, line.end, False))
    return lines


# --- foreign text: `foreign_text` -----------------------------------------------------------------

@lru_cache(maxsize=None)
def _foreign_script_run() -> re.Pattern:
    scripts = spam_data().foreign.scripts
    chars = "".join(v for k, v in scripts.items() if k != "vietnamese")
    return re.compile(rf"[{chars}]+(?:[\s\d.,!?:;'\"()-]+[{chars}]+)*")


@lru_cache(maxsize=None)
def _vietnamese_letter() -> re.Pattern:
    return re.compile(f"[{spam_data().foreign.scripts['vietnamese']}]")


@lru_cache(maxsize=None)
def _han_run() -> re.Pattern:
    return re.compile(rf"(?:[{_CJK}{_CJK_PUNCTUATION}《》]|[A-Za-z0-9]+(?=[{_CJK}《》]))+")


@lru_cache(maxsize=None)
def _function_words() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    foreign = spam_data().foreign
    return ({lang: frozenset(words) for lang, words in foreign.function_words.items()},
            frozenset(foreign.english_function_words))


def _latin_run(minimum: int) -> re.Pattern:
    word = r"[A-Za-z][A-Za-z'’-]*"
    return re.compile(rf"{word}(?:[ \t,.!?;:]+{word}){{{minimum - 1},}}[.!?]?")


def _line_without(text: str, start: int, end: int) -> str:
    """The line around [start, end) without that span."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start:start] + " " + text[end:len(text) if line_end < 0 else line_end]


def _may_hold_foreign_sentences(text: str) -> bool:
    """Cheap whole-text test: a Vietnamese letter, or enough of one language's function words."""
    if _vietnamese_letter().search(text):
        return True
    words = _words(text)
    needed = spam_data().foreign.min_foreign_words
    return any(len(words & function_words) >= needed for function_words in _function_words()[0].values())


def _is_foreign_sentence(sentence: str) -> bool:
    """Vietnamese, or mostly another Latin-script language's function words."""
    words = [w.lower() for w in _LATIN_WORD.findall(sentence)]
    if len(words) < 2:
        return False
    config = spam_data().foreign
    marked = sum(1 for w in words if _vietnamese_letter().search(w))
    if marked >= 2 and marked >= 0.3 * len(words):
        return True
    languages, english = _function_words()
    english_share = sum(w in english for w in words) / len(words)
    for function_words in languages.values():
        found = sum(w in function_words for w in words)
        if (found >= config.min_foreign_words and found >= config.min_foreign_share * len(words)
                and english_share < 0.15):
            return True
    return False


def _foreign_spans(text: str, language: str) -> list[tuple[int, int, bool]]:
    config = spam_data().foreign
    spans = [(m.start(), m.end(), False) for m in _foreign_script_run().finditer(text)
             if len(m.group().replace(" ", "")) >= config.min_script_chars]
    if language == "en":
        for m in _han_run().finditer(text) if _HAN.search(text) else ():
            if (len(_HAN.findall(m.group())) >= config.min_han_in_english
                    and len(_LATIN_WORD.findall(_line_without(text, *m.span()))) >= config.min_host_words):
                start, end = m.span()
                if end < len(text) and text[end] in ",，" and start > 0 and text[start - 1] in ",，":
                    end += 1        # "volunteers,<run>,A profound": one comma stays
                spans.append((start, end, True))
        for m in _SENTENCE.finditer(text) if _may_hold_foreign_sentences(text) else ():
            if _is_foreign_sentence(m.group()):
                start = m.start() + len(m.group()) - len(m.group().lstrip())
                spans.append((start, m.end(), False))
    else:
        for m in _latin_run(config.min_latin_words_in_chinese).finditer(text):
            before = text[max(0, m.start() - 1):m.start()]
            if before in ("/", ".", "@", ":", "“", "《", "\"", "(", "（") or _URL.match(text, m.start()):
                continue        # a link, or a quoted or bracketed English name
            if len(_HAN.findall(_line_without(text, *m.span()))) < config.min_host_han:
                continue        # a whole line of English: a bilingual page
            spans.append((m.start(), m.end(), False))
    return spans


@fix("foreign_text")
def foreign_text(text: str, ctx: CleanContext) -> list[Edit]:
    """Text in a script or language the bulletin is not written in: Korean, Japanese, Thai,
    Russian, Arabic, Hindi or Vietnamese anywhere; an Indonesian or Spanish sentence or a long
    Chinese run in English text; a Latin-script sentence in Chinese text."""
    return _deletions(text, _foreign_spans(text, ctx.language))


# --- advertising copy: `spam_sentences` ---------------------------------------------------------------

@lru_cache(maxsize=None)
def _signals() -> tuple[frozenset[str], re.Pattern]:
    words = spam_data().unrelated.words
    latin = frozenset(w for w in words if w.isascii())
    chinese = [w for w in words if not w.isascii()]
    return latin, re.compile("|".join(map(re.escape, sorted(chinese, key=len, reverse=True))))


def _content_units(sentence: str, language: str) -> list[str]:
    """What ties a sentence to a page: its longer words (English) or character pairs (Chinese)."""
    if language == "zh":
        han = "".join(_HAN.findall(_signals()[1].sub("|", sentence)))
        return [han[i:i + 2] for i in range(len(han) - 1)]
    latin, _ = _signals()
    minimum = spam_data().unrelated.min_content_word
    _, english = _function_words()
    return [w for w in (x.lower() for x in _LATIN_WORD.findall(sentence))
            if len(w) >= minimum and w not in latin and w not in english]


def _signal_count(sentence: str, language: str) -> int:
    latin, chinese = _signals()
    found = {w for w in (x.lower() for x in _LATIN_WORD.findall(sentence)) if w in latin}
    if language == "zh":
        found |= set(chinese.findall(sentence))
    return len(found)


@fix("spam_sentences")
def spam_sentences(text: str, ctx: CleanContext) -> list[Edit]:
    """Sentences of advertising copy (several spam words: casino, bonus, download, 彩金, 注册)
    that share next to nothing with the rest of the page."""
    config = spam_data().unrelated
    page_signals = len(_words(text) & _signals()[0])
    if ctx.language == "zh" and _HAN.search(text):
        page_signals += len(set(_signals()[1].findall(text)))
    if page_signals < config.min_signals:
        return []             # not enough advertising words on the whole page for one sentence
    sentences = list(_SENTENCE.finditer(text))
    suspects = [m for m in sentences if _signal_count(m.group(), ctx.language) >= config.min_signals]
    if not suspects:
        return []
    # the page's vocabulary comes from the sentences that are no suspects, so deleting a
    # suspect never changes the verdict on another (the fix stays idempotent)
    page = set()
    for m in sentences:
        if _signal_count(m.group(), ctx.language) < config.min_signals:
            page.update(_content_units(m.group(), ctx.language))
    spans = []
    for m in suspects:
        units = _content_units(m.group(), ctx.language)
        size = len(units) if ctx.language == "zh" else len(_LATIN_WORD.findall(m.group()))
        if ctx.language != "zh" and size > config.max_sentence_words:
            continue
        tie = sum(u in page for u in units) / len(units) if units else 0.0
        if tie <= config.max_tie_share:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            spans.append((start, m.end(), False))
    return _deletions(text, spans)
