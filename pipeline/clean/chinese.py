"""Chinese normalisation fixes (placeholders; the Chinese issue fills them in)."""
from __future__ import annotations

from ..offsets import Edit
from . import CleanContext, fix


@fix("zh_strip_pinyin")
def zh_strip_pinyin(text: str, ctx: CleanContext) -> list[Edit]:
    """區(qū) -> 區: pinyin annotations left by converted pages."""
    return []


@fix("zh_to_simplified")
def zh_to_simplified(text: str, ctx: CleanContext) -> list[Edit]:
    """Traditional characters to simplified (OpenCC)."""
    return []
