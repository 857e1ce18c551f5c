"""English counts on large and hostile inputs: every step must be linear in the text's length.

Not timed: each input below took minutes when a step was quadratic (a mask regex backtracking
over a run of letters, a megabyte of digits turned into an integer, a block boundary searched
again for every block of a text without spaces) and takes well under two seconds when linear.
"""
from pipeline.extract.counts import find_counts
from pipeline.extract.doc import DocView


def counts(text: str) -> list[dict]:
    return find_counts(DocView(text, "en"))


def test_200kb_of_letters_without_spaces():
    assert counts("a" * 200_000) == []
    found = counts("b" * 200_000 + " with 300 volunteers")
    assert [(c["value"], c["unit"]) for c in found] == [(300, "volunteers")]


def test_500kb_of_digits_is_no_count():
    assert counts("1" * 500_000) == []
    assert counts("1,000" * 50_000) == []


def test_numbers_in_text_without_spaces():
    text = "The_district_held(12)lectures;" * 10_000
    assert counts(text) == []


def test_300kb_of_normal_sentences():
    sentence = "The district held 12 lectures for 300 volunteers on May 4. "
    text = sentence * (300_000 // len(sentence))
    found = counts(text)
    n = len(text) // len(sentence)
    assert len(found) == 2 * n
    assert [c["value"] for c in found[:2]] == [12, 300]
    last = found[-1]
    assert text[last["span"][0]:last["span"][1]] == "300 volunteers"
