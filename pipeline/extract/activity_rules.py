"""Which cue matches count as reports of something done (see docs/activities.md).

A cue is dropped when it lies inside a campaign name or stock formula (a mask), inside quotation
marks or a book-title name, or after a plan marker ("will", 将) in its clause. Of overlapping cues
the longest wins ("report meeting" is preaching, not a meeting).
"""
from __future__ import annotations

import re

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
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h[2] - h[1]), h[1])):
        if all(hit[2] <= k[1] or hit[1] >= k[2] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[1])


def english_reported_cues(doc, sentences: bool = True, naming: bool = False) -> list[Hit]:
    """Type cues in an English spaCy Doc that survive the rules, as character spans.

    `naming=True` keeps cues in quotes, plans and denials: used to say what a counted thing is
    ("400 items in the 'practical things for the masses' drive"), not whether it was done.
    """
    text = doc.text
    quoted = _regions(_EN_QUOTES, text)
    masked: list[tuple[int, int]] = []
    plan_tokens: list[int] = []
    strings = doc.vocab.strings
    lemmas = lex.lemma_doc(doc)
    for label, start, end in lex.english_mask_matcher()(lemmas):
        if strings[label] == "mask":
            masked.append((start, end))
        else:
            plan_tokens.append(start)
    hits: list[Hit] = []
    for cue in lex.english_cues(doc, lemmas):
        type_id = lex.type_of_label(cue.label)
        if type_id is None:
            continue
        if lex.is_weak(cue.label):
            type_id = lex.WEAK_PREFIX + type_id
        if any(ms < cue.end and cue.start < me for ms, me in masked):
            continue
        span = doc[cue.start:cue.end]
        if not naming and (_inside(span.start_char, span.end_char, quoted)
                           or _after_plan_marker(doc, cue.start, plan_tokens, sentences)
                           or _negated(doc, cue.start)):
            continue
        hits.append((type_id, span.start_char, span.end_char))
    return _longest_first(hits)


def _after_plan_marker(doc, token: int, plan_tokens: list[int], sentences: bool) -> bool:
    start = doc[token].sent.start if sentences and doc.has_annotation("SENT_START") else 0
    for marker in plan_tokens:
        if start <= marker < token and not any(
                doc[i].text in _EN_CLAUSE_BREAK for i in range(marker, token)):
            return True
    return False


def _negated(doc, token: int, window: int = 3) -> bool:
    negations = lex.english_negations()
    return any(doc[i].lower_ in negations for i in range(max(0, token - window), token))


def chinese_keyword_hits(text: str) -> list[Hit]:
    """Every Chinese keyword occurrence, longest first where they overlap, masks removed."""
    masked = [(m.start(), m.end()) for mask in lex.chinese_masks()
              for m in re.finditer(re.escape(mask), text)]
    hits: list[Hit] = []
    for keyword, type_id in lex.chinese_keywords():
        for m in re.finditer(re.escape(keyword), text):
            if not any(ms < m.end() and m.start() < me for ms, me in masked):
                hits.append((type_id, m.start(), m.end()))
    return _longest_first(hits)


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
        for type_id, start, end in chinese_keyword_hits(clause):
            s, e = sentence.start() + start, sentence.start() + end
            if _inside(s, e, quoted):
                continue
            before = clause[:start]
            if any(p in before for p in plans):
                continue
            hits.append((type_id, s, e))
    return hits + _chinese_named_activities(text, plans)


def _chinese_named_activities(text: str, plans) -> list[Hit]:
    """A quoted name followed by 活动 (“学党史、捐红书”活动): a themed activity that was held."""
    named = lex.taxonomy()["decision"]
    suffixes = tuple(named["zh_named_activity"])
    hits: list[Hit] = []
    for m in _ZH_QUOTES.finditer(text):
        if m.group().startswith("《"):
            continue                                   # a book or film title, not an activity
        if text.startswith(suffixes, m.end()):
            sentence_start = max(text.rfind(ch, 0, m.start()) for ch in "。！？；\n") + 1
            if any(p in text[sentence_start:m.start()] for p in plans):
                continue
            suffix = next(x for x in suffixes if text.startswith(x, m.end()))
            hits.append((named["named_activity_type"], m.start(), m.end() + len(suffix)))
    return hits
