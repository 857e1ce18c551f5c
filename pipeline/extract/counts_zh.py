"""Chinese counts (first version: digits and a measure word; the Chinese issue replaces it)."""
from __future__ import annotations

import re

_COUNT = re.compile(r"(\d+(?:\.\d+)?)(万?)(余|多)?(场次|人次|场|名|个|次|支|项|户|件|人)")


def find_counts_zh(text: str) -> list[dict]:
    counts = []
    for m in _COUNT.finditer(text):
        value = float(m.group(1)) * (10000 if m.group(2) else 1)
        counts.append({
            "value": int(value) if value.is_integer() else value,
            "qualifier": "more_than" if m.group(3) else "exact",
            "unit": m.group(4), "unit_normalized": None, "category": "other", "activity": None,
            "span": [m.start(), m.end()],
        })
    return counts
