"""Benchmark texts: real paragraphs stitched to a fixed size, the same every time."""
from __future__ import annotations

from click.testing import CliRunner

from pipeline.bench_texts import read_paragraphs, stitch, stitched, text_size, write_stitched
from pipeline.cli import main

EN_PARAGRAPHS = [
    "The river town opened a reading room for 40 families this spring.",
    "Volunteers from the county library visited 12 villages and lent out 300 books.",
    "A night school for farmers taught bookkeeping in six evening classes.",
]
ZH_PARAGRAPHS = ["东湖镇开展读书活动12场，参与群众300余人。", "志愿者走访农户45户，发放图书200册。"]


def _folder(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "a.txt").write_text("\n\n".join(EN_PARAGRAPHS) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(ZH_PARAGRAPHS) + "\n", encoding="gb18030")
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def test_paragraphs_are_read_per_language_as_the_pipeline_decodes_them(tmp_path):
    found = read_paragraphs(_folder(tmp_path))
    assert found.bulletins["en"] == [EN_PARAGRAPHS]
    assert found.bulletins["zh"] == [ZH_PARAGRAPHS]      # GB18030 decoded like `bulletins run`
    assert found.unreadable == 1                          # the empty file
    assert found.count("en") == (1, 3, sum(len(p.split()) for p in EN_PARAGRAPHS))


def test_stitched_documents_reach_the_size_from_whole_real_paragraphs(tmp_path):
    found = read_paragraphs(_folder(tmp_path))
    for language, target in (("en", 1000), ("zh", 800)):
        for text in stitched(found, language, 5):
            lines = text.splitlines()
            assert set(lines) <= set(EN_PARAGRAPHS if language == "en" else ZH_PARAGRAPHS)
            size = text_size(text, language)
            last = text_size(lines[-1], language)
            assert target <= size < target + last         # stops at the first paragraph past it


def test_stitching_is_deterministic_and_indexes_give_different_documents(tmp_path):
    bulletins = read_paragraphs(_folder(tmp_path)).bulletins["en"]
    assert stitch(bulletins, "en", 7) == stitch(bulletins, "en", 7)
    assert len({stitch(bulletins, "en", i) for i in range(10)}) == 10


def test_written_documents_are_what_stitch_returns(tmp_path):
    found = read_paragraphs(_folder(tmp_path / "in"))
    out = tmp_path / "out"
    total = write_stitched(found, "zh", 3, out, first=4)
    paths = sorted(out.rglob("*.txt"))
    assert [p.name for p in paths] == ["zh_000004.txt", "zh_000005.txt", "zh_000006.txt"]
    assert paths[0].read_text(encoding="utf-8") == stitch(found.bulletins["zh"], "zh", 4)
    assert total == sum(text_size(p.read_text(encoding="utf-8"), "zh") for p in paths)


def test_bench_says_what_to_do_with_a_folder_without_bulletins(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "--texts", str(tmp_path), "--no-whole"])
    assert result.exit_code == 1
    assert "no readable bulletin" in result.output and "--texts DIR" in result.output
    assert "Traceback" not in result.output
