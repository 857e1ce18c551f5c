"""Word tokens of an English text, phrase lookups on them, and the state of one English scan.

`Tokens` computes each token's flags once (capitalised, joined to the next by spaces only);
`EnScan` carries what the recognition steps share: which tokens are taken, the admin mentions
and the local places (streets, communities, villages, towns, sites) found so far.
"""
from __future__ import annotations

import re
from itertools import accumulate, compress, islice
from operator import itemgetter, not_

from ...gazetteer import norm_key
from ..data import DataFiles
from ..doc import Spans
from .lexicon import Lexicon, PlaceData, build_lexicon, en_name_prefixes
from .resolve import AdminMention, Place
from .rules import ENGLISH_WORDS, PINYIN_WORDS

_first_char = itemgetter(0)


def is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) and len(word) > 2


class SpaceGaps(dict):
    """gap -> made of the lexicon's joining spaces only (no newline); remembers short gaps,
    which repeat endlessly. One per gazetteer folder (`token_reading`)."""

    def __init__(self, spaces: frozenset):
        super().__init__()
        self.spaces = spaces

    def __missing__(self, gap: str) -> bool:
        value = self.spaces.issuperset(gap)
        if len(gap) <= 3 and len(self) < 4096:
            self[gap] = value
        return value


def token_reading(files: DataFiles) -> tuple[re.Pattern, SpaceGaps]:
    """The token pattern as a splitting pattern, and the memo of gaps that join two words."""
    lex = files.build(build_lexicon)
    return re.compile("(" + lex.token.pattern + ")"), SpaceGaps(lex.joining_spaces)


class Tokens:
    """Word tokens of a text, with per-token flags computed once: capitalised, joined to the next."""

    def __init__(self, text: str, reading: tuple[re.Pattern, SpaceGaps]):
        self.text = text
        split, gaps = reading
        self.spaces = gaps.spaces
        # split with a capturing group: [gap, word, gap, word, ..., gap]; offsets by running
        # lengths, so every list below is built by C-level map/zip, not a per-token Python loop
        parts = split.split(text)
        words = parts[1::2]
        offsets = list(accumulate(map(len, parts), initial=0))
        self.items = items = list(zip(words, islice(offsets, 1, None, 2), islice(offsets, 2, None, 2)))
        self.lower = lower = list(map(str.lower, words))
        self.caps = list(map(str.isupper, map(_first_char, words)))
        # norm_key of each token (lowercase a-z only); a name's key is the concatenation of its
        # tokens' keys. ASCII tokens only need ' and - dropped; others go through norm_key.
        joined = "\0".join(lower).replace("'", "").replace("-", "").replace("’", "")
        keyed = joined.split("\0") if items else []
        if not joined.isascii():
            for x in compress(range(len(keyed)), map(not_, map(str.isascii, keyed))):
                keyed[x] = norm_key(words[x])
        # a possessive's key is its name's ("Guangzhou's" -> guangzhou): no pinyin syllable
        # follows an apostrophe with s, so a word ending so is a name and its 's
        if "'s" in text or "’s" in text:
            for x in compress(range(len(keyed)), map(is_possessive, lower)):
                keyed[x] = keyed[x][:-1]
        self.keys = keyed
        # token i and i+1 are separated by spaces only (no newline)
        self.join = list(map(gaps.__getitem__, parts[2:-1:2])) + [False] if items else [False]
        self._capitalised: list[int] | None = None

    def where(self, words) -> list[int]:
        """Indexes of the tokens whose lowercase form is in `words` (a set or dict), in order."""
        return list(compress(range(len(self.lower)), map(words.__contains__, self.lower)))

    def capitalised(self) -> list[int]:
        """Indexes of the capitalised tokens, in order (computed once)."""
        if self._capitalised is None:
            self._capitalised = list(compress(range(len(self.caps)), self.caps))
        return self._capitalised

    def __len__(self):
        return len(self.items)

    def joined(self, i: int) -> bool:
        """Token i and i+1 are separated by spaces only."""
        if i + 1 >= len(self.items):
            return False
        if i >= 0:
            return self.join[i]
        gap = self.text[self.items[i][2]:self.items[i + 1][1]]     # as before for negative i
        return self.spaces.issuperset(gap)

    def cap(self, i: int) -> bool:
        return self.caps[i]

    def match_phrase(self, i: int, words: tuple[str, ...]) -> bool:
        n = len(words)
        if i + n > len(self.items):
            return False
        if tuple(self.lower[i:i + n]) != words:
            return False
        return all(self.joined(k) for k in range(i - 1, i + n - 1)) if i > 0 else \
            all(self.joined(k) for k in range(i, i + n - 1))


def suffix_at(toks: Tokens, i: int, by_first: dict, lex: Lexicon) -> tuple[int, tuple] | None:
    """Longest suffix phrase of a table (`by_first`: lex.admin_by_first, ...) starting at token i
    and joined to token i-1."""
    if i >= len(toks) or i == 0 or not toks.join[i - 1]:
        return None
    for entry in by_first.get(toks.lower[i], ()):
        words = entry[0]
        n = len(words)
        if tuple(toks.lower[i:i + n]) == words and all(toks.join[k] for k in range(i, i + n - 1)):
            return n, entry
    skip = _ethnic_names(toks, i, lex)
    if skip:                   # "Ningxia Hui Autonomous Region", "Miao and Dong Autonomous Prefecture"
        found = suffix_at(toks, i + skip, by_first, lex)
        if found and found[1][0][0] == lex.words.autonomous:
            return skip + found[0], found[1]
    return None


def _ethnic_names(toks: Tokens, i: int, lex: Lexicon) -> int:
    """How many tokens from i name ethnic groups ("Hui", "Miao and Dong") before a suffix."""
    ethnic, most, joiner = lex.ethnic_groups, lex.windows.ethnic_words, lex.words.ethnic_joiner
    k = i
    while k < len(toks) and k - i < most and toks.lower[k] in ethnic and toks.cap(k) and toks.join[k]:
        k += 1
        if k + 1 < len(toks) and toks.lower[k] == joiner and toks.join[k] and toks.lower[k + 1] in ethnic:
            k += 1
    return k - i


def name_key(words: list[str], lex: Lexicon) -> str:
    """'Hualin Road' -> 'hualinlu', 'Wugong Mountain' -> 'wugongshan' (pinyin before)."""
    out = []
    for k, w in enumerate(words):
        lw = w.lower()
        if k and lw in lex.name_word_pinyin and lex.pinyin_word.match(norm_key(words[k - 1])):
            out.append(lex.name_word_pinyin[lw])
        else:
            out.append(norm_key(w))
    return "".join(out)


def without_possessive(word: str) -> str:
    """"Guangzhou's" -> "Guangzhou" (a name's word, without the possessive the text adds)."""
    return word[:-2] if is_possessive(word) else word


def display_name(words: list[str], lex: Lexicon) -> str:
    out: list[str] = []
    words = words[:-1] + [without_possessive(words[-1])] if words else words
    for k, w in enumerate(words):
        lw = w.lower()
        if k and lw in lex.name_word_pinyin and lex.pinyin_word.match(norm_key(words[k - 1])):
            out[-1] = out[-1] + lex.name_word_pinyin[lw]
        else:
            out.append(w.replace("’", "'"))
    return " ".join(out)


def site_key(name: str) -> str:
    return _NOT_KEY.sub("", name.lower())


_NOT_KEY = re.compile(r"[^a-z0-9]")


class EnScan:
    """One English text being read: its tokens, which are taken (`used`), and what was found."""

    def __init__(self, text: str, places: PlaceData, titles: Spans, found):
        self.text = text
        self.places = places
        self.gz = places.gz
        self.lex = places.lex
        self.checks = places.checks             # the rejecting predicates of each step
        self.found = found                      # the trace's record (rules.Found), or NOT_TRACED
        self.toks = Tokens(text, places.build(token_reading))
        self.n = len(self.toks)
        self.used = [False] * self.n
        self.admin: list[AdminMention] = []
        self.titles = titles                    # 《film and book titles》: names inside are not places
        self.local: dict[str, Place] = {}       # key -> street/community/village/town/site place
        self.order: list[str] = []              # local keys in order of first mention
        self.admin_used: list[bool] = []        # `used` after the suffixed admin names (step 2)
        self._name_starts: list[int] | None = None
        self.cues: list[int] = []               # tokens that may start a phrase a step looks for
        self.quotes = None                      # () -> the text's QuoteIndex (the view's), or None

    def cues_in(self, words) -> list[int]:
        """The cue tokens (see en._cue_words) whose lowercase form is in `words`, in order."""
        lower = self.toks.lower
        return [i for i in self.cues if lower[i] in words]

    def name_starts(self) -> list[int]:
        """Capitalised tokens whose key starts some unit's English key: where a name may begin."""
        if self._name_starts is None:
            keys, prefixes = self.toks.keys, self.places.build(en_name_prefixes)
            self._name_starts = [i for i in self.toks.capitalised() if keys[i] in prefixes]
        return self._name_starts

    def add_local(self, name_words, suffix_words, level, canonical_suffix, span, rule, display=None,
                  support: str = "") -> None:
        lex, local = self.lex, self.local
        name = display or display_name(name_words, lex)
        key = level + ":" + (site_key(name) if display else name_key(name_words, lex))
        if key not in local:
            if display:
                full = display
            else:
                full = f"{name} {canonical_suffix}" if canonical_suffix else f"{name} {' '.join(suffix_words)}"
            local[key] = Place(full, None, level, None, key=key)
            self.order.append(key)
        local[key].mentions.append(span)
        if self.found.on:
            self.found.keep(span, rule, support or self.words_support(span))

    def words_support(self, span: tuple[int, int]) -> str:
        """Whether a name's words are all pinyin syllables or not (a trace's support)."""
        words = [norm_key(w) for w in self.text[span[0]:span[1]].split()[:-1]]
        return PINYIN_WORDS if words and all(self.lex.pinyin_word.match(w) for w in words) else ENGLISH_WORDS

    def lead_admin(self, start: int, j: int) -> int:
        """A province or city name at the start of a longer name: how many tokens it takes."""
        toks, gz = self.toks, self.gz
        for lead in range(self.lex.windows.lead_words, 0, -1):
            if j - start > lead and all(toks.cap(x) for x in range(start, start + lead)) \
                    and all(toks.joined(x) for x in range(start, start + lead - 1)):
                lead_key = norm_key("".join(toks.items[x][0] for x in range(start, start + lead)))
                if any(d.level in ("province", "city") for d in gz.by_en.get(lead_key, [])):
                    return lead
        return 0
