"""Compiled cleaning patterns from configs/clean/, built once per process."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_lines, load_toml

FLAGS = re.IGNORECASE


def any_of(patterns: list[str]) -> re.Pattern:
    """One regex that matches where any of `patterns` would (each kept in its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


@lru_cache(maxsize=None)
def debris() -> dict:
    return load_toml("clean/debris.toml")


@lru_cache(maxsize=None)
def debris_lines(section: str, key: str = "lines") -> re.Pattern:
    return any_of(debris()[section][key])


@lru_cache(maxsize=None)
def exact_lines(section: str) -> frozenset[str]:
    return frozenset(normalize_line(x) for x in debris()[section]["exact"])


@lru_cache(maxsize=None)
def aggregator_lines() -> frozenset[str]:
    return frozenset(normalize_line(x) for x in load_lines("clean/aggregators.txt"))


@lru_cache(maxsize=None)
def meta_label() -> re.Pattern:
    """A meta-field label followed by a colon: `Source:`, `作者：`."""
    labels = sorted(debris()["bylines"]["labels"], key=len, reverse=True)
    # an English label may follow Chinese text directly ("小编Click:"), so no \b before it
    alternatives = [rf"(?<![A-Za-z]){re.escape(x)}" if x.isascii() else re.escape(x) for x in labels]
    return re.compile(rf"(?:{'|'.join(alternatives)})\s*[:：]", FLAGS)


@lru_cache(maxsize=None)
def spam() -> dict:
    return load_toml("clean/spam.toml")


@lru_cache(maxsize=None)
def split_word_prefixes() -> frozenset[str]:
    return frozenset(x.lower() for x in load_lines("clean/split_word_prefixes.txt"))


def normalize_line(line: str) -> str:
    """Case- and space-insensitive form of a line, for exact-line lists (Chinese text
    loses its inner spaces in cleaning, so all spaces go)."""
    return "".join(line.split()).casefold()
