"""Township lookup by English key, exact or within a small edit distance, among a document's counties.

    idx = files.build(town_index)            # built once per gazetteer folder
    idx.scope({"430981"}).find("huishangang")   -> Township | None

Same answer as scanning every township of those counties (what the first version did):
exact key (bare name or an alternative) when exactly one township has it; otherwise the one
township whose bare key is `close` (edit distance <= 1, or <= 2 when both keys have
`fuzzy_long_letters` letters, lengths within 2); None when none or several. The two lengths
are in lexicon.toml ([en.towns]).

Fuzzy candidates come from a pigeonhole index instead of a scan: cut a key of length L into
d+1 pieces; a key within edit distance d keeps one piece intact, shifted by at most d
places. Keys shorter than `fuzzy_long_letters` need d = 1 (two pieces), longer ones d = 2
(three pieces). Every candidate is then checked with the real edit distance.
"""
from __future__ import annotations

from typing import NamedTuple

from ...gazetteer import Township, norm_key, read_gazetteer
from ..data import DataFiles
from .lexicon import PlaceData, build_lexicon
from .resolve import Place


class Fuzzy(NamedTuple):
    min_letters: int       # close(): both keys at least this long
    long_letters: int      # close(): edit distance 2 allowed when both keys are this long


def edit_distance(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance; cap + 1 at once when the lengths differ by more than cap."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        left = i
        for j, cb in enumerate(b, 1):
            diag = prev[j - 1] + (ca != cb)
            up = prev[j] + 1
            left = left + 1
            if up < left:
                left = up
            if diag < left:
                left = diag
            cur.append(left)
        prev = cur
    return prev[-1]


def within(a: str, b: str, k: int) -> bool:
    """edit_distance(a, b) <= k, by Myers' bit-parallel algorithm (Hyyrö's form for the whole
    strings): one row of the table per character of `a`, as bits of an integer."""
    if abs(len(a) - len(b)) > k:
        return False
    m = len(b)
    if m == 0:
        return len(a) <= k
    peq: dict[str, int] = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) | 1
        mh <<= 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv & mask
    return score <= k


def close(a: str, b: str, fuzzy: Fuzzy) -> bool:
    """Two keys are one name misspelt: edit distance <= 1 (<= 2 when both are long)."""
    n = min(len(a), len(b))
    if n < fuzzy.min_letters:
        return False
    if a == b:
        return True
    k = 2 if n >= fuzzy.long_letters else 1
    # each edit removes at most one letter missing from the other key: a cheap rejection first
    sa, sb = set(a), set(b)
    if len(sa - sb) > k or len(sb - sa) > k:
        return False
    return within(a, b, k)


def _bounds(length: int, long_letters: int) -> tuple[tuple[int, int], ...]:
    """(start, size) of the pieces a key of this length is cut into."""
    parts = 2 if length < long_letters else 3
    cuts = [length * p // parts for p in range(parts + 1)]
    return tuple((cuts[p], cuts[p + 1] - cuts[p]) for p in range(parts))


class TownIndex:
    def __init__(self, townships: list[Township], fuzzy: Fuzzy):
        self.townships = townships
        self.fuzzy = fuzzy
        self._bounds = [_bounds(n, fuzzy.long_letters) if n else () for n in range(64)]
        self.keys: list[str] = []                        # row -> norm_key(bare_en)
        self.county_of: list[str] = [t.county for t in townships]   # row -> county code
        self.exact: dict[str, list[int]] = {}            # bare or alternative key -> rows
        self.pieces: dict[tuple[int, int, str], list[int]] = {}
        self.rows_by_county: dict[str, list[int]] = {}
        by_county, exact, pieces, keys = self.rows_by_county, self.exact, self.pieces, self.keys
        for row, t in enumerate(townships):
            by_county.setdefault(t.county, []).append(row)
            key = norm_key(t.bare_en)
            keys.append(key)
            exact.setdefault(key, []).append(row)
            for k in {norm_key(a) for a in t.alt_en} - {key} if t.alt_en else ():
                exact.setdefault(k, []).append(row)
            length = len(key)
            if length >= fuzzy.min_letters:
                for p, (start, size) in enumerate(self.bounds(length)):
                    pieces.setdefault((length, p, key[start:start + size]), []).append(row)

    def bounds(self, length: int) -> tuple[tuple[int, int], ...]:
        return self._bounds[length] if length < len(self._bounds) else _bounds(length, self.fuzzy.long_letters)

    def _near_rows(self, key: str) -> list[int]:
        """Rows whose key may be within edit distance 2 of `key` (a superset; check with close)."""
        rows: list[int] = []
        n = len(key)
        pieces, fuzzy = self.pieces, self.fuzzy
        for length in range(max(fuzzy.min_letters, n - 2), n + 3):
            shift = 1 if length < fuzzy.long_letters else 2
            for p, (start, size) in enumerate(self.bounds(length)):
                for s in range(max(0, start - shift), min(n - size, start + shift) + 1):
                    hit = pieces.get((length, p, key[s:s + size]))
                    if hit:
                        rows += hit
        return rows

    def scope(self, counties) -> "TownScope":
        return TownScope(self, counties)


class TownScope:
    """The townships of one document's counties: a row is in scope when its county is (no set
    of rows is built; most documents ask about a few keys only)."""

    def __init__(self, index: TownIndex, counties):
        self.index = index
        self.counties = counties if isinstance(counties, (set, frozenset)) else set(counties)
        self.any = any(index.rows_by_county.get(c) for c in self.counties)
        self._rows: set[int] | None = None

    @property
    def rows(self) -> set[int]:
        """Row numbers of the scope's townships (built on first use: the fuzzy search needs them)."""
        if self._rows is None:
            by_county = self.index.rows_by_county
            self._rows = {r for c in self.counties for r in by_county.get(c, ())}
        return self._rows

    def _in_scope(self, rows) -> list[int]:
        county_of, counties = self.index.county_of, self.counties
        return [r for r in rows if county_of[r] in counties]

    def find(self, key: str) -> Township | None:
        idx = self.index
        towns = idx.townships
        exact = self._in_scope(idx.exact.get(key, ()))
        if exact:
            return towns[exact[0]] if len(exact) == 1 else None
        if len(key) < idx.fuzzy.min_letters or not self.any:
            return None
        keys = idx.keys
        near = [r for r in self.rows.intersection(idx._near_rows(key))
                if abs(len(keys[r]) - len(key)) <= 2 and close(keys[r], key, idx.fuzzy)]
        return towns[near[0]] if len(near) == 1 else None

    def find_bare(self, key: str) -> Township | None:
        """find(key) when that township's own bare key is `key`, else None. No fuzzy search: a
        fuzzy answer is never one whose bare key equals `key` (that row would have matched exactly)."""
        idx = self.index
        exact = self._in_scope(idx.exact.get(key, ()))
        if len(exact) == 1 and idx.keys[exact[0]] == key:
            return idx.townships[exact[0]]
        return None


def fuzzy_spelling(files: DataFiles) -> Fuzzy:
    towns = files.build(build_lexicon).towns
    return Fuzzy(towns.fuzzy_min_letters, towns.fuzzy_long_letters)


def town_index(files: DataFiles) -> TownIndex:
    return TownIndex(files.build(read_gazetteer).townships, files.build(fuzzy_spelling))


class TownLookup:
    """Townships of the counties the document names (a city names all its counties), by key."""

    def __init__(self, data: PlaceData, places: list[Place]):
        gz = data.gz
        ctx_counties = set()
        for p in places:
            if p.adcode:
                d = gz.get(p.adcode)
                if d.level in ("district", "county"):
                    ctx_counties.add(d.code)
                elif d.level == "city":
                    ctx_counties |= {c.code for c in gz.children(d.code)}
        self.any = any(gz.townships_by_county.get(c) for c in ctx_counties)
        self.scope = data.build(town_index).scope(ctx_counties)
        self.memo: dict[str, Township | None] = {}
        self.gz, self.counties = gz, ctx_counties
        self.combinations = data.lex.towns.translated_combinations
        self.fuzzy = data.build(fuzzy_spelling)
        self._by_short: dict[str, list[Township]] | None = None

    def translated(self, words: list[str], word_chars: dict) -> Township | None:
        """The one township of the document's counties whose name is these English words put
        back into characters ("Harmony Road Street" = 和谐路街道), else None."""
        if not self.any or not words or not all(w.lower() in word_chars for w in words):
            return None
        if self._by_short is None:
            self._by_short = {}
            for c in self.counties:
                for t in self.gz.townships_by_county.get(c, ()):
                    self._by_short.setdefault(t.short_zh, []).append(t)
        combos = [""]
        for w in words:
            combos = [c + ch for c in combos for ch in word_chars[w.lower()]][:self.combinations]
        found = {t for stem in combos for t in self._by_short.get(stem, ())}
        return found.pop() if len(found) == 1 else None

    def find(self, key: str) -> Township | None:
        """The one township with this key, or one spelling off it (TownScope.find)."""
        if key in self.memo:
            return self.memo[key]
        found = self.scope.find(key)
        self.memo[key] = found
        return found
