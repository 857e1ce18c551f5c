"""English activity cues: the suggesters (taxonomy cues and verb + object pairs, matched on the
shared tokens), and the filters of [rules] run over them (filters_en.py).

    hits, _ = reported_cues(view)   # [(label, start char, end char)]: what the text reports done
    hits = naming_cues(view)        # the same cues read as names of things (quotes, plans kept)
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..decisions import OFF, RULES, Candidate, Trace
from .decide import longest_first, overlaps_traced
from .lemmas_en import TokenView
from .lexicon import (ACTION_OBJECT, ACTION_VERB, FILTERS, GENERIC_PREFIX, UNIT_HEAD_PREFIX,
                      WEAK_PREFIX, Cue,
                      Hit, Lexicon, is_generic, is_weak, load, type_of_label)

STRONG = RULES.add("activity.en.cue", "suggest", "a strong cue of a type (en_lemmas, en_phrases)")
WEAK = RULES.add("activity.en.weak_cue", "suggest", "a weak cue of a type (en_weak)")
GENERIC = RULES.add("activity.en.generic_cue", "suggest",
                    "a generic cue (en_generic: 'series of activities')")
ROLE = RULES.add("activity.en.role_noun", "suggest",
                 "a role noun of a type (en_unit_heads), weak in running text")
ACTION = RULES.add("activity.en.action", "suggest",
                   "a verb and its object of one action (en_actions: 'set up ... party branch')")


def tokens_of(view) -> TokenView:
    """The document's TokenView (a layer of the view)."""
    return view.layer(_token_view)


def _token_view(view) -> TokenView:
    return TokenView(load(view.data).english, view.spacy, view.text)


def reported_cues(view) -> tuple[list[Hit], dict | None]:
    """Cues of the document that survive [rules] en_reported, longest first where they
    overlap: what the text reports as done. (hits, their candidates by hit when explaining)"""
    scan = EnglishScan(load(view.data), tokens_of(view), sentences=True, quotes=view.quotes)
    hits = scan.hits(scan.lexicon.rules.en_reported, view.trace)
    return hits, scan.candidates


def naming_cues(view) -> list[Hit]:
    """The document's cues that survive [rules] en_naming, sorted by start (a view layer, made
    once for every count of the document): quoted, planned and denied ones are kept, since they
    say what a counted thing is ("400 items in the 'practical things' drive"), not whether it
    was done."""
    return view.layer(_naming_cues)


def _naming_cues(view) -> list[Hit]:
    lexicon = load(view.data)
    scan = EnglishScan(lexicon, tokens_of(view), sentences=False, quotes=view.quotes)
    return scan.hits(lexicon.rules.en_naming, OFF)


def english_cues(lexicon: Lexicon, tokens: TokenView) -> tuple[list[tuple], list[Cue]]:
    """Every cue of the tokens, as (label, start token, end token): (matched cues — plain
    tuples, made by the thousand —, paired verb + object actions); found once per TokenView."""
    found = tokens.found.get("cues")
    if found is None:
        found = tokens.found["cues"] = _english_cues(lexicon, tokens)
    return found


def _english_cues(lexicon: Lexicon, tokens: TokenView) -> tuple[list[tuple], list[Cue]]:
    kinds = lexicon.match_kinds
    strings = tokens.doc.vocab.strings
    cues, verbs, objects = [], [], []
    for label_id, start, end in tokens.matches(lexicon.english.cue_matcher):
        kind = kinds.get(label_id)
        if kind is None:
            kind = kinds[label_id] = _match_kind(strings[label_id])
        if kind[0] == 0:
            cues.append((kind[1], start, end))
        elif kind[0] == 1:
            verbs.append((kind[1], start, end))
        else:
            objects.append((kind[1], start, end))
    pairs = _paired_actions(lexicon, tokens, verbs, objects) if verbs and objects else []
    return cues, pairs


class EnglishScan:
    """One text's cues and what its filters read (masks, plan and passing markers, quotations),
    each computed when a filter first asks."""

    def __init__(self, lexicon: Lexicon, tokens: TokenView, sentences: bool, quotes):
        self.lexicon = lexicon
        self.tokens = tokens
        self.text = tokens.text
        self.doc = tokens.doc
        self.sentences = sentences and tokens.doc.has_annotation("SENT_START")
        self.cues, self.masked, self.plan_markers, self.passing_markers = _cue_table(lexicon, tokens)
        self.candidates: dict | None = None     # explaining: the kept cues' candidates by hit
        self.quotes = quotes                     # the view's quotations (doc.QuoteIndex)
        self._quoted: list[tuple[int, int]] | None = None
        self._plans: MarkerScope | None = None
        self._passing: dict[str, MarkerScope] | None = None

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """The insides of the view's quotations whose marks [decision] en_quote_limits lists, at
        most as long as it says."""
        if self._quoted is None:
            limits = self.lexicon.decision.en_quote_limits
            self._quoted = [(q.start + 1, q.end - 1) for q in self.quotes.all
                            if q.end - q.start - 2 <= limits.get(q.mark, -1)]
        return self._quoted

    @property
    def plans(self) -> "MarkerScope":
        if self._plans is None:
            self._plans = MarkerScope(self, self.plan_markers)
        return self._plans

    @property
    def passing(self) -> dict[str, "MarkerScope"]:
        if self._passing is None:
            self._passing = {t: MarkerScope(self, markers) for t, markers in self.passing_markers.items()}
        return self._passing

    def hits(self, filter_ids, trace: Trace) -> list[Hit]:
        """The cues no filter of `filter_ids` drops, longest first where they overlap. When
        explaining, the kept cues' candidates are left in `self.candidates`."""
        cues = self.cues
        for rule_id in filter_ids:
            if not cues:
                break
            dropped = FILTERS[rule_id].drop(self, cues)
            if dropped is None or True not in dropped:
                continue
            if trace.enabled:
                for cue, drop in zip(cues, dropped):
                    if drop:
                        trace.reject(_candidate(cue), rule_id)
            cues = [cue for cue, drop in zip(cues, dropped) if not drop]
        hits = [(cue[4][0], cue[2], cue[3]) for cue in cues]
        if not trace.enabled:
            return longest_first(hits)
        kept, self.candidates = overlaps_traced(hits, [_candidate(cue) for cue in cues], trace)
        return kept


def _cue_table(lexicon: Lexicon, tokens: TokenView) -> tuple:
    """What every reading of the tokens starts from, made once per TokenView: the cues as
    (start token, end token, start char, end char, rule, is an action) — rule as _cue_rule
    makes it — and the masks, plan markers and passing markers (token offsets)."""
    found = tokens.found.get("table")
    if found is not None:
        return found
    idx, orth, strings = tokens.idx, tokens.orth, tokens.doc.vocab.strings
    token_text = strings.__getitem__
    rules = lexicon.cue_rules
    matched, pairs = english_cues(lexicon, tokens)
    plain = len(matched)
    cues = []
    for n, (label, start, end) in enumerate(matched + pairs):
        rule = rules.get(label)
        if rule is None:
            rule = rules[label] = _cue_rule(lexicon, label)
        if rule:                       # else a head class of counted things, no cue
            cues.append((start, end, idx[start], idx[end - 1] + len(token_text(orth[end - 1])),
                         rule, n >= plain))
    masked: list[tuple[int, int]] = []
    plans: list[int] = []
    passing: dict[str, list[int]] = {}
    for label, start, end in tokens.matches(lexicon.english.mask_matcher):
        name = strings[label]
        if name == "mask":
            masked.append((start, end))
        elif name.startswith("passing:"):
            passing.setdefault(name[len("passing:"):], []).append(start)
        else:
            plans.append(start)
    found = tokens.found["table"] = (cues, masked, plans, passing)
    return found


def _candidate(cue: tuple) -> Candidate:
    _, _, start, end, rule, action = cue
    return Candidate("activity", start, end, ACTION if action else rule[3], {"type": rule[1]})


def _cue_rule(lexicon: Lexicon, label: str) -> tuple:
    """What the filters need of a cue label: the hit label (the type id; "~type" for weak cues
    and role nouns; a generic cue's hit is a strong one), its type, whether that is a name type
    (en_name_types), and the suggester's rule id; () for a label that names no type."""
    type_id = type_of_label(label)
    if type_id is None:
        return ()
    hit_label = type_id
    if is_weak(label) or label.startswith(UNIT_HEAD_PREFIX):
        hit_label = WEAK_PREFIX + type_id      # a role noun alone ("shows") says little
    elif is_generic(label):
        hit_label = GENERIC_PREFIX + type_id   # judged by decide.py, as in Chinese
    suggester = (ROLE if label.startswith(UNIT_HEAD_PREFIX) else WEAK if is_weak(label)
                 else GENERIC if is_generic(label) else STRONG)
    return hit_label, type_id, type_id in lexicon.en_name_types, suggester


class MarkerScope:
    """Whether a token follows one of `markers` in its sentence (when the scan reads sentences;
    else in the text) with no plan-scope end ([decision] en_plan_scope_ends) between: the
    nearest marker before it decides."""

    __slots__ = ("markers", "breaks", "sent_starts", "sentences")

    def __init__(self, scan: EnglishScan, markers):
        self.markers = sorted(markers)
        self.sentences = scan.sentences
        self.sent_starts = scan.tokens.sent_starts
        if self.markers:
            ends = scan.lexicon.english.plan_scope_ends
            self.breaks = [i for i, h in enumerate(scan.tokens.orth) if h in ends]
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


# ---------------------------------------------------------------------------- verb + object

def _match_kind(label: str) -> tuple[int, str]:
    """(0, label) for a cue, (1, action) for an action verb, (2, action) for its object."""
    if label.startswith(ACTION_VERB):
        return 1, label[len(ACTION_VERB):]
    if label.startswith(ACTION_OBJECT):
        return 2, label[len(ACTION_OBJECT):]
    return 0, label


def _paired_actions(lexicon: Lexicon, tokens: TokenView, verbs, objects) -> list[Cue]:
    """A verb and an object of the same action, in either order, at most `action_window` words
    apart with no punctuation between ("set up a temporary party branch", "branches
    established"). An object before its verb is its subject in a passive or intransitive clause:
    only auxiliaries and adverbs (`action_gap_after_object`) may stand between ("branches were
    set up"; not "branch school set up", where the object word only modifies another noun)."""
    decision = lexicon.decision
    window, list_gap = decision.action_window, decision.en_list_max_gap
    punct = tokens.punct
    gap_words = lexicon.english.gap_after_object
    hyphens = lexicon.english.hyphens
    lower = tokens.lower
    pairs = []
    for action, v_start, v_end in verbs:
        for o_action, o_start, o_end in objects:
            if o_action != action:
                continue
            first_end, second_start = (v_end, o_start) if v_start < o_start else (o_end, v_start)
            gap = second_start - first_end
            if o_start < v_start and not gap_words.issuperset(lower[o_end:v_start]):
                continue
            if (0 <= gap <= window and not _breaks(punct, lower, hyphens, first_end, second_start)) or (
                    0 < gap <= list_gap and v_start < o_start and any(punct[v_end:o_start])
                    and _named_list(lexicon, tokens, v_end, o_start, o_end)):
                type_id = action.split(":", 1)[0]
                pairs.append(Cue(type_id, min(v_start, o_start), max(v_end, o_end)))
    return pairs


def _breaks(punct, lower, hyphens, start: int, end: int) -> bool:
    """Whether punctuation other than a hyphen ("95-year-old") stands between two tokens."""
    if not any(punct[start:end]):
        return False
    return any(punct[i] and lower[i] not in hyphens for i in range(start, end))


def _named_list(lexicon: Lexicon, tokens: TokenView, start: int, o_start: int, o_end: int) -> bool:
    """Whether the tokens from `start` up to the object are a list of capitalised names and the
    object ends the last of them: "visit Dongshan, the Old Ferry Site and the County Revolutionary
    Memorial Hall" visits the memorial hall."""
    if not 0 < o_start - start <= lexicon.decision.en_list_max_gap:
        return False
    doc = tokens.doc
    if not all(t.is_title for t in doc[o_start:o_end]):
        return False
    joiners = lexicon.en_list_joiners
    return all(t.is_title or t.lower_ in joiners for t in doc[start:o_start])
