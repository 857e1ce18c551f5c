"""Every command with bad arguments: a message saying what to do and exit code 1 or 2, never a
traceback, and no output file left behind."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import main

BULLETIN = "Up to now, 14 lectures were held in the community.\n"
FOLDERS_READ = (".htm, .html, .md, .text, .txt, .xhtml files and files without a suffix")


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    (tmp_path / "list.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    (tmp_path / "bin.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "en_x.json").write_text("{broken", encoding="utf-8")
    return tmp_path


CASES = [
    (["ingest", "missing.txt", "-o", "d/x.jsonl"], 2,
     "Error: no such file or folder: missing.txt: check the path; nothing was written\n"),
    (["ingest", "b.txt", "-o", "afile/x.jsonl"], 2,
     "Error: cannot write afile/x.jsonl: afile is a file, not a folder; write somewhere else\n"),
    (["ingest", "b.txt", "-o", "emptydir"], 2,
     "Error: -o emptydir is a folder: name a file, such as emptydir/out.jsonl\n"),
    (["clean", "missing.jsonl", "-o", "d/c.jsonl"], 2,
     "Error: missing.jsonl is no such file: give the JSONL file written by the previous stage "
     "(nothing was written)\n"),
    (["clean", "emptydir", "-o", "d/c.jsonl"], 2,
     "Error: emptydir is a folder: give the JSONL file written by the previous stage "
     "(nothing was written)\n"),
    (["clean", "list.jsonl", "-o", "d/c.jsonl"], 1,
     "Error: cannot read list.jsonl: line 1 is not a JSON object; give a JSONL file written by "
     "the previous stage (nothing was written)\n"),
    (["clean", "--explain", "missing.txt"], 2,
     "Error: no such file or folder: missing.txt: check the path; nothing was written\n"),
    (["extract", "bad.jsonl", "-o", "d/r.jsonl"], 1, None),
    (["extract", "b.txt", "-o", "d/r.jsonl"], 1, None),
    (["extract", "--explain", "missing.txt"], 2,
     "Error: no such file or folder: missing.txt: check the path; nothing was written\n"),
    (["run", "missing.txt", "-o", "d/r.jsonl"], 2,
     "Error: no such file or folder: missing.txt: check the path; nothing was written\n"),
    (["run", "b.txt", "-o", "afile/r.jsonl"], 2,
     "Error: cannot write afile/r.jsonl: afile is a file, not a folder; write somewhere else\n"),
    (["run", "b.txt", "-o", "emptydir"], 2,
     "Error: emptydir is a folder: name a file to write, such as emptydir/records.jsonl\n"),
    (["run", "b.txt", "-o", "d/r.jsonl", "--errors", "emptydir"], 2,
     "Error: --errors emptydir is a folder: name a file, such as emptydir/errors.jsonl\n"),
    (["run", "b.txt", "-o", "d/r.jsonl", "--config", "bin.toml"], 2, None),
    (["export", "missing.jsonl", "-o", "d"], 1,
     "Error: no records file at missing.jsonl: give the JSONL written by `bulletins run ... -o "
     "OUT.jsonl`\n"),
    (["export", "bad.jsonl", "-o", "emptydir", "--format", "csv"], 1,
     "Error: bad.jsonl: line 1 is not JSON: invalid literal, expected 'null': line 1 column 1 "
     "(char 0); give a JSONL file of records\n"),
    (["report", "bad.jsonl", "-o", "d/r.html"], 1, None),
    (["report", "list.jsonl", "-o", "d/r.html"], 1, None),
    (["evaluate", "--gold", "emptydir", "missing.txt"], 2,
     "Error: no such file or folder: missing.txt: check the path; nothing was written\n"),
    (["evaluate", "--gold", "emptydir", "--pred", "bad.jsonl"], 1, None),
    (["evaluate", "--gold", "gold", "--pred", "list.jsonl"], 1, None),
]


@pytest.mark.parametrize("args, code, message", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_arguments_give_a_message_not_a_traceback(workdir, args, code, message):
    before = sorted(p.name for p in workdir.iterdir())
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exception     # not a crash
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.startswith("Error: ")
    if message is not None:
        assert result.stderr == message
    assert sorted(p.name for p in workdir.iterdir()) == before, "nothing is written"


@pytest.mark.parametrize("command", [["ingest"], ["clean"], ["extract"]])
def test_stage_commands_make_the_output_folder(workdir, command):
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "b.txt", "-o", "docs.jsonl"]).exit_code == 0
    assert runner.invoke(main, ["clean", "docs.jsonl", "-o", "clean.jsonl"]).exit_code == 0
    source = {"ingest": "b.txt", "clean": "docs.jsonl", "extract": "clean.jsonl"}[command[0]]
    result = runner.invoke(main, command + [source, "-o", "new/deeper/x.jsonl"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in (workdir / "new" / "deeper" / "x.jsonl").read_text().splitlines()]
    assert row["doc_id"] == "b"
    assert not list((workdir / "new" / "deeper").glob("*.partial"))


def test_a_bad_line_midway_leaves_no_partial_output(workdir):
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "b.txt", "-o", "docs.jsonl"]).exit_code == 0
    with open(workdir / "docs.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    result = runner.invoke(main, ["clean", "docs.jsonl", "-o", "clean.jsonl"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot read docs.jsonl: line 2 is not JSON")
    assert not (workdir / "clean.jsonl").exists() and not list(workdir.glob("*.partial"))


@pytest.mark.parametrize("args", [["ingest", "emptydir"], ["clean", "--explain", "emptydir"],
                                  ["extract", "--explain", "emptydir"]])
def test_stage_commands_say_when_a_folder_holds_no_bulletin(workdir, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stderr == f"warning: nothing to do: no bulletin file in emptydir (folders are read for {FOLDERS_READ})\n"


def test_the_ray_engine_without_ray_installed_is_a_clear_error(workdir, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "ray" else real(name, *args))
    result = CliRunner().invoke(main, ["run", "b.txt", "-o", "d/r.jsonl", "--engine", "ray"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: the ray engine needs Ray: pip install 'bulletins[ray]' "
                             "(or run with --engine local)\n")
    assert not (workdir / "d").exists()
