"""Which cue matches count as reports of something done (see docs/activities.md).

A cue is dropped when it lies inside a campaign name or stock formula (a mask), inside quotation
marks or a book-title name, or after a plan marker ("will", 将) in its clause. Of overlapping cues
the longest wins ("report meeting" is preaching, not a meeting).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from . import activity_lexicon as lex

Hit = tuple[str, int, int]          # (label, start char, end char); label "~type" if weak

# Quotation pairs; a cue inside one is part of a name or a slogan.
_EN_QUOTES = re.compile(r'"[^"\n]{0,120}"|“[^”\n]{0,120}”|‘[^’\n]{0,80}’')
_ZH_QUOTES = re.compile(r"《[^》\n]{0,60}》|“[^”\n]{0,40}”|「[^」\n]{0,40}」|\"[^\"\n]{0,40}\"")
# Where a plan marker's scope ends.
_EN_CLAUSE_BREAK = {";", ".", "!", "?"}
_ZH_SENTENCE = re.compile(r"[^。！？；!?;\n]+")


def _regions(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start() + 1, m.end() - 1) for m in pattern.finditer(text)]


def _inside(start: int, end: int, regions) -> bool:
    return any(rs <= start and end <= re_ for rs, re_ in regions)


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, the longer (then earlier) of two overlapping ones kept."""
    starts: list[int] = []                 # the kept hits, disjoint: sorted by start and by end
    ends: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h[2] - h[1]), h[1], lex.is_weak(h[0]))):
        j = bisect_right(ends, hit[1])     # the first kept hit ending after this one starts
        if j == len(ends) or starts[j] >= hit[2]:
            starts.insert(j, hit[1])
            ends.insert(j, hit[2])
            kept.insert(j, hit)
    return kept


def english_reported_cues(doc, sentences: bool = True, naming: bool = False,
                          text: str | None = None) -> list[Hit]:
    """Type cues in an English spaCy Doc that survive the rules, as character spans.

    `naming=True` keeps cues in quotes, plans and denials, but drops weak ones ending a
    capitalised name: used to say what a counted thing is
    ("400 items in the 'practical things for the masses' drive"), not whether it was done.
    `text` is doc.text when the caller has it (spaCy rebuilds it token by token).
    """
    view = lex.token_view(doc, text)
    text = view.text
    masked: list[tuple[int, int]] = []
    plan_tokens: list[int] = []
    passing: dict[str, list[int]] = {}
    strings = doc.vocab.strings
    for label, start, end in view.matches(lex.english_mask_matcher()):
        name = strings[label]
        if name == "mask":
            masked.append((start, end))
        elif name.startswith("passing:"):
            passing.setdefault(name[len("passing:"):], []).append(start)
        else:
            plan_tokens.append(start)
    if not naming:
        quoted = _regions(_EN_QUOTES, text)
        plans = _PlanScope(view, plan_tokens, sentences and doc.has_annotation("SENT_START"))
        passing_scopes = {t: _PlanScope(view, markers, plans.sentences)
                          for t, markers in passing.items()}
        negations = _negation_hashes()
        lower = view.lower
    idx, orth, token_text = view.idx, view.orth, strings.__getitem__
    rules = _cue_rules
    hits: list[Hit] = []
    for label, start, end in lex.english_cues(doc):
        rule = rules.get(label)
        if rule is None:
            rule = rules[label] = _cue_rule(label)
        if not rule:
            continue
        type_id, passing_key, name_type = rule
        if masked and any(ms < end and start < me for ms, me in masked):
            continue
        start_char, end_char = idx[start], idx[end - 1] + len(token_text(orth[end - 1]))
        if naming and type_id[0] == lex.WEAK_PREFIX and _in_proper_name(doc, start, end):
            continue
        if not naming:
            if quoted and _inside(start_char, end_char, quoted) and (
                    type_id[0] == lex.WEAK_PREFIX or (start_char, end_char) not in quoted):
                continue      # a strong cue that is the whole quotation ("micro party lesson") is no name
            if plans.markers and plans.after_marker(start):
                continue
            if not negations.isdisjoint(lower[max(0, start - 3):start]):
                continue
            scope = passing_scopes.get(passing_key)
            if scope is not None and scope.after_marker(start):
                continue
            if name_type and _in_name(view, lex.Cue(label, start, end), type_id):
                continue
        hits.append((type_id, start_char, end_char))
    return _longest_first(hits)


_cue_rules: dict[str, tuple] = {}


def _in_proper_name(doc, start: int, end: int) -> bool:
    """Whether a cue is the capitalised end of a longer name ("the docents of the Nanchang
    Uprising Memorial Hall"): naming a place or a body, it says nothing of what a counted thing
    nearby is. The word before must be capitalised and not the first of the text."""
    if start < 2 or not all(t.is_title for t in doc[start:end]):
        return False
    before = doc[start - 1]
    return before.is_title and before.is_alpha


def _cue_rule(label: str) -> tuple:
    """What the rules need of a cue label: the hit label (type id, "~" for weak cues and unit
    heads), its type as en_passing and en_name_types name it, and whether it is a name type;
    () for a label that names no type."""
    type_id = lex.type_of_label(label)
    if type_id is None:
        return ()
    if lex.is_weak(label) or label.startswith(lex.UNIT_HEAD_PREFIX):
        type_id = lex.WEAK_PREFIX + type_id      # a role noun alone ("shows") says little
    key = type_id.lstrip(lex.WEAK_PREFIX + lex.GENERIC_PREFIX)
    return type_id, key, key in lex.english_name_types()


@lru_cache(maxsize=1)
def _negation_hashes() -> frozenset[int]:
    from ..nlp import english

    strings = english().vocab.strings
    return frozenset(strings[w] for w in lex.english_negations())


@lru_cache(maxsize=1)
def _clause_break_hashes() -> frozenset[int]:
    from ..nlp import english

    strings = english().vocab.strings
    return frozenset(strings[w] for w in _EN_CLAUSE_BREAK)


class _PlanScope:
    """Whether a token follows one of `markers` in its sentence (`sentences`; else in the text)
    with no clause break (; . ! ?) between: the nearest marker before it decides."""

    __slots__ = ("markers", "breaks", "sent_starts", "sentences")

    def __init__(self, view, markers, sentences: bool):
        self.markers = sorted(markers)
        self.sentences = sentences
        self.sent_starts = view.sent_starts
        if self.markers:
            breaks = _clause_break_hashes()
            self.breaks = [i for i, h in enumerate(view.orth) if h in breaks]
        else:
            self.breaks = []

    def after_marker(self, token: int) -> bool:
        markers = self.markers
        if not markers:
            return False
        k = bisect_left(markers, token)
        if k == 0:
            return False
        marker = markers[k - 1]                      # the nearest marker before the token
        if self.sentences:
            s = bisect_right(self.sent_starts, token)
            if s and marker < self.sent_starts[s - 1]:
                return False
        b = bisect_left(self.breaks, marker)
        return b == len(self.breaks) or self.breaks[b] >= token


_VENUE_WORDS = {"hall", "room", "center", "centre", "building", "venue", "address", "square",
                "site", "office", "street", "road"}


def _in_name(view, cue, type_id: str) -> bool:
    """A cue that goes on into a capitalised name or a venue noun ("Meeting Hall", "meeting
    room", "Memorial Hall Road"): a place named, not the activity done there; or ends a
    commemorated name ("anniversary of the Zunyi Conference")."""
    if type_id.lstrip(lex.WEAK_PREFIX + lex.GENERIC_PREFIX) not in lex.english_name_types():
        return False
    doc = view.doc
    if _commemorated(doc, cue.start):
        return True
    if cue.end >= len(doc):
        return False
    following = doc[cue.end]
    if following.lower_ in _VENUE_WORDS:
        return True
    last = doc[cue.end - 1]
    return (last.is_title and following.is_title and following.is_alpha
            and not _title_line(view, cue.start))


def _commemorated(doc, start: int) -> bool:
    """A capitalised cue ending a name that an anniversary or a commemoration is of ("the 87th
    anniversary of the Zunyi Conference"): a past event named, not one held now."""
    k = start
    if not doc[k].is_title:
        return False
    while k > 0 and doc[k - 1].is_title and doc[k - 1].is_alpha:
        k -= 1
    before = " ".join(t.lower_ for t in doc[max(0, k - 4):k])
    return before.endswith(lex.english_commemorations())


def _title_line(view, token: int) -> bool:
    """Whether the token's line is mostly capitalised words (a headline)."""
    text = view.text
    start = text.rfind("\n", 0, view.idx[token]) + 1
    end = text.find("\n", view.idx[token])
    words = [w for w in text[start:end if end >= 0 else None].split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def chinese_keyword_hits(text: str) -> list[Hit]:
    """Every Chinese keyword occurrence, longest first where they overlap, masks removed."""
    masked = [(m.start(), m.end()) for mask, pattern in _chinese_mask_pairs() if mask in text
              for m in pattern.finditer(text)]
    by_start = _chinese_keywords_by_start
    hits: list[Hit] = []
    for m in _chinese_first_chars().finditer(text):
        start = m.start()
        two = text[start:start + 2]
        candidates = by_start.get(two)
        if candidates is None:
            if len(by_start) > 100_000:               # bounded, whatever the texts
                by_start.clear()
            candidates = by_start[two] = _chinese_keywords_starting(two)
        for keyword, type_id in candidates:
            if text.startswith(keyword, start):
                end = start + len(keyword)
                if not any(ms < end and start < me for ms, me in masked):
                    hits.append((type_id, start, end))
    return _longest_first(hits)


# The first two characters at a position -> the keywords that may start there (those with that
# first character, in chinese_keywords() order, whose second character, if any, agrees).
_chinese_keywords_by_start: dict[str, tuple[tuple[str, str], ...]] = {}


def _chinese_keywords_starting(two: str) -> tuple[tuple[str, str], ...]:
    return tuple((keyword, type_id)
                 for keyword, type_id in lex.chinese_keywords_by_first_char().get(two[0], ())
                 if len(keyword) == 1 or (len(two) == 2 and keyword[1] == two[1]))


@lru_cache(maxsize=1)
def _chinese_first_chars() -> re.Pattern:
    """Any character a Chinese keyword starts with (the scan skips the others in C)."""
    return re.compile("[" + "".join(map(re.escape, sorted(lex.chinese_keywords_by_first_char())))
                      + "]")


@lru_cache(maxsize=1)
def _chinese_mask_pairs() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(zip(lex.chinese_masks(), lex.chinese_mask_patterns()))


def chinese_reported_cues(text: str, naming: bool = False) -> list[Hit]:
    """Chinese keywords that survive the rules (not in 《titles》/quotes, not planned).

    `naming=True` keeps quoted and planned ones (see english_reported_cues)."""
    if naming:
        return chinese_keyword_hits(text)
    quoted = _regions(_ZH_QUOTES, text)
    plans = lex.chinese_plan_markers()
    hits: list[Hit] = []
    for sentence in _ZH_SENTENCE.finditer(text):
        clause = sentence.group()
        # No cue before the end of the clause's first plan marker can be planned.
        plannable = min((clause.find(p) + len(p) for p in plans if p in clause),
                        default=len(clause) + 1)
        clause_hits = chinese_keyword_hits(clause)
        for type_id, start, end in clause_hits:
            s, e = sentence.start() + start, sentence.start() + end
            if quoted and _inside(s, e, quoted):
                continue
            if start >= plannable and _planned(clause[:start], sentence.start(), quoted):
                continue
            if type_id[0] == lex.WEAK_PREFIX and _held(clause, start) \
                    and not any(h[1] == end for h in clause_hits):
                type_id = type_id[1:]     # 举办培训十五期: the thing held (not 开展入户排查: a modifier)
            hits.append((type_id, s, e))
    return hits + _chinese_named_activities(text, plans)


def _held(clause: str, start: int) -> bool:
    """Whether a keyword at `start` is the object of a verb of holding right before it (举办培训,
    组织学习, 开展帮扶): what was held, not a word in passing."""
    before = clause[max(0, start - 14):start]
    return _held_before().search(before) is not None


@lru_cache(maxsize=1)
def _held_before() -> re.Pattern:
    """A verb of holding at the end of a text, maybe with a count of the thing after it
    (组织约200名志愿者, 举办培训)."""
    verbs = "|".join(map(re.escape, lex.chinese_hold_verbs()))
    return re.compile(rf"(?:{verbs})(?:[约近超逾]?[\d零〇一二三四五六七八九十百千万两.,，]+[余多]?"
                      rf"[名个场支批期次位家项][余多]?)?$")


def _planned(before: str, offset: int, quoted) -> bool:
    """Whether a plan marker (将, 计划, 要) stands in `before` (the clause up to a cue, starting at
    `offset` in the text), outside quoted names and words like 重要 "important"."""
    chars = list(before)
    for s, e in quoted:
        for i in range(max(s - offset, 0), min(e - offset, len(chars))):
            chars[i] = " "
    plain = "".join(chars)
    for word in lex.chinese_plan_exceptions():
        plain = plain.replace(word, " " * len(word))
    if "将" in plain or "將" in plain:
        plain = lex.chinese_disposal().sub(lambda m: " " + m.group()[1:], plain)
    return any(p in plain for p in lex.chinese_plan_markers())


def _chinese_named_activities(text: str, plans) -> list[Hit]:
    """A quoted name followed by 活动 (“学党史、捐红书”活动): an activity by that name was held.
    Its type is what a strong keyword in the name says (“红色电影进社区”活动 is film_screening),
    else a themed activity (a generic cue: kept only when nothing more specific is said)."""
    named = lex.taxonomy()["decision"]
    suffixes = tuple(named["zh_named_activity"])
    hits: list[Hit] = []
    for m in _ZH_QUOTES.finditer(text):
        if m.group().startswith("《"):
            continue                                   # a book or film title, not an activity
        if text.startswith(suffixes, m.end()):
            sentence_start = max(text.rfind(ch, 0, m.start()) for ch in "。！？；\n") + 1
            if _planned(text[sentence_start:m.start()], sentence_start, []):
                continue
            suffix = next(x for x in suffixes if text.startswith(x, m.end()))
            inside = [h for h in chinese_keyword_hits(m.group()[1:-1])
                      if not lex.is_weak(h[0]) and not lex.is_generic(h[0])]
            label = (inside[-1][0] if inside
                     else lex.GENERIC_PREFIX + named["named_activity_type"])
            hits.append((label, m.start(), m.end() + len(suffix)))
    return hits
