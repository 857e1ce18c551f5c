"""Chinese text tools shared by the Chinese path: jieba with the project's user dictionary,
and Chinese numerals.

jieba is loaded once per process (`tokenizer()`, lru_cached). Its prefix-dictionary cache is
kept in the user's cache directory (`resources.user_cache_dir()/jieba`: `$BULLETINS_CACHE_DIR`
or `~/.cache/bulletins`), never in the install nor in /tmp by accident; its stderr logging is
silenced so the CLI stays quiet. The user dictionary is generated at load time
from the gazetteer (division and township names), the taxonomy's Chinese cues and the unit
lexicon (`configs/zh/units.toml`); data not yet present is skipped.
"""
from __future__ import annotations

import csv
import hashlib
import logging
import marshal
import os
import re
import tempfile
from functools import lru_cache
from math import log
from pathlib import Path

from .config import CONFIG_DIR
from .errors import ConfigError
from .resources import load_toml, user_cache_dir

# Frequency given to user words: high enough that a listed word beats its pieces
# (jieba's total frequency is ~6e7; a two-piece split of a rare name scores far lower).
USER_WORD_FREQ = 2000


def cache_dir() -> Path:
    """Where jieba keeps its prefix-dictionary cache (made if missing)."""
    directory = user_cache_dir() / "jieba"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        writable = os.access(directory, os.W_OK)
    except OSError as exc:
        writable, reason = False, exc.strerror or str(exc)
    else:
        reason = "not writable"
    if not writable:
        raise ConfigError(f"cannot keep jieba's cache in {directory} ({reason}): set "
                          f"BULLETINS_CACHE_DIR to a folder you can write to")
    return directory


def _tsv_column_values(relative: str, columns: tuple[str, ...]) -> list[str]:
    path = CONFIG_DIR / relative
    if not path.exists():          # the gazetteer may not be built yet: skip, do not fail
        return []
    values = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            values.extend(row.get(c) or "" for c in columns)
    return values


def _optional_toml(relative: str) -> dict:
    try:
        return load_toml(relative)
    except ConfigError:
        return {}


def user_words() -> dict[str, str]:
    """word -> part-of-speech tag for jieba's user dictionary."""
    words: dict[str, str] = {}
    # place names with their suffix (洪山区, 宝兴镇); short names (洪山) are left out because
    # they collide with ordinary words (新建, 东城)
    for name in _tsv_column_values("gazetteer/divisions.tsv", ("name_zh", "old_names_zh")) + \
            _tsv_column_values("gazetteer/townships.tsv", ("name_zh",)):
        for part in name.split("|"):
            if len(part) >= 3:
                words[part] = "ns"
    taxonomy = _optional_toml("taxonomy.toml").get("types", {})
    for entry in taxonomy.values():
        for cue in entry.get("zh", []) + entry.get("zh_unit_heads", []):
            words.setdefault(cue, "vn")
    units = _optional_toml("zh/units.toml")
    for head in units.get("heads", {}):
        words[head] = "n"
    for word in units.get("compounds", []):
        words[word] = "n"
    return words


# Files the user dictionary is made from: a change to any of them rebuilds the cache.
_SOURCES = ("gazetteer/divisions.tsv", "gazetteer/townships.tsv", "taxonomy.toml", "zh/units.toml")
_CACHE_FORMAT = 2


def _cache_key() -> str:
    import jieba

    parts = [str(_CACHE_FORMAT), jieba.__version__, str(USER_WORD_FREQ)]
    for path in [Path(jieba.get_dict_file().name)] + [CONFIG_DIR / s for s in _SOURCES]:
        stat = path.stat() if path.exists() else None
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{path}:-")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _build_tables(tok) -> tuple[dict, int, dict]:
    """jieba's prefix dictionary with the user words merged in, and the POS tag table."""
    from jieba import posseg

    tok.initialize()
    tags = posseg.POSTokenizer(tok).word_tag_tab
    for word, tag in user_words().items():
        if len(word) < 2:
            continue
        known = tok.FREQ.get(word, 0)
        # never lower a common word's frequency; keep jieba's own tag for known words (a
        # verb stays a verb: 办理实事 is verb + object), tag only the new ones
        tok.add_word(word, max(known, USER_WORD_FREQ))
        if not known:
            tags[word] = tag
    return tok.FREQ, tok.total, tags


@lru_cache(maxsize=1)
def _tables() -> tuple[object, dict]:
    """(tokenizer, tag table), loaded from the project cache or built and cached (once)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    directory = cache_dir()
    tok.tmp_dir = str(directory)
    tok.cache_file = "jieba.dict.cache"        # jieba's own cache of its default dictionary
    path = directory / f"bulletins-zh-{_cache_key()}.marshal"
    try:
        with path.open("rb") as handle:
            freq, total, tags = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        freq, total, tags = _build_tables(tok)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump((freq, total, tags), handle)
        os.replace(tmp, path)
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return tok, tags


def tokenizer():
    """jieba's tokenizer with the user dictionary, made once per process."""
    return _tables()[0]


@lru_cache(maxsize=1)
def pos_tokenizer():
    """Part-of-speech tagging over the same tokenizer and the cached tag table."""
    from jieba import posseg

    tok, tags = _tables()
    pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)   # skip re-reading dict.txt
    pos.tokenizer, pos.word_tag_tab = tok, tags
    return pos


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=False)


@lru_cache(maxsize=4096)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """[(word, pos)], dictionary words only (no HMM guessing): fast and deterministic.

    The same result as jieba's `POSTokenizer.cut(text, HMM=False)`, computed without its
    generators and pair objects (counts_zh tags a short window around every number). Returned
    as a tuple (cached: the same window often recurs); callers copy it to change it."""
    tok, tags = _tables()
    out: list[tuple[str, str]] = []
    for blk in _RE_HAN.split(text):
        if not blk:
            continue
        if _RE_HAN.match(blk):
            _tag_block(blk, tok, tags, out)
            continue
        for x in _RE_SKIP.split(blk):
            if _RE_SKIP.match(x):
                out.append((x, "x"))
            else:
                eng = _RE_ENG.match(x) is not None
                for ch in x:
                    out.append((ch, "m" if _RE_NUM.match(ch) else "eng" if eng else "x"))
    return tuple(out)


# jieba.posseg's block patterns
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile("[\\.0-9]+")
_RE_ENG1 = re.compile("^[a-zA-Z0-9]$", re.U)


def _tag_block(sentence: str, tok, tags: dict, out: list) -> None:
    """posseg's __cut_DAG_NO_HMM: jieba's DAG and route, the same arithmetic in the same order."""
    freq = tok.FREQ
    n = len(sentence)
    dag = {}
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k:i + 1]
        if not ends:
            ends.append(k)
        dag[k] = ends
    route = {n: (0, 0)}
    logtotal = log(tok.total)
    for idx in range(n - 1, -1, -1):
        route[idx] = max((log(freq.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                         for x in dag[idx])
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if _RE_ENG1.match(word):
            buf += word
        else:
            if buf:
                out.append((buf, "eng"))
                buf = ""
            out.append((word, tags.get(word, "x")))
        x = y
    if buf:
        out.append((buf, "eng"))


# ---------------------------------------------------------------------------- numerals

@lru_cache(maxsize=1)
def _numeral_tables() -> tuple[dict[str, int], dict[str, int]]:
    data = load_toml("zh/numerals.toml")
    return data["digits"], data["units"]


def parse_chinese_numeral(text: str) -> int | None:
    """两千 -> 2000, 十二 -> 12, 一百零五 -> 105, 三万五千 -> 35000, 二〇二一 -> None
    (digit-by-digit readings are years, not counts). None when it is no numeral."""
    digits, units = _numeral_tables()
    if not text or any(ch not in digits and ch not in units for ch in text):
        return None
    if len(text) > 1 and all(ch in digits for ch in text):
        return None                       # 二〇二一, 一二: read digit by digit
    total = section = 0
    number = None
    for ch in text:
        if ch in digits:
            number = digits[ch]
            continue
        unit = units[ch]
        if unit >= 10000:                  # 万, 亿 close a section
            section = (section + (number or 0)) or 1
            total = (total + section) * unit
            section = 0
        else:
            section += (1 if number is None else number) * unit
        number = None
    return total + section + (number or 0)


def parse_number(text: str) -> float | None:
    """Arabic digits with an optional Chinese magnitude (`29.55万`, `1,200`), or a Chinese numeral."""
    _, units = _numeral_tables()
    text = text.replace(",", "").replace("，", "")
    magnitude = 1
    while text and text[-1] in units and any(ch.isdigit() for ch in text[:-1]):
        magnitude *= units[text[-1]]
        text = text[:-1]
    try:
        value = float(text) * magnitude
    except ValueError:
        value = parse_chinese_numeral(text)
        if value is None:
            return None
        value *= magnitude
    return int(value) if float(value).is_integer() else round(value, 6)
