"""Text evidence: MinHash signatures of character shingles (datasketch), and LSH band keys."""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache

import numpy as np

from .config import TextConfig

_NOT_WORD = re.compile(r"[\W_]+")
SEED = 1                    # fixed: signatures stored in an index must stay comparable
SCHEME = "affine32"         # datasketch 2.x default, named: an index keeps one scheme
HASH = "crc32"              # shingle hash: C-fast and stable across processes (a 32-bit hash
                            # is what affine32 permutes; sha1, the default, is 10x slower)


def normalise(text: str) -> str:
    """Lower case, compatibility forms folded, spaces and punctuation dropped: mirrors differ
    in line breaks, quotes and spacing, not in these characters."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str, size: int) -> set[bytes]:
    norm = normalise(text)
    if len(norm) <= size:
        return {norm.encode("utf-8")} if norm else set()
    return {norm[i:i + size].encode("utf-8") for i in range(len(norm) - size + 1)}


@lru_cache(maxsize=4)
def _lsh_layout(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The bands datasketch's MinHashLSH chooses for this threshold (its optimal b x r)."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, config: TextConfig) -> np.ndarray | None:
    """The MinHash signature (uint32: datasketch's hash values stay below 2**32), or None for a
    text too short to compare."""
    from datasketch import MinHash

    grams = shingles(text, config.shingle_size)
    if not grams:
        return None
    m = MinHash(num_perm=config.num_perm, seed=SEED, permutations=_permutations(config.num_perm),
                scheme=SCHEME, hashfunc=zlib.crc32)
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray, config: TextConfig) -> list[int]:
    """One signed 64-bit key per LSH band (band number included), for an SQLite index."""
    keys = []
    for n, (start, end) in enumerate(_lsh_layout(config.lsh_threshold, config.num_perm)):
        digest = hashlib.blake2b(sig[start:end].tobytes(), digest_size=8, salt=n.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def jaccard(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """The MinHash estimate of the shingle sets' Jaccard similarity."""
    if a is None or b is None or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
