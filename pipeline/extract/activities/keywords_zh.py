"""The taxonomy's Chinese side compiled for matching, once per data folder: every keyword also in
traditional characters (reposts that cleaning could not convert must still match), indexed by
first character; head words of counted things; masks, plan markers and the patterns of the
rules (configs/taxonomy.toml [decision])."""
from __future__ import annotations

import re
from functools import cached_property
from typing import Callable

from .lexicon import (CONTEXT_HEAD, GENERIC_PREFIX, NULL_HEAD, UNIT_HEAD_PREFIX, WEAK_PREFIX,
                      type_of_label)


class ChineseKeywords:
    """What the Chinese rules read of the taxonomy, compiled on first use."""

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.starting: dict[str, tuple] = {}        # cues_zh: two characters -> the keywords there

    @cached_property
    def to_traditional(self) -> Callable[[str], str]:
        from opencc import OpenCC

        return OpenCC("s2t").convert

    def with_traditional(self, words) -> list[str]:
        """Each word and its traditional form: reposts in traditional characters reach us when
        cleaning could not convert them (mixed scripts, pinyin glosses), and must still match."""
        convert = self.to_traditional
        return list(dict.fromkeys(form for w in words for form in (w, convert(w))))

    @cached_property
    def keywords(self) -> tuple[tuple[str, str], ...]:
        """(keyword, label) pairs, longest keyword first so a longer cue wins an overlap."""
        pairs = [(kw, type_id) for type_id, entry in self.lexicon.types.items()
                 for kw in self.with_traditional(entry.zh)]
        pairs += [(kw, WEAK_PREFIX + type_id) for type_id, entry in self.lexicon.types.items()
                  for kw in self.with_traditional(entry.zh_weak)]
        pairs += [(kw, GENERIC_PREFIX + type_id) for type_id, entry in self.lexicon.types.items()
                  for kw in self.with_traditional(entry.zh_generic)]
        rank = self.lexicon.type_rank
        return tuple(sorted(pairs, key=lambda p: (-len(p[0]), rank[type_of_label(p[1])])))

    @cached_property
    def keywords_by_first_char(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """zh_keywords grouped by first character, each group in the same order, so a scan
        tries only the keywords that can start at a position."""
        index: dict[str, list[tuple[str, str]]] = {}
        for keyword, label in self.keywords:
            index.setdefault(keyword[0], []).append((keyword, label))
        return {char: tuple(pairs) for char, pairs in index.items()}

    @cached_property
    def first_chars(self) -> re.Pattern:
        """Any character a Chinese keyword starts with (the scan skips the others in C)."""
        return re.compile("[" + "".join(map(re.escape, sorted(self.keywords_by_first_char)))
                          + "]")

    @cached_property
    def heads(self) -> tuple[tuple[str, str], ...]:
        """(head word, NULL_HEAD | CONTEXT_HEAD | role label), longest first."""
        pairs = [(w, NULL_HEAD) for w in self.with_traditional(self.lexicon.units.zh_null_heads)]
        pairs += [(w, CONTEXT_HEAD) for w in self.with_traditional(self.lexicon.units.zh_context_heads)]
        pairs += [(w, UNIT_HEAD_PREFIX + type_id) for type_id, entry in self.lexicon.types.items()
                  for w in self.with_traditional(entry.zh_unit_heads)]
        return tuple(sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def masks(self) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((mask, re.compile(re.escape(mask)))
                     for mask in self.with_traditional(self.lexicon.decision.zh_masks))

    @cached_property
    def plan_markers(self) -> tuple[str, ...]:
        return tuple(self.with_traditional(self.lexicon.decision.zh_plan_markers))

    @cached_property
    def plan_exceptions(self) -> tuple[str, ...]:
        return tuple(self.with_traditional(self.lexicon.decision.zh_plan_exceptions))

    @cached_property
    def clause(self) -> re.Pattern:
        """A clause: a run of text between the marks of [decision] zh_clause_ends."""
        return re.compile(f"[^{re.escape(self.lexicon.decision.zh_clause_ends)}]+")

    @cached_property
    def disposal(self) -> re.Pattern:
        """将 as the object marker of a disposal clause (街道将辖区划分为网格: "the street divided
        the area into grids"): a noun phrase between 将 and a result verb, not a plan."""
        not_after = "|".join(map(re.escape, self.with_traditional(self.lexicon.decision.zh_disposal_not_after)))
        verbs = "|".join(map(re.escape, sorted(self.with_traditional(self.lexicon.decision.zh_disposal_verbs),
                                               key=len, reverse=True)))
        return re.compile(rf"[将將](?!{not_after})[^，,。；;、：:将將]{{1,10}}?(?:{verbs})")

    @cached_property
    def held_before(self) -> re.Pattern:
        """A verb of holding at the end of a text, maybe with a count of the thing after it
        (组织约200名志愿者, 举办培训)."""
        verbs = "|".join(map(re.escape, self.with_traditional(self.lexicon.decision.zh_hold_verbs)))
        return re.compile(rf"(?:{verbs})(?:{self.lexicon.decision.zh_hold_count})?$")
