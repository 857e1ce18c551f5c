"""Counts: every number that says how many of something there are, with its counted thing.

    find_counts(view) -> list[dict]    # view: the document's DocView

English rules live in the `en*` modules of this package; Chinese ones in
`pipeline.extract.counts_zh` (until they move here).
"""
from __future__ import annotations


def find_counts(view) -> list[dict]:
    """The counts of the document, by the rules of its language."""
    if view.language == "zh":
        from ..counts_zh import find_counts_zh
        return find_counts_zh(view.text, view)
    from .en import find_counts_en
    return find_counts_en(view)
