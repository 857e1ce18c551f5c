"""Shared tokenisers, built once per process."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english():
    """spacy.blank('en') with a sentencizer: no model download, fast."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000_000
    return nlp
