import json

import orjson
from click.testing import CliRunner

from pipeline.cli import main

BULLETIN = "Up to now, 936 preaching activities were carried out in Hongshan District.\n"


def test_run_single_file_to_stdout(tmp_path):
    path = tmp_path / "b1.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(path), "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["doc_id"] == "b1"
    assert record["schema_version"].startswith("1.")
    assert any(c["value"] == 936 for c in record["counts"])


def test_run_writes_output_and_errors_file_and_exit_code(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(BULLETIN, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 1
    records = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    errors = [orjson.loads(x) for x in (tmp_path / "out.errors.jsonl").read_bytes().splitlines()]
    assert [r["doc_id"] for r in records] == ["good"]
    assert errors[0]["doc_id"] == "empty" and errors[0]["stage"] == "ingest"
    assert "2 documents: 1 records, 1 errors" in result.stderr


def test_a_missing_input_exits_2_and_writes_nothing(tmp_path):
    (tmp_path / "b1.txt").write_text(BULLETIN, encoding="utf-8")
    nope = tmp_path / "nope.txt"
    result = CliRunner().invoke(main, ["run", str(tmp_path / "b1.txt"), str(nope), "-o",
                                       str(tmp_path / "out" / "o.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: no such file or folder: {nope}: check the path; nothing was written\n"
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["run", str(tmp_path / "*.md"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: the pattern {str(tmp_path / '*.md')!r} matched no file: check the "
                             f"pattern (and quote it, so the shell does not expand it); nothing was written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b1.txt"]


def test_an_empty_folder_says_there_was_nothing_to_do(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["run", str(tmp_path / "empty"), "-o", str(tmp_path / "o.jsonl"), "-q"])
    assert result.exit_code == 0
    assert result.stderr == (f"warning: nothing to do: no bulletin file in {tmp_path / 'empty'} (folders "
                             f"are read for .htm, .html, .md, .text, .txt, .xhtml files and files "
                             f"without a suffix)\n")


def test_process_none_is_a_clear_type_error():
    import pytest

    from pipeline import process

    with pytest.raises(TypeError, match=r"^process\(\) takes the bulletin's text as a str \(or its "
                                        r"bytes\), not NoneType: read the file first"):
        process(None)
    assert process(BULLETIN.encode("utf-16")).counts[0].value == 936     # bytes are decoded


def test_bad_config_exits_2_naming_the_key(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[extract]\ncounts = true\nplaces_x = 1\n")
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["run", "x.txt", "--config", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert f"Error: invalid config {bad.resolve()}:\n  unknown key 'extract.places_x': remove it or check its spelling" in result.stderr
    assert not out.exists()


def test_schema_command_prints_json_schema():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Record"
    assert {"counts", "places", "activities", "text"} <= set(schema["properties"])


def test_stage_commands_chain(tmp_path):
    path = tmp_path / "b1.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    runner = CliRunner()
    docs, clean, recs = tmp_path / "d.jsonl", tmp_path / "c.jsonl", tmp_path / "r.jsonl"
    assert runner.invoke(main, ["ingest", str(path), "-o", str(docs)]).exit_code == 0
    assert runner.invoke(main, ["clean", str(docs), "-o", str(clean)]).exit_code == 0
    assert runner.invoke(main, ["extract", str(clean), "-o", str(recs)]).exit_code == 0
    staged = json.loads(recs.read_text())
    whole = json.loads(runner.invoke(main, ["run", str(path), "-q"]).stdout)
    assert staged == whole


def test_clean_explain_lists_fixes(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("12 preachers\u200b  were   chosen.\r\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--explain", str(path)])
    assert "strip_control_chars: 1 edit(s)" in result.output
    assert "collapse_whitespace" in result.output


def test_every_command_has_help_with_examples():
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, name
