"""The nouns of English counted things, looked up: singulars, categories, plural-looking words,
MT repairs and excluded heads (durations, ages, ...). Built from units.toml, exclusions.toml
[units] and unit_stopwords.txt by `en_lexicon.count_lexicon`.
"""
from __future__ import annotations

from functools import lru_cache


class UnitLexicon:
    """Word look-ups of one data folder (plain sets and dicts: they are asked for every word
    after every number)."""

    def __init__(self, units, excluded_units, stop_words):
        irregular, collectives, roles = units.plural_irregular, units.collectives, units.roles
        self.invariant = frozenset(irregular.invariant)
        # a bound cache per lexicon, so two data folders never share singulars
        self.lemma = lru_cache(maxsize=8192)(self._lemma)
        category: dict[str, str] = {}
        for cat, words in units.categories.items():
            for w in words:
                category[w] = cat
                category.setdefault(" ".join(self.lemma(x) for x in w.split()), cat)
        self.category = category
        self.not_heads = frozenset(irregular.not_heads)
        self.plural_forms = frozenset(irregular.plural_forms)
        self.not_plural_endings = tuple(irregular.not_plural_endings)
        self.through_of = frozenset(collectives.through_of)
        self.from_complement = frozenset(collectives.category_from_complement)
        self.people_groups = frozenset(collectives.people_groups)
        self.occasions = frozenset(collectives.occasions)
        self.own_categories = frozenset(collectives.own_categories)
        self.neutral_people = frozenset(roles.neutral_people)
        self.group_nouns = frozenset(roles.group_nouns)
        self.repairs = {}
        for r in units.repairs:
            self.repairs[r.written] = r
            self.repairs.setdefault(self.lemma(r.written), r)
        self.stop = frozenset(stop_words)
        self.excluded: dict[str, str] = {}     # word or phrase -> reason (duration, age, ...)
        for reason in type(excluded_units).model_fields:
            for w in getattr(excluded_units, reason):
                self.excluded[w.lower()] = reason
        # phrases of several words are tried first, longest first
        self.excluded_lengths = tuple(sorted({len(p.split()) for p in self.excluded if " " in p}, reverse=True))
        self.excluded_span = max(self.excluded_lengths, default=1)
        self.metric_heads = frozenset(units.metrics.heads)
        self.metric_words = frozenset(units.metrics.words)
        self.modifiers = frozenset(units.modifiers.words)
        self.time_word_things = dict(units.modifiers.time_word_things)
        self.guessed = tuple((cat, tuple(endings)) for cat, endings in units.guessed_categories.endings.items())
        self.guessed_otherwise = units.guessed_categories.otherwise
        self.person_times_heads = frozenset(units.person_times.heads)
        self.person_times_words = frozenset(units.person_times.words)

    def _lemma(self, word: str) -> str:
        """A crude singular, enough to look words up: communities -> community, branches -> branch."""
        w = word.lower()
        if w in self.invariant:
            return w
        if len(w) > 4 and w.endswith("ies"):
            return w[:-3] + "y"
        if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes", "zzes")):
            return w[:-2]                      # classes, boxes, branches
        if len(w) > 4 and w.endswith("ses"):
            return w[:-1]                      # courses, phases, cases
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return w[:-1]
        return w

    def category_of(self, words: list[str]) -> str | None:
        """Category of a head given its phrase words (last = head): two-word entries first."""
        head = words[-1].lower()
        category = self.category
        if len(words) >= 2:
            pair = f"{words[-2].lower()} {head}"
            for key in (pair, f"{self.lemma(words[-2])} {self.lemma(head)}"):
                if key in category:
                    return category[key]
        for key in (head, self.lemma(head)):
            if key in category:
                return category[key]
        if "-" in head:
            return self.category_of([head.rsplit("-", 1)[1]])
        return None

    def looks_plural(self, word: str) -> bool:
        w = word.lower()
        if w in self.plural_forms:
            return True
        if w in self.not_heads or not w.isascii():
            return False
        return len(w) > 2 and w.endswith("s") and not w.endswith(self.not_plural_endings)

    def guess_category(self, head: str) -> str:
        """The category of a head missing from the lexicon, by its ending."""
        h = head.lower()
        for category, endings in self.guessed:
            if h.endswith(endings):
                return category
        return self.guessed_otherwise

    def repair(self, head: str, sentence: str, bare: bool = True):
        """The MT repair of a head (units.toml [[repairs]]), if it applies in this sentence."""
        for key in (head.lower(), self.lemma(head)):
            r = self.repairs.get(key)
            if r is None:
                continue
            if r.context:
                if not bare:
                    return None
                low = sentence.lower()
                if not any(c in low for c in r.context):
                    return None
            return r
        return None

    def person_times(self, head: str, nxt: str) -> str | None:
        """"people times", "person time": the two-word MT rendering of 人次, as a repair key."""
        if nxt in self.person_times_words and head in self.person_times_heads:
            return f"{head} time"
        return None

    def excluded_reason(self, words) -> str | None:
        """A duration, age, percentage... head at the start of a unit run ("3 months",
        "95-year-old"); `words` are its first tokens (`excluded_span` of them suffice)."""
        excluded = self.excluded
        for phrase_len in self.excluded_lengths:
            if len(words) >= phrase_len:
                phrase = " ".join(t.lower for t in words[:phrase_len])
                if phrase in excluded:
                    return excluded[phrase]
        w0 = words[0].lower
        if w0 in excluded:
            return excluded[w0]
        if "-" in w0 and w0.split("-", 1)[0] in excluded:
            return excluded[w0.split("-", 1)[0]]
        return None
