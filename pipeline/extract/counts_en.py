"""English counts (first version: digits followed by a noun; the counts issue replaces it)."""
from __future__ import annotations

import re

_COUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+((?:[a-z][a-z-]+\s){0,2}[a-z][a-z-]+s)\b")


def find_counts_en(doc) -> list[dict]:
    text = doc.text
    counts = []
    for m in _COUNT.finditer(text):
        value = int(m.group(1).replace(",", ""))
        if 1900 <= value <= 2100:
            continue
        counts.append({
            "value": value, "qualifier": "exact", "unit": m.group(2), "unit_normalized": None,
            "category": "other", "activity": None, "span": [m.start(), m.end()],
        })
    return counts
