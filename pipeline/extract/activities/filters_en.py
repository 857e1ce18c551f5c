"""The English filters: why a matched cue is no report of its type (or, naming, no name of it).

Each filter is registered under its rule id; configs/taxonomy.toml [rules] en_reported and
en_naming list the ones that run, in order. A filter is called as `drop(scan, cues)` with the
cues no earlier filter dropped, and returns one flag per cue (True: dropped for this reason), or
None when it cannot fire in the text (no masks, no quotes ...). A cue is the tuple
cues_en.EnglishScan.hits makes: (start token, end token, start char, end char, rule, ...), rule
being (hit label, type id, is a name type (en_name_types), suggester).
"""
from __future__ import annotations

from ..decisions import RULES
from .lexicon import FILTERS, WEAK_PREFIX, Filter


def _filter(rule_id: str, doc: str, stages: tuple[str, ...] = ("reported",)):
    RULES.add(rule_id, "reject", doc)

    def register(drop):
        FILTERS[rule_id] = Filter("en", stages, drop)
        return drop
    return register


@_filter("activity.en.masked", "inside a campaign name or stock formula (en_masks: 'party history "
         "learning education')", ("reported", "naming"))
def _masked(scan, cues):
    masked = scan.masked
    if not masked:
        return None
    return [any(ms < end and start < me for ms, me in masked) for start, end, *_ in cues]


@_filter("activity.en.quoted", "inside quotation marks (en_quote_limits): a name or a slogan; a strong "
         "cue that is the whole quotation stays")
def _quoted(scan, cues):
    quoted = scan.quoted
    if not quoted:
        return None
    return [any(qs <= sc and ec <= qe for qs, qe in quoted)
            and (rule[0][0] == WEAK_PREFIX or (sc, ec) not in quoted)
            for _, _, sc, ec, rule, *_ in cues]


@_filter("activity.en.planned", "after a plan marker in its clause (en_plan_markers: 'will', "
         "'plans to')")
def _planned(scan, cues):
    plans = scan.plans
    if not plans.markers:
        return None
    return [plans.after_marker(start) for start, *_ in cues]


@_filter("activity.en.negated", "right after a denial (en_negations: 'not', 'never')")
def _negated(scan, cues):
    negations = scan.lexicon.english.negations
    window = scan.lexicon.decision.en_negation_window
    lower = scan.tokens.lower
    return [not negations.isdisjoint(lower[max(0, start - window):start]) for start, *_ in cues]


@_filter("activity.en.passing", "after a passing marker of its type in its clause (en_passing: "
         "'follow the WeChat account', 'since the meeting')")
def _passing(scan, cues):
    scopes = scan.passing
    if not scopes:
        return None
    out = []
    for start, _, _, _, rule, *_ in cues:
        scope = scopes.get(rule[1])
        out.append(scope is not None and scope.after_marker(start))
    return out


@_filter("activity.en.commemorated", "a capitalised cue of a name type ending the name of a past "
         "event (en_commemorations: 'the 90th anniversary of the X Conference')")
def _commemorated(scan, cues):
    doc = scan.doc
    lookback = scan.lexicon.decision.en_commemoration_words
    phrases = scan.lexicon.en_commemorations

    def commemorated(start: int) -> bool:
        if not doc[start].is_title:
            return False
        k = start
        while k > 0 and doc[k - 1].is_title and doc[k - 1].is_alpha:
            k -= 1
        return " ".join(t.lower_ for t in doc[max(0, k - lookback):k]).endswith(phrases)
    return [rule[2] and commemorated(start) for start, _, _, _, rule, *_ in cues]


@_filter("activity.en.venue", "a cue of a name type right before a venue noun (en_venue_words: "
         "'meeting room', 'memorial hall road')")
def _venue(scan, cues):
    doc, venues = scan.doc, scan.lexicon.en_venue_words
    n = len(doc)
    return [rule[2] and end < n and doc[end].lower_ in venues for _, end, _, _, rule, *_ in cues]


@_filter("activity.en.in_name", "a capitalised cue of a name type running on into a capitalised "
         "word ('the Meeting Hall'), outside headline lines (en_title_line_share)")
def _in_name(scan, cues):
    doc = scan.doc
    n = len(doc)

    def in_name(start: int, end: int) -> bool:
        if end >= n:
            return False
        following = doc[end]
        return (doc[end - 1].is_title and following.is_title and following.is_alpha
                and not _title_line(scan, start))
    return [rule[2] and in_name(start, end) for start, end, _, _, rule, *_ in cues]


def _title_line(scan, token: int) -> bool:
    """Whether the token's line is mostly capitalised words (a headline)."""
    text, at = scan.text, scan.tokens.idx[token]
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = [w for w in text[start:end if end >= 0 else None].split() if w[:1].isalpha()]
    share = scan.lexicon.decision.en_title_line_share
    return bool(words) and sum(w[0].isupper() for w in words) >= share * len(words)


@_filter("activity.en.name_end", "a weak cue ending a capitalised name ('the docents of the Town "
         "Uprising Memorial Hall'): it names a place or a body, not a counted thing", ("naming",))
def _name_end(scan, cues):
    doc = scan.doc

    def name_end(start: int, end: int) -> bool:
        if start < 2 or not all(t.is_title for t in doc[start:end]):
            return False
        before = doc[start - 1]          # capitalised, and not the first word of the text
        return before.is_title and before.is_alpha
    return [rule[0][0] == WEAK_PREFIX and name_end(start, end) for start, end, _, _, rule, *_ in cues]
