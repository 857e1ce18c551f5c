"""English cue matching on the shared spaCy tokens.

English cues are written as lemmas; there is no lemmatiser in `spacy.blank("en")`, so each cue
word is expanded to its likely inflections (preach -> preaches, preached, preaching), and a table
maps every such form back to its cue word. A document is matched as a "lemma doc" (one cue word
per token, each run of other tokens one placeholder, indices mapped back; see TokenView), so
spaCy's PhraseMatcher compares plain strings; matching `LOWER IN [forms]` sets directly was ~30x
slower. TokenView takes what the rules read of a Doc out once, as plain lists. Over-generation is
harmless: a made-up form ("preachs") never occurs in text.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from itertools import product

from .lexicon import (ACTION_OBJECT, ACTION_VERB, CONTEXT_HEAD, GENERIC_PREFIX, NULL_HEAD,
                      TYPED_HEAD_PREFIX, UNIT_HEAD_PREFIX, WEAK_PREFIX)

# A token whose lemma is no cue word at all stands in the lemma doc as this (it can match no
# pattern either way, and no lookup of its own string is needed).
_NO_CUE = "\x1f"


def _english():
    from ...nlp import english

    return english()


class EnglishMatching:
    """The taxonomy's English side compiled for matching: inflections, the lemma table, the
    phrase matchers and the hashes of the words rules compare tokens with."""

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self._inflections: dict[str, frozenset[str]] = {}

    def inflections(self, word: str) -> frozenset[str]:
        """The forms a lemma may take in text: plural/3sg, past, gerund (suffix rules +
        irregulars)."""
        forms = self._inflections.get(word)
        if forms is None:
            forms = self._inflections[word] = self._inflect(word)
        return forms

    def _inflect(self, word: str) -> frozenset[str]:
        w = word.lower()
        conf = self.lexicon.taxonomy.inflection
        if w in conf.fixed or not w.isalpha() or len(w) < 2:
            return frozenset({w})
        forms = {w, *conf.irregular.get(w, ())}
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
        return frozenset(forms - set(conf.not_forms))

    def _cue_strings(self) -> list[str]:
        """Every English string the taxonomy matches: cues, heads, action words, masks, plans."""
        lexicon = self.lexicon
        strings: list[str] = []
        for entry in lexicon.types.values():
            strings += [*entry.en_lemmas, *entry.en_phrases, *entry.en_weak, *entry.en_unit_heads,
                        *entry.en_generic]
            for action in entry.en_actions:
                strings += [*action.verbs, *action.objects]
        strings += [*lexicon.units.en_null_heads, *lexicon.units.en_context_heads]
        for typed in lexicon.units.en_typed_heads:
            strings += typed.heads
        for markers in lexicon.decision.en_passing.values():
            strings += markers
        strings += [*lexicon.decision.en_masks, *lexicon.decision.en_plan_markers]
        return strings

    @cached_property
    def lemma_table(self) -> dict[str, str]:
        """Inflected form -> cue word. A form that is itself a cue word stays itself ("meeting",
        "learning"); otherwise the shortest cue word it may come from ("studies" -> "study")."""
        make_doc = _english().make_doc
        words = {t.lower_ for phrase in self._cue_strings() for t in make_doc(phrase)}
        sources: dict[str, set[str]] = defaultdict(set)
        for word in words:
            for form in self.inflections(word):
                sources[form].add(word)
        return {form: form if form in ws else min(ws, key=lambda w: (len(w), w))
                for form, ws in sources.items()}

    @cached_property
    def lemma_by_hash(self) -> dict[int, str]:
        """LOWER hash of a token -> its word in the lemma doc, for every token that may match a
        cue (`lemma_table.get(lower, lower)` when that is a cue word; others are not keys)."""
        strings = _english().vocab.strings
        table = self.lemma_table
        cue_words = set(table.values())
        by_hash = {strings[w]: w for w in cue_words if w not in table}
        by_hash.update((strings[form], word) for form, word in table.items())
        return by_hash

    def _lemma_sequences(self, phrase: str) -> list[tuple[str, ...]]:
        """The lemma-word sequences a cue may appear as (usually one; more where a form is
        itself another cue word: "read" also matches "reading")."""
        table = self.lemma_table
        choices = [sorted({table.get(f, f) for f in self.inflections(t.lower_)})
                   for t in _english().make_doc(phrase)]
        return list(product(*choices))

    def _add(self, matcher, label: str, phrases) -> None:
        from spacy.tokens import Doc

        docs = [Doc(matcher.vocab, words=list(seq)) for p in phrases
                for seq in self._lemma_sequences(p)]
        if docs:
            matcher.add(label, docs)

    @staticmethod
    def _new_matcher():
        from spacy.matcher import PhraseMatcher

        return PhraseMatcher(_english().vocab, attr="ORTH")

    @cached_property
    def cue_matcher(self):
        """PhraseMatcher over every English cue (on lemma docs), labelled by type id, weak type,
        role noun or head class; action verbs and objects are labelled separately and paired up
        in cues_en."""
        matcher = self._new_matcher()
        lexicon = self.lexicon
        for type_id, entry in lexicon.types.items():
            self._add(matcher, type_id, (*entry.en_lemmas, *entry.en_phrases))
            self._add(matcher, WEAK_PREFIX + type_id, entry.en_weak)
            self._add(matcher, UNIT_HEAD_PREFIX + type_id, entry.en_unit_heads)
            self._add(matcher, GENERIC_PREFIX + type_id, entry.en_generic)
            for i, action in enumerate(entry.en_actions):
                self._add(matcher, f"{ACTION_VERB}{type_id}:{i}", action.verbs)
                self._add(matcher, f"{ACTION_OBJECT}{type_id}:{i}", action.objects)
        self._add(matcher, NULL_HEAD, lexicon.units.en_null_heads)
        self._add(matcher, CONTEXT_HEAD, lexicon.units.en_context_heads)
        for i, typed in enumerate(lexicon.units.en_typed_heads):
            self._add(matcher, f"{TYPED_HEAD_PREFIX}{i}", typed.heads)
        return matcher

    @cached_property
    def mask_matcher(self):
        """Campaign names and stock formulas whose cue words are not activities; plan markers;
        passing markers ("passing:<type>")."""
        matcher = self._new_matcher()
        decision = self.lexicon.decision
        self._add(matcher, "mask", decision.en_masks)
        self._add(matcher, "plan", decision.en_plan_markers)
        for type_id, markers in decision.en_passing.items():
            self._add(matcher, "passing:" + type_id, markers)
        return matcher

    def _hashes(self, words, add: bool = False) -> frozenset[int]:
        strings = _english().vocab.strings
        return frozenset(strings.add(w) if add else strings[w] for w in words)

    @cached_property
    def negations(self) -> frozenset[int]:
        return self._hashes(self.lexicon.decision.en_negations)

    @cached_property
    def plan_scope_ends(self) -> frozenset[int]:
        return self._hashes(self.lexicon.decision.en_plan_scope_ends)

    @cached_property
    def hyphens(self) -> frozenset[int]:
        return self._hashes(self.lexicon.decision.en_hyphens, add=True)

    @cached_property
    def gap_after_object(self) -> frozenset[int]:
        """LOWER hashes of the words allowed between an object and the verb after it."""
        return self._hashes(self.lexicon.decision.action_gap_after_object, add=True)


class TokenView:
    """What the activity rules read of a Doc, taken out once as plain lists (making spaCy Token
    objects one by one was most of the cost): LOWER/ORTH hashes, character offsets, punctuation
    flags, sentence starts, and the lemma doc matched (made once)."""

    __slots__ = ("doc", "matching", "lower", "orth", "idx", "punct", "sent_starts", "_lemmas",
                 "_text", "found")

    def __init__(self, matching: EnglishMatching, doc, text: str | None = None):
        from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SENT_START

        self.doc = doc
        self.matching = matching
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
        self.found: dict = {}      # what the cue scans found here, kept for the other readings

    @property
    def text(self) -> str:
        """doc.text (which spaCy rebuilds token by token on every call)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def matches(self, matcher) -> list[tuple[int, int, int]]:
        """`matcher` over the lemma doc: (label id, start, end) in the Doc's token indices
        (matched once per TokenView).

        The doc matched is the lemma doc with each run of non-cue tokens made one _NO_CUE token
        (a pattern holds cue words only, so none matches across such a run, and the scan meets
        the same tokens in the same order); `index` maps its tokens back."""
        found = self.found.get(matcher)
        if found is not None:
            return found
        if self._lemmas is None:
            from spacy.tokens import Doc

            full = list(map(self.matching.lemma_by_hash.get, self.lower))
            index = [i for i, word in enumerate(full)
                     if word is not None or i == 0 or full[i - 1] is not None]
            words = [full[i] or _NO_CUE for i in index]
            self._lemmas = (Doc(self.doc.vocab, words=words), index)
        lemmas, index = self._lemmas
        found = self.found[matcher] = [(label, index[start], index[end - 1] + 1)
                                       for label, start, end in matcher(lemmas)]
        return found

    def end_char(self, token: int) -> int:
        """The end character of token `token`."""
        return self.idx[token] + len(self.doc.vocab.strings[self.orth[token]])
