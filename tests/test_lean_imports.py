"""What a `bulletins run` process leaves out of memory: spaCy's command line, pkg_resources,
and duplicate strings in jieba's tables and the gazetteer."""
from __future__ import annotations

import subprocess
import sys

from pipeline import zh


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_spacy_imports_without_its_command_line_which_still_imports_later():
    out = _fresh(
        "import sys\n"
        "from pipeline.nlp import import_spacy_without_its_cli, english\n"
        "import_spacy_without_its_cli()\n"
        "print('weasel' in sys.modules, 'spacy.cli' in sys.modules)\n"
        "print([t.is_sent_start for t in english()('One. Two.')][2])\n"
        "from spacy.cli import download\n"
        "print(download.__module__)\n")
    assert out.splitlines() == ["False False", "True", "spacy.cli.download"]


def test_jieba_is_imported_without_pkg_resources():
    out = _fresh("import sys\nfrom pipeline import zh\nzh._jieba()\nprint('pkg_resources' in sys.modules)")
    assert out == "False"


def test_compact_tables_share_words_tags_and_counts_and_keep_every_entry():
    word, tag_a, tag_b = "".join(["社", "区"]), "".join(["n", "s"]), "".join(["n", "s"])
    freq = {"".join(["社", "区"]): int("12345"), "社": 0, "区区": int("12345")}
    tags = {word: tag_a, "区区": tag_b, "外来词": "x"}
    new_freq, total, new_tags = zh._compact(freq, 99, tags)
    assert new_freq == freq and total == 99 and new_tags == tags
    key_in_freq = next(k for k in new_freq if k == "社区")
    key_in_tags = next(k for k in new_tags if k == "社区")
    assert key_in_freq is key_in_tags
    assert new_tags["社区"] is new_tags["区区"]
    assert new_freq["社区"] is new_freq["区区"]
