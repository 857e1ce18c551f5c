"""Places (placeholder until the gazetteer lands)."""
from __future__ import annotations


def find_places(text: str, language: str) -> list[dict]:
    return []
