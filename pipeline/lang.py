"""Language of a document: `zh` when CJK characters outnumber Latin words, else `en`."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_language(text: str) -> str:
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN_WORD.findall(sample))
    return "zh" if cjk > latin else "en"
