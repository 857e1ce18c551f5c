"""Chinese normalisation fixes; each runs only when ctx.language == "zh".

Every fix returns the smallest edits it can (one character, one bracket annotation), so the
offset map stays exact and a count's raw span points at the characters the user saw.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..offsets import Edit
from ..resources import load_lines
from . import CleanContext, fix

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A CJK character followed by a bracketed Latin syllable: 區(qū), 黨(dang), 動（dòng）.
# Optionally one space after it when another CJK character follows (黨(dang) 的 -> 黨的).
_PINYIN_ANNOTATION = re.compile(
    rf"(?<=[{_CJK}])[(（]\s?([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ]{{1,7}})\s?[)）](?: (?=[{_CJK}]))?"
)

# Damaged decoding left in place: a pinyin annotation whose opening bracket was eaten
# (`?shù)`), `?!` glued to CJK text (`思想?!比涨?`), U+FFFD. A `?` next to a rare character
# (outside GB2312, as GBK mojibake produces: `蝺?優`) is checked in code.
_DAMAGE = re.compile(
    r"\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"
    rf"|(?<=[{_CJK}])\?!"
    r"|\ufffd"
)
_QUESTION_IN_CJK = re.compile(rf"(?<=([{_CJK}]))\?(?=([{_CJK}]))")


def is_rare_hanzi(ch: str) -> bool:
    """Outside GB2312: seldom in a bulletin, common in GBK mojibake."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    return frozenset(load_lines("zh/pinyin_syllables.txt"))


def toneless(syllable: str) -> str:
    """`dǎng` -> `dang`, `lǜ` -> `lü`, `lv` -> `lü`."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0308")
    return unicodedata.normalize("NFC", kept).replace("v", "ü")


def is_pinyin(syllable: str) -> bool:
    return toneless(syllable) in pinyin_syllables()


@fix("zh_strip_pinyin")
def zh_strip_pinyin(text: str, ctx: CleanContext) -> list[Edit]:
    """區(qū) -> 區: pinyin annotations left by converted pages (one deletion per annotation).
    Damaged decoding nearby (`?shù)`, `思想?!比`) is flagged as a document warning."""
    if ctx.language != "zh":
        return []
    # the damage check runs here, before any annotation goes: `當(dāng)?shù)` shows best raw
    flag_damage(text, ctx)
    if "(" not in text and "（" not in text:       # an annotation opens with one of them
        return []
    return [Edit(m.start(), m.end(), "") for m in _PINYIN_ANNOTATION.finditer(text)
            if is_pinyin(m.group(1))]


@lru_cache(maxsize=1)
def _converter():
    """OpenCC traditional -> simplified. The official `opencc` (C++ backed) and
    `opencc-python-reimplemented` share the import name and the API; the first is ~50x faster."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


@fix("zh_to_simplified")
def zh_to_simplified(text: str, ctx: CleanContext) -> list[Edit]:
    """Traditional characters to simplified (OpenCC), as one-character edits where possible."""
    if ctx.language != "zh":
        return []
    # OpenCC converts phrase by phrase and no phrase holds a line break, so a text it
    # leaves as it is has no line to convert
    if to_simplified(text) == text:
        return []
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        converted = to_simplified(line) if line else line
        if converted != line:
            if len(converted) == len(line):
                edits.extend(Edit(pos + i, pos + i + 1, new)
                             for i, (old, new) in enumerate(zip(line, converted)) if old != new)
            else:      # a phrase changed length (rare in t2s): replace the line whole
                edits.append(Edit(pos, pos + len(line), converted))
        pos += len(line) + 1
    return edits


def damaged_decoding(text: str) -> list[tuple[int, int]]:
    """Spans that look like bytes lost in decoding (`思想?!比涨?`, `當(dāng)?shù)恼蝺`)."""
    if "?" not in text and "\ufffd" not in text:     # every pattern holds one of them
        return []
    spans = [m.span() for m in _DAMAGE.finditer(text)]
    spans += [m.span() for m in _QUESTION_IN_CJK.finditer(text)
              if is_rare_hanzi(to_simplified(m.group(1))) or is_rare_hanzi(to_simplified(m.group(2)))]
    return sorted(set(spans))


def flag_damage(text: str, ctx: CleanContext) -> None:
    """Record damaged decoding as a document warning; the text is left as it is, not guessed."""
    spans = damaged_decoding(text)
    if spans:
        start = spans[0][0]
        sample = text[max(0, start - 6):start + 8].replace("\n", " ")
        ctx.meta.setdefault("warnings", []).append(
            f"damaged decoding: {len(spans)} place(s) where characters were lost "
            f"(first near {sample!r}); left as found")
