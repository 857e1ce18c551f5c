"""The activity taxonomy (configs/taxonomy.toml) compiled once per process.

English cues are written as lemmas; there is no lemmatiser in `spacy.blank("en")`, so each cue
word is expanded to its likely inflections (preach -> preaches, preached, preaching), and a table
maps every such form back to its cue word. A document is matched as a "lemma doc" (one cue word
per token, each run of other tokens one placeholder, indices mapped back; see TokenView), so
spaCy's PhraseMatcher compares plain strings; matching `LOWER IN [forms]` sets directly was ~30x
slower. TokenView takes what the rules read of a Doc out once, as plain lists. Over-generation is harmless:
a made-up form ("preachs") never occurs in text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from ..resources import load_toml

TAXONOMY_FILE = "taxonomy.toml"

# Matcher labels that are not type ids: what a counted thing's head says about it.
NULL_HEAD = "_null_head"          # party members, communities: never an activity
CONTEXT_HEAD = "_context_head"    # activities, teams, people: the type is said elsewhere
UNIT_HEAD_PREFIX = "_unit:"       # preachers, volunteers: the head names the type
WEAK_PREFIX = "~"                 # a weak cue: several are needed before a type is reported
GENERIC_PREFIX = "?"              # a generic cue ("series of activities"): only if nothing better
TYPED_HEAD_PREFIX = "_typed:"     # entries, episodes: typed by the sentence, among a few types
ACTION_VERB = "_verb:"            # verb / object halves of an action cue, paired in english_cues
ACTION_OBJECT = "_object:"


class Cue(NamedTuple):
    """A cue as it matched: its label, the token range and the kind of cue."""
    label: str
    start: int        # token index
    end: int


def taxonomy() -> dict:
    return load_toml(TAXONOMY_FILE)


@lru_cache(maxsize=1)
def type_ids() -> tuple[str, ...]:
    """Type ids in file order, most specific first (the tie-break order)."""
    return tuple(taxonomy()["types"])


@lru_cache(maxsize=1)
def type_rank() -> dict[str, int]:
    return {type_id: rank for rank, type_id in enumerate(type_ids())}


@lru_cache(maxsize=None)
def inflections(word: str) -> frozenset[str]:
    """The forms a lemma may take in text: plural/3sg, past, gerund (suffix rules + irregulars)."""
    w = word.lower()
    conf = taxonomy()["inflection"]
    if w in conf["fixed"] or not w.isalpha() or len(w) < 2:
        return frozenset({w})
    forms = {w, *conf["irregular"].get(w, ())}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms.add(w + "s")
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    elif not w.endswith("y"):
        forms |= {w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}   # stop -> stopped
    return frozenset(forms - set(conf["not_forms"]))


def _english_cue_strings() -> list[str]:
    """Every English string the taxonomy matches: cues, heads, action words, masks, plans."""
    conf = taxonomy()
    strings: list[str] = []
    for entry in conf["types"].values():
        for key in ("en_lemmas", "en_phrases", "en_weak", "en_unit_heads", "en_generic"):
            strings += entry.get(key, ())
        for action in entry.get("en_actions", ()):
            strings += [*action["verbs"], *action["objects"]]
    strings += [*conf["units"]["en_null_heads"], *conf["units"]["en_context_heads"]]
    for typed in conf["units"].get("en_typed_heads", ()):
        strings += typed["heads"]
    for markers in conf["decision"].get("en_passing", {}).values():
        strings += markers
    strings += [*conf["decision"]["en_masks"], *conf["decision"]["en_plan_markers"]]
    return strings


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Inflected form -> cue word. A form that is itself a cue word stays itself ("meeting",
    "learning"); otherwise the shortest cue word it may come from ("studies" -> "study")."""
    from ..nlp import english

    make_doc = english().make_doc
    words = {t.lower_ for phrase in _english_cue_strings() for t in make_doc(phrase)}
    sources: dict[str, set[str]] = defaultdict(set)
    for word in words:
        for form in inflections(word):
            sources[form].add(word)
    return {form: form if form in ws else min(ws, key=lambda w: (len(w), w))
            for form, ws in sources.items()}


def lemma_doc(doc):
    """A Doc of cue lemmas parallel to `doc` (same tokens, same indices)."""
    return token_view(doc).lemmas


# A token whose lemma is no cue word at all stands in the lemma doc as this (it can match no
# pattern either way, and no lookup of its own string is needed).
_NO_CUE = "\x1f"


@lru_cache(maxsize=1)
def _lemma_by_hash() -> dict[int, str]:
    """LOWER hash of a token -> its word in the lemma doc, for every token that may match a cue
    (`lemma_table().get(lower, lower)` when that is a cue word; every other token is _NO_CUE)."""
    from ..nlp import english

    strings = english().vocab.strings
    table = lemma_table()
    cue_words = set(table.values())
    by_hash = {strings[w]: w for w in cue_words if w not in table}
    by_hash.update((strings[form], word) for form, word in table.items())
    return by_hash


class TokenView:
    """What the activity rules read of a Doc, taken out once as plain lists (making spaCy Token
    objects one by one was most of the cost): the lemma doc, LOWER/ORTH hashes, character
    offsets, punctuation flags and sentence starts."""

    __slots__ = ("doc", "lower", "orth", "idx", "punct", "sent_starts", "_lemmas", "_text")
    # _lemmas: the compressed lemma doc and its token index (see matches), made once

    def __init__(self, doc, text: str | None = None):
        from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SENT_START

        self.doc = doc
        if len(doc):
            from numpy import flatnonzero

            self.lower = doc.to_array(LOWER).tolist()
            columns = doc.to_array([ORTH, IDX, IS_PUNCT, SENT_START])
            self.orth, self.idx, self.punct = columns[:, :3].T.tolist()
            self.sent_starts = flatnonzero(columns[:, 3] == 1).tolist()
        else:
            self.lower, self.orth, self.idx, self.punct, self.sent_starts = [], [], [], [], []
        self._lemmas = None
        self._text = text

    @property
    def text(self) -> str:
        """doc.text (which spaCy rebuilds token by token on every call)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def lemmas(self):
        """The lemma doc, parallel to the Doc (same tokens, same indices)."""
        from spacy.tokens import Doc

        by_hash = _lemma_by_hash()
        words = [by_hash.get(h, _NO_CUE) for h in self.lower]
        return Doc(self.doc.vocab, words=words, spaces=[True] * len(words))

    def matches(self, matcher) -> list[tuple[int, int, int]]:
        """`matcher` over the lemma doc: (label id, start, end) in the Doc's token indices.

        The doc matched is the lemma doc with each run of non-cue tokens made one _NO_CUE token
        (a pattern holds cue words only, so none matches across such a run, and the scan meets
        the same tokens in the same order); `index` maps its tokens back."""
        if self._lemmas is None:
            from spacy.tokens import Doc

            full = list(map(_lemma_by_hash().get, self.lower))
            index = [i for i, word in enumerate(full)
                     if word is not None or i == 0 or full[i - 1] is not None]
            words = [full[i] or _NO_CUE for i in index]
            self._lemmas = (Doc(self.doc.vocab, words=words), index)
        lemmas, index = self._lemmas
        return [(label, index[start], index[end - 1] + 1) for label, start, end in matcher(lemmas)]

    def end_char(self, token: int) -> int:
        """The end character of token `token`."""
        return self.idx[token] + len(self.doc.vocab.strings[self.orth[token]])


_last_view: list = [None]


def token_view(doc, text: str | None = None) -> TokenView:
    """The TokenView of `doc` (the last one is kept: a document's rules ask for it repeatedly);
    `text` is doc.text when the caller has it."""
    view = _last_view[0]
    if view is None or view.doc is not doc:
        view = TokenView(doc, text)
        _last_view[0] = view
    return view


def _lemma_sequences(phrase: str) -> list[tuple[str, ...]]:
    """The lemma-word sequences a cue may appear as (usually one; more where a form is
    itself another cue word: "read" also matches "reading")."""
    from itertools import product

    from ..nlp import english

    table = lemma_table()
    choices = [sorted({table.get(f, f) for f in inflections(t.lower_)})
               for t in english().make_doc(phrase)]
    return list(product(*choices))


def _add(matcher, label: str, phrases) -> None:
    from spacy.tokens import Doc

    docs = [Doc(matcher.vocab, words=list(seq)) for p in phrases for seq in _lemma_sequences(p)]
    if docs:
        matcher.add(label, docs)


def _new_phrase_matcher():
    from spacy.matcher import PhraseMatcher

    from ..nlp import english

    return PhraseMatcher(english().vocab, attr="ORTH")


@lru_cache(maxsize=1)
def english_matcher():
    """PhraseMatcher over every English cue (on lemma docs), labelled by type id, weak type,
    unit head or head class; action verbs and objects are labelled separately and paired up in
    english_cues."""
    matcher = _new_phrase_matcher()
    conf = taxonomy()
    for type_id, entry in conf["types"].items():
        _add(matcher, type_id, (*entry.get("en_lemmas", ()), *entry.get("en_phrases", ())))
        _add(matcher, WEAK_PREFIX + type_id, entry.get("en_weak", ()))
        _add(matcher, UNIT_HEAD_PREFIX + type_id, entry.get("en_unit_heads", ()))
        _add(matcher, GENERIC_PREFIX + type_id, entry.get("en_generic", ()))
        for i, action in enumerate(entry.get("en_actions", ())):
            _add(matcher, f"{ACTION_VERB}{type_id}:{i}", action["verbs"])
            _add(matcher, f"{ACTION_OBJECT}{type_id}:{i}", action["objects"])
    _add(matcher, NULL_HEAD, conf["units"]["en_null_heads"])
    _add(matcher, CONTEXT_HEAD, conf["units"]["en_context_heads"])
    for i, typed in enumerate(conf["units"].get("en_typed_heads", ())):
        _add(matcher, f"{TYPED_HEAD_PREFIX}{i}", typed["heads"])
    return matcher


def typed_head(label: str) -> dict | None:
    """The [[units.en_typed_heads]] table a matcher label stands for, if it is one."""
    if not label.startswith(TYPED_HEAD_PREFIX):
        return None
    return taxonomy()["units"]["en_typed_heads"][int(label[len(TYPED_HEAD_PREFIX):])]


@lru_cache(maxsize=1)
def english_mask_matcher():
    """Campaign names and stock formulas whose cue words are not activities; plan markers."""
    matcher = _new_phrase_matcher()
    _add(matcher, "mask", taxonomy()["decision"]["en_masks"])
    _add(matcher, "plan", taxonomy()["decision"]["en_plan_markers"])
    for type_id, markers in taxonomy()["decision"].get("en_passing", {}).items():
        _add(matcher, "passing:" + type_id, markers)
    return matcher


def type_of_label(label: str) -> str | None:
    """The type id a matcher label names (strong, weak or unit head), None for head classes."""
    if label.startswith(UNIT_HEAD_PREFIX):
        return label[len(UNIT_HEAD_PREFIX):]
    if label.startswith(WEAK_PREFIX):
        return label[len(WEAK_PREFIX):]
    if label.startswith(GENERIC_PREFIX):
        return label[len(GENERIC_PREFIX):]
    return None if label.startswith("_") else label


def is_weak(label: str) -> bool:
    return label.startswith(WEAK_PREFIX)


def is_generic(label: str) -> bool:
    return label.startswith(GENERIC_PREFIX)


def english_cues(doc, lemmas=None) -> list[Cue]:
    """Every cue in a spaCy Doc, as token offsets (`lemmas`: unused, kept for callers)."""
    view = token_view(doc)
    kinds = _match_kinds
    cues, verbs, objects = [], [], []
    for label_id, start, end in view.matches(english_matcher()):
        kind = kinds.get(label_id)
        if kind is None:
            kind = kinds[label_id] = _match_kind(doc.vocab.strings[label_id])
        if kind[0] == 0:
            cues.append(Cue(kind[1], start, end))
        elif kind[0] == 1:
            verbs.append((kind[1], start, end))
        else:
            objects.append((kind[1], start, end))
    return cues + _paired_actions(view, verbs, objects) if verbs and objects else cues


# English matcher label id -> (0, label) for a cue, (1, action) for a verb, (2, action) an object.
_match_kinds: dict[int, tuple[int, str]] = {}


def _match_kind(label: str) -> tuple[int, str]:
    if label.startswith(ACTION_VERB):
        return 1, label[len(ACTION_VERB):]
    if label.startswith(ACTION_OBJECT):
        return 2, label[len(ACTION_OBJECT):]
    return 0, label


def _paired_actions(view, verbs, objects) -> list[Cue]:
    """A verb and an object of the same action, in either order, at most `action_window` words
    apart with no punctuation between ("set up a temporary party branch", "branches established").
    An object before its verb is its subject in a passive or intransitive clause: only auxiliaries
    and adverbs (`action_gap_after_object`) may stand between ("branches were set up"; not
    "branch school set up", where the object word only modifies another noun)."""
    window = taxonomy()["decision"]["action_window"]
    punct = view.punct
    gap_words = _action_gap_hashes()
    lower = view.lower
    pairs = []
    for action, v_start, v_end in verbs:
        for o_action, o_start, o_end in objects:
            if o_action != action:
                continue
            first_end, second_start = (v_end, o_start) if v_start < o_start else (o_end, v_start)
            gap = second_start - first_end
            if o_start < v_start and not gap_words.issuperset(lower[o_end:v_start]):
                continue
            if (0 <= gap <= window and not _breaks(punct, lower, first_end, second_start)) or (
                    0 < gap <= _MAX_LIST_GAP and v_start < o_start and any(punct[v_end:o_start])
                    and _named_list(view, v_end, o_start, o_end)):
                type_id = action.split(":", 1)[0]
                pairs.append(Cue(type_id, min(v_start, o_start), max(v_end, o_end)))
    return pairs


def _breaks(punct, lower, start: int, end: int) -> bool:
    """Whether punctuation other than a hyphen ("95-year-old") stands between two tokens."""
    if not any(punct[start:end]):
        return False
    hyphens = _hyphen_hashes()
    return any(punct[i] and lower[i] not in hyphens for i in range(start, end))


@lru_cache(maxsize=1)
def _hyphen_hashes() -> frozenset[int]:
    from ..nlp import english

    strings = english().vocab.strings
    return frozenset(strings.add(h) for h in ("-", "‐", "–"))


# Words that may join the names of a list ("Yangjialing, Zaoyuan Revolutionary Site and the ...").
_LIST_JOINERS = frozenset({",", "、", "and", "the", "'s", "’s", "'", "’"})
_MAX_LIST_GAP = 12


def _named_list(view, start: int, o_start: int, o_end: int) -> bool:
    """Whether the tokens from `start` up to the object are a list of capitalised names and the
    object ends the last of them: "visit Yangjialing, Zaoyuan Revolutionary Site and the Yan'an
    Revolutionary Memorial Hall" visits the memorial hall."""
    if not 0 < o_start - start <= _MAX_LIST_GAP:
        return False
    doc = view.doc
    if not all(t.is_title for t in doc[o_start:o_end]):
        return False
    return all(t.is_title or t.lower_ in _LIST_JOINERS for t in doc[start:o_start])


@lru_cache(maxsize=1)
def _action_gap_hashes() -> frozenset[int]:
    """LOWER hashes of the words allowed between an object and the verb after it."""
    from ..nlp import english

    strings = english().vocab.strings
    return frozenset(strings.add(w) for w in taxonomy()["decision"]["action_gap_after_object"])


@lru_cache(maxsize=1)
def _to_traditional():
    from opencc import OpenCC

    return OpenCC("s2t").convert


def _with_traditional(words) -> list[str]:
    """Each word and its traditional form: reposts in traditional characters reach us when
    cleaning could not convert them (mixed scripts, pinyin glosses), and must still match."""
    convert = _to_traditional()
    return list(dict.fromkeys(form for w in words for form in (w, convert(w))))


@lru_cache(maxsize=1)
def chinese_keywords() -> tuple[tuple[str, str], ...]:
    """(keyword, type id) pairs, longest keyword first so a longer cue wins an overlap."""
    pairs = [(kw, type_id) for type_id, entry in taxonomy()["types"].items()
             for kw in _with_traditional(entry.get("zh", ()))]
    pairs += [(kw, WEAK_PREFIX + type_id) for type_id, entry in taxonomy()["types"].items()
              for kw in _with_traditional(entry.get("zh_weak", ()))]
    pairs += [(kw, GENERIC_PREFIX + type_id) for type_id, entry in taxonomy()["types"].items()
              for kw in _with_traditional(entry.get("zh_generic", ()))]
    rank = type_rank()
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), rank[type_of_label(p[1])])))


@lru_cache(maxsize=1)
def chinese_heads() -> tuple[tuple[str, str], ...]:
    """(head word, NULL_HEAD|CONTEXT_HEAD), longest first."""
    units = taxonomy()["units"]
    pairs = [(w, NULL_HEAD) for w in _with_traditional(units["zh_null_heads"])]
    pairs += [(w, CONTEXT_HEAD) for w in _with_traditional(units["zh_context_heads"])]
    pairs += [(w, UNIT_HEAD_PREFIX + type_id) for type_id, entry in taxonomy()["types"].items()
              for w in _with_traditional(entry.get("zh_unit_heads", ()))]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def english_negations() -> frozenset[str]:
    return frozenset(taxonomy()["decision"]["en_negations"])


def weak_needed() -> int:
    """How many weak cues of one type make a report (one strong cue always does)."""
    return taxonomy()["decision"]["weak_needed"]


@lru_cache(maxsize=1)
def chinese_plan_markers() -> tuple[str, ...]:
    return tuple(_with_traditional(taxonomy()["decision"]["zh_plan_markers"]))


@lru_cache(maxsize=1)
def chinese_plan_exceptions() -> tuple[str, ...]:
    return tuple(_with_traditional(taxonomy()["decision"].get("zh_plan_exceptions", ())))


@lru_cache(maxsize=1)
def chinese_disposal() -> re.Pattern:
    """将 as the object marker of a disposal clause (街道将辖区划分为96个网格 "the street divided
    the area into 96 grids"): a noun phrase between 将 and a result verb, not a plan."""
    decision = taxonomy()["decision"]
    not_after = "|".join(map(re.escape, _with_traditional(decision["zh_disposal_not_after"])))
    verbs = "|".join(map(re.escape, sorted(_with_traditional(decision["zh_disposal_verbs"]),
                                           key=len, reverse=True)))
    return re.compile(rf"[将將](?!{not_after})[^，,。；;、：:将將]{{1,10}}?(?:{verbs})")


@lru_cache(maxsize=1)
def chinese_hold_verbs() -> tuple[str, ...]:
    """Verbs of holding (举办, 开展): a weak keyword right after one is the thing held."""
    return tuple(_with_traditional(taxonomy()["decision"]["zh_hold_verbs"]))


@lru_cache(maxsize=1)
def english_commemorations() -> tuple[str, ...]:
    """Lower-case phrases before a capitalised name of a past event (see _commemorated)."""
    return tuple(taxonomy()["decision"]["en_commemorations"])


@lru_cache(maxsize=1)
def english_name_types() -> frozenset[str]:
    return frozenset(taxonomy()["decision"].get("en_name_types", ()))


@lru_cache(maxsize=1)
def chinese_keywords_by_first_char() -> dict[str, tuple[tuple[str, str], ...]]:
    """chinese_keywords() grouped by first character, each group in the same order, so a
    scan tries only the keywords that can start at a position."""
    index: dict[str, list[tuple[str, str]]] = {}
    for keyword, type_id in chinese_keywords():
        index.setdefault(keyword[0], []).append((keyword, type_id))
    return {char: tuple(pairs) for char, pairs in index.items()}


@lru_cache(maxsize=1)
def chinese_mask_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(re.escape(mask)) for mask in chinese_masks())


@lru_cache(maxsize=1)
def chinese_masks() -> tuple[str, ...]:
    return tuple(_with_traditional(taxonomy()["decision"]["zh_masks"]))
