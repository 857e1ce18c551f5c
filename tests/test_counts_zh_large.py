"""Chinese counts on large and hostile inputs: every step must be linear in the text's length.

Not timed: each input below took minutes when a step was quadratic (the number regex
backtracking over a run of digits or numerals from every position, the sentence searched from
the text's start for every count, every count compared with every other) and takes well under
two seconds when linear.
"""
from pipeline.extract.counts import find_counts
from pipeline.extract.counts.zh_units import ZhCountText
from pipeline.extract.doc import DocView


def find_counts_zh(text):
    return find_counts(DocView(text, "zh"))


def test_200kb_without_punctuation():
    assert find_counts_zh("开展宣讲活动" * 33_000) == []
    found = find_counts_zh("开展宣讲活动" * 33_000 + "936场")
    assert [(c["value"], c["unit"]) for c in found] == [(936, "宣讲活动")]


def test_runs_of_digits_and_numerals_without_measure_word():
    assert find_counts_zh("1" * 200_000) == []
    assert find_counts_zh("1,000" * 40_000) == []
    assert find_counts_zh("一二三四" * 50_000) == []
    assert [c["value"] for c in find_counts_zh("1" * 200_000 + "名")] == []


def test_many_counts_in_one_sentence():
    text = "组建志愿服务队12支" * 5_000          # 50,000 characters, one sentence, 5,000 counts
    found = find_counts_zh(text)
    assert len(found) == 5_000
    assert {c["value"] for c in found} == {12}


def test_many_standalone_ones():
    text = "一个社区" * 5_000 + "，" + "一个宣讲团、六类宣讲主体。"
    found = find_counts_zh(text)
    assert [(c["value"], c["unit"]) for c in found][-2:] == [(1, "宣讲团"), (6, "宣讲主体")]


def test_sentence_around():
    text = "第一句。组建志愿服务队12支！最后"
    ct = ZhCountText(DocView(text, "zh"))
    i = text.index("12")
    assert ct.sentence_around(i, i + 3) == ct.sentence_around(i, i + 3) == "组建志愿服务队12支"
    assert ct.sentence_around(len(text) - 1, len(text)) == "最后"
    # a number and its measure word across a line break: both sentences, without the last mark
    text = "开头。组建5\n支队伍！"
    ct = ZhCountText(DocView(text, "zh"))
    i = text.index("5")
    assert ct.sentence_around(i, i + 3) == "组建5\n支队伍"
    assert ct.sentence_around(0, 1) == "开头"


def test_numbers_are_looked_for_only_where_they_may_start_with_the_same_matches():
    """numbers_with_measure_words tries the pattern only at characters a match may start with:
    it must give exactly what the pattern's finditer gives, on texts made of the characters
    that matter (digits, numerals, vague prefixes, qualifiers, measure words, range marks,
    spaces, punctuation, other words)."""
    import random

    from pipeline.extract.counts.zh import numbers_with_measure_words
    from pipeline.extract.counts.zh_lexicon import zh_count_lexicon
    from pipeline.extract.data import DataFiles

    lex = zh_count_lexicon(DataFiles.at())
    assert lex.starts is not None
    pieces = list("0123456789一二两十百千万亿零〇数上几余多场名人次个户元,.，至-~ \n、第每“”开展活动") + [
        "场次", "人次", "以上", "左右", "１２"]
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        assert [m.span() for m in numbers_with_measure_words(lex, text)] == \
            [m.span() for m in lex.pattern.finditer(text)], text
