"""Chinese numerals and numbers (extract.numbers.zh), read with the data of configs/zh/."""
import pytest

from pipeline.extract.data import DataFiles
from pipeline.extract.numbers.zh import parse_chinese_numeral, parse_number, zh_number_lexicon
from pipeline.extract.numbers.zh_lexicon import first_chars


@pytest.fixture(scope="module")
def nums():
    return zh_number_lexicon(DataFiles.at())


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千", 2000), ("千", 1000),
    ("三万五千", 35000), ("十万", 100000), ("一亿", 100000000), ("五", 5), ("两", 2),
])
def test_chinese_numerals(nums, text, value):
    assert parse_chinese_numeral(text, nums) == value


@pytest.mark.parametrize("text", ["二〇二一", "一二", "党员", ""])
def test_not_counting_numerals(nums, text):
    assert parse_chinese_numeral(text, nums) is None


@pytest.mark.parametrize("text, value", [
    ("29.55万", 295500), ("4.8万", 48000), ("1万", 10000), ("1,200", 1200), ("936", 936),
    ("3.5", 3.5), ("两千", 2000), ("2亿", 200000000),
])
def test_numbers(nums, text, value):
    assert parse_number(text, nums) == value


@pytest.mark.parametrize("pattern, first", [
    (r"(?<!\d)\d+(?:[,，]\d{3})?", r"[\d]"),          # a lookbehind is zero width
    (r"(?:(?P<low>\d+)至)?(?P<num>\d+|[数上][百千])", r"[\d\d数上]"),
    (r"a?[b-d]", r"[ab-d]"),
    (r"(?:x|y?)z", r"[xyz]"),
    (r"^\s*[+＋]", r"[\s\+＋]"),
    (r"a*", None),                                      # may match the empty string
    (r"[^a]b", None),                                   # a negated class is not read
    (r"(?i)a", None),                                   # ignoring case is not read
])
def test_first_chars_of_a_pattern(pattern, first):
    assert first_chars(pattern) == first
