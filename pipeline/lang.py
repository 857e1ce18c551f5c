"""Language of a document: `zh` (Chinese original) or `en` (machine-translated English).

A mixed page goes by the majority of its running text, measured in words: a Latin word is
one word, and Chinese is counted at ~1.6 characters a word (the mean length of a jieba
token in news text), so a page half Chinese, half English by reading length is split fairly.
Pinyin annotations (`區(qū)`), URLs and e-mail addresses are no English text and are skipped.
"""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
_NOT_PROSE = re.compile(
    r"https?://\S+|www\.\S+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"           # links, e-mail
    r"|(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]"  # pinyin annotations
)
CJK_CHARS_PER_WORD = 1.6
SAMPLE_CHARS = 20000


def language_shares(text: str) -> tuple[float, int]:
    """(Chinese words, Latin words) in the first SAMPLE_CHARS characters."""
    sample = _NOT_PROSE.sub(" ", text[:SAMPLE_CHARS])
    return len(_CJK.findall(sample)) / CJK_CHARS_PER_WORD, len(_LATIN_WORD.findall(sample))


def detect_language(text: str) -> str:
    chinese, latin = language_shares(text)
    return "zh" if chinese > latin else "en"
