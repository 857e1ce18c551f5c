"""Hostile input: every malformed bulletin gets a record or an error row saying what to do."""
from __future__ import annotations

import builtins
import os
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.core import process_source
from pipeline.ingest import Source, iter_sources
from tests.helpers.hostile import CASES, make_hostile_folder


def _display(name) -> str:
    return os.fsencode(name).decode("utf-8", "backslashreplace")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    make_hostile_folder(root)
    return root


@pytest.fixture
def unreadable(monkeypatch):
    """Tests run as root, who can read a chmod 000 file: make opening it fail as it would."""
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(file).endswith("unreadable.txt"):
            raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("pipeline.ingest.open", fake_open, raising=False)


@pytest.fixture(scope="module")
def hostile_run(hostile_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-out") / "out.jsonl"
    with pytest.MonkeyPatch.context() as mp:
        real_open = builtins.open

        def fake_open(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(file).endswith("unreadable.txt"):
                raise PermissionError(13, "Permission denied", os.fsdecode(file))
            return real_open(file, *args, **kwargs)

        mp.setattr("pipeline.ingest.open", fake_open, raising=False)
        result = CliRunner().invoke(main, ["run", str(hostile_dir), "-o", str(out)])
    records = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    errors_file = out.with_name("out.errors.jsonl")
    errors = [orjson.loads(x) for x in errors_file.read_bytes().splitlines()]
    return result, records, errors


def test_hostile_folder_run_has_no_traceback_and_loses_nothing(hostile_run):
    result, records, errors = hostile_run
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert len(records) + len(errors) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_case_gets_its_outcome(hostile_run, case):
    _, records, errors = hostile_run
    name = _display(case.filename)
    found_records = [r for r in records if name in r["source"]["path"]]
    found_errors = [e for e in errors if name in e["path"]]
    assert len(found_records) + len(found_errors) == 1, (found_records, found_errors)
    if case.expect == "record":
        assert found_records, found_errors
        assert case.words in " ".join(found_records[0]["warnings"])
    else:
        assert found_errors, "expected an error row"
        row = found_errors[0]
        assert {"path", "stage", "error_type", "message"} <= set(row)
        assert case.words in row["message"]
        assert ": " in row["message"], "the message must say what to do after the colon"


def test_undecodable_file_name_is_shown_escaped(hostile_run):
    _, records, _ = hostile_run
    (record,) = [r for r in records if "name_" in r["doc_id"]]
    assert record["doc_id"] == "name_\\xff\\xfe"


def test_encodings_decode_to_the_same_chinese(hostile_run):
    _, records, _ = hostile_run
    by_id = {r["doc_id"]: r for r in records}
    for doc_id in ("gbk", "gb18030", "mixed", "utf16_bom", "mojibake"):
        assert "开展宣讲活动36场" in by_id[doc_id]["text"], doc_id
    assert "宣讲活动" in by_id["big5"]["text"] or "宣講活動" in by_id["big5"]["text"]
    assert "宣讲活动三十六场" in by_id["utf16_nobom_zh"]["text"]


def test_html_keeps_text_and_drops_script_and_style(hostile_run):
    _, records, _ = hostile_run
    (page,) = [r for r in records if r["doc_id"] == "page"]
    assert "36 preaching activities" in page["text"]
    assert "99 fake" not in page["text"] and "color: red" not in page["text"]
    assert "<p>" not in page["text"]


def test_size_limit_is_configurable(tmp_path, hostile_dir):
    config = load_config().model_copy(update={"ingest": load_config().ingest.model_copy(
        update={"max_bytes": 20})})
    record, error = process_source(Source(name="gbk", path=str(hostile_dir / "gbk.txt")), config)
    assert record is None and "over the limit of 20" in error["message"]
    assert "max_bytes" in error["message"]


def test_over_limit_file_is_never_read(hostile_dir, monkeypatch):
    """The 50 MB file is refused from its size alone: memory stays bounded."""
    def no_open(*args, **kwargs):
        raise AssertionError("the over-limit file was opened")

    monkeypatch.setattr("pipeline.ingest.open", no_open, raising=False)
    source = Source(name="huge", path=str(hostile_dir / "huge.txt"))
    record, error = process_source(source, load_config())
    assert error and "52,4" in error["message"] and "over the limit" in error["message"]


def test_unreadable_file_unit(unreadable, hostile_dir):
    record, error = process_source(Source(name="u", path=str(hostile_dir / "unreadable.txt")), load_config())
    assert error["stage"] == "ingest"
    assert "Permission denied" in error["message"] and "chmod" in error["message"]


def test_folder_with_symlink_loop_terminates(hostile_dir):
    sources = list(iter_sources([str(hostile_dir)]))
    loops = [s for s in sources if s.error and "symlink loop" in s.error]
    assert len(loops) == 1
    assert len(sources) == len(CASES)


def test_unlistable_folder_is_an_error_row(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    real_scandir = os.scandir

    def fake_scandir(path):
        if os.fsdecode(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    sources = list(iter_sources([str(tmp_path)]))
    assert len(sources) == 1 and "cannot list folder" in sources[0].error


@pytest.mark.parametrize("body, problem", [
    ("[ingest]\nmax_bytes = 'big'\n", "key 'ingest.max_bytes'"),
    ("[ingest]\nmax_byte = 5\n", "unknown key 'ingest.max_byte'"),
    ("[clean]\nfixes = ['no_such_fix']\n", "key 'clean.fixes.0': unknown fix 'no_such_fix'"),
    ("[ingest\n", "not valid TOML"),
])
def test_invalid_config_exits_2_naming_the_key_and_writes_nothing(tmp_path, body, problem):
    bad = tmp_path / "bad.toml"
    bad.write_text(body)
    (tmp_path / "in.txt").write_text("36 preaching activities were held.\n")
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in.txt"), "--config", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert problem in result.stderr
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("o*"))


def test_missing_data_file_exits_2_and_writes_nothing(tmp_path):
    """A config folder without its pattern and lexicon files: one message naming the
    missing file, exit 2, nothing written (checked before any document is processed)."""
    import shutil
    import subprocess
    import sys

    from pipeline.config import CONFIG_DIR

    configs = tmp_path / "configs"
    configs.mkdir()
    shutil.copy(CONFIG_DIR / "default.toml", configs / "default.toml")
    (tmp_path / "in.txt").write_text("36 preaching activities were held.\n")
    out = tmp_path / "o.jsonl"
    env = {**os.environ, "BULLETINS_CONFIG_DIR": str(configs)}
    result = subprocess.run([str(Path(sys.executable).parent / "bulletins"), "run", str(tmp_path / "in.txt"),
                             "-o", str(out)], env=env, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "is missing" in result.stderr and str(configs) in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("o*"))
