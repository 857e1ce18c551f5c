"""The cleaning shortcuts (whole-text checks, skipped scans) change no result: each is
checked here against the plain scan it replaces."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.clean import CleanContext
from pipeline.clean import fixes as F
from pipeline.clean.patterns import Hint, LinePattern, any_of, debris, required_literals


def _plain_whitespace_edits(text: str, language: str):
    """collapse_whitespace as one scan over every match of `_WHITESPACE`."""
    ctx = CleanContext(language)

    def replace(m):
        if m.group("breaks") is not None:
            return "\n\n" if m.group(0).count("\n") >= 2 else "\n"
        start, end = m.span()
        if start == 0 or end == len(text):
            return ""
        if ctx.language == "zh":
            before, after = text[start - 1], text[end]
            if (F._TIGHT.match(before) and F._TIGHT.match(after)
                    and (F._CHINESE.match(before) or F._CHINESE.match(after))):
                return ""
        return " "

    return F.regex_edits(F._WHITESPACE, text, replace)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_whitespace_runs_match_the_plain_scan(language):
    alphabet = [" ", " ", " ", "\n", "\t", "\u00a0", "\u3000", "a", "b", "\r", "\x0b", "。", "中", "1"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert F.collapse_whitespace(text, CleanContext(language)) == _plain_whitespace_edits(text, language), repr(text)


@pytest.mark.parametrize("pattern, expected", [
    (r"a(b|c)?d", ("a",)),
    (r"(?:x|yy)zzz", ("zzz",)),
    (r"\bsugar\s+baby\b|\bkl\s+escorts\b", ("escorts", "sugar")),
    (r"[|｜][^|]+", ("|", "｜")),
    (r"ab|\d", None),
    (r"Copyright", ("copyright",)),
])
def test_required_literals(pattern, expected):
    assert required_literals(pattern, re.IGNORECASE) == expected


def test_hint_never_rules_out_a_match():
    pattern = re.compile(r"\b(?:sugar\s+baby|manila\s+escort)\b", re.IGNORECASE)
    hint = Hint(pattern)
    for text in ["a SUGAR  Baby here", "Manila\nEscort", "ſugar baby", "no spam", "ıcp"]:
        if pattern.search(text):
            assert not hint.absent(text), text
    assert hint.absent("nothing to see")


def test_line_patterns_agree_with_one_search():
    rng = random.Random(3)
    samples = ["Position: Home > News", "Home » a » b", "当前位置：首页", "设为首页", "首页 > 新闻",
               "第01版:一版", "Copyright 2022", "icp备12345号", "主办单位：某某", "地址：某路1号",
               "640 (5).png", "By admin", "2022-05-23 0 By", "Leave a Reply", "normal sentence."]
    for section, key in [("navigation", "lines"), ("icp_footer", "lines"), ("bylines", "lines"),
                         ("comment_form", "start"), ("comment_form", "lines"),
                         ("comment_form", "anywhere"), ("image_filename", "lines")]:
        patterns = debris()[section][key]
        plain, lines = any_of(patterns), LinePattern(patterns)
        for _ in range(200):
            text = "\n".join(rng.sample(samples, 4))
            search = lines.for_text(text)
            for line in text.split("\n"):
                assert bool(search(line)) == bool(plain.search(line)) == bool(lines.search(line)), (section, line)
