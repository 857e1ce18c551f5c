"""Batch runs: incremental with a manifest, resumable, parallel, nothing lost."""
from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.manifest import Manifest, legacy_manifest_path, manifest_path
from pipeline.runner import run

EN = "Up to now, {n} preaching activities were carried out in Hongshan District.\n"
ZH = "洪山区开展宣讲活动{n}场，覆盖群众两千余人。\n"


def make_inputs(folder, count=12):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = (EN if i % 2 else ZH).format(n=100 + i)
        (folder / f"b{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def read_jsonl(path):
    return [orjson.loads(x) for x in path.read_bytes().splitlines()] if path.exists() else []


def ids(path):
    return [r["doc_id"] for r in read_jsonl(path)]


def test_first_run_writes_records_in_input_order_and_a_manifest(tmp_path):
    folder = make_inputs(tmp_path / "in")
    out = tmp_path / "out" / "r.jsonl"
    summary = run([str(folder)], load_config(), output=str(out))
    assert (summary.documents, summary.records, summary.errors) == (12, 12, 0)
    assert ids(out) == [f"b{i:03d}" for i in range(12)]
    manifest = Manifest(out, tmp_path / "out" / "r.errors.jsonl")
    entries = list(manifest.entries())
    manifest.close()
    assert len(entries) == 12 and all(e.kind == "record" for e in entries)
    assert [e.input for e in entries] == [str(folder / f"b{i:03d}.txt") for i in range(12)]
    assert not (tmp_path / "out" / "r.errors.jsonl").exists()


def test_rerun_processes_only_new_and_changed_inputs(tmp_path):
    folder = make_inputs(tmp_path / "in")
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    again = run([str(folder)], load_config(), output=str(out))
    assert (again.records, again.unchanged) == (0, 12)

    (folder / "b003.txt").write_text(EN.format(n=999), encoding="utf-8")     # changed
    (folder / "new.txt").write_text(EN.format(n=7), encoding="utf-8")         # new
    third = run([str(folder)], load_config(), output=str(out))
    assert (third.records, third.unchanged) == (2, 11)
    records = read_jsonl(out)
    assert sorted(r["doc_id"] for r in records) == sorted([f"b{i:03d}" for i in range(12)] + ["new"])
    (b3,) = [r for r in records if r["doc_id"] == "b003"]
    assert "999" in b3["text"]                   # the old record was replaced, not duplicated
    # still in input order: the changed record is put back in its place, the new one sorted in
    assert [r["doc_id"] for r in records] == [f"b{i:03d}" for i in range(12)] + ["new"]


def test_records_of_deleted_inputs_are_removed_and_reported(tmp_path):
    folder = make_inputs(tmp_path / "in", 4)
    (folder / "empty.txt").write_bytes(b"")                     # an error row
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    (folder / "b001.txt").unlink()
    (folder / "empty.txt").unlink()
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ids(out) == ["b000", "b002", "b003"]
    assert not (tmp_path / "r.errors.jsonl").exists()           # its only row was removed
    assert result.stderr.startswith("3 documents: 0 records, 0 errors in ")
    assert result.stderr.splitlines()[0].endswith(
        "; 3 unchanged since the last run, skipped (0 of them with error rows; --force redoes "
        "them); 2 earlier results removed: their inputs are no longer among this run's "
        "(deleted, renamed or not given)")
    manifest = Manifest(out, tmp_path / "r.errors.jsonl")
    assert [e.input.rsplit("/", 1)[1] for e in manifest.entries()] == ["b000.txt", "b002.txt", "b003.txt"]
    manifest.close()
    again = run([str(folder)], load_config(), output=str(out))
    assert (again.unchanged, again.removed) == (3, 0)


def test_the_output_holds_exactly_the_inputs_of_the_last_run_in_their_order(tmp_path):
    folder = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    names = [str(folder / f"b{i:03d}.txt") for i in (3, 0, 2)]
    summary = run(names, load_config(), output=str(out))
    assert (summary.records, summary.unchanged, summary.removed) == (0, 3, 1)
    assert ids(out) == ["b003", "b000", "b002"]                 # the order given
    summary = run([str(folder)], load_config(), output=str(out))
    assert (summary.records, summary.unchanged, summary.removed) == (1, 3, 0)
    assert ids(out) == ["b000", "b001", "b002", "b003"]


def test_an_interrupted_run_removes_nothing(tmp_path, monkeypatch):
    folder = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    (folder / "b000.txt").write_text(EN.format(n=5), encoding="utf-8")     # work to do

    def interrupted(jobs, config, engine, workers):
        list(jobs)                                          # every input planned, then Ctrl-C
        raise KeyboardInterrupt
        yield                                               # a generator, like the engines

    monkeypatch.setattr("pipeline.runner._engine_results", interrupted)
    summary = run([str(folder / "b000.txt")], load_config(), output=str(out))
    assert summary.interrupted and summary.removed == 0
    assert ids(out) == ["b000", "b001", "b002", "b003"]


def test_changed_config_reprocesses_everything(tmp_path):
    folder = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    config = load_config()
    other = config.model_copy(update={"extract": config.extract.model_copy(update={"places": False})})
    summary = run([str(folder)], other, output=str(out))
    assert (summary.records, summary.unchanged) == (4, 0)
    assert len(read_jsonl(out)) == 4


def test_force_reprocesses_everything_and_starts_afresh(tmp_path):
    folder = make_inputs(tmp_path / "in", 4)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    summary = run([str(folder / "b000.txt")], load_config(), output=str(out), force=True)
    assert summary.records == 1 and ids(out) == ["b000"]


def test_unchanged_error_still_fails_the_exit_code(tmp_path):
    folder = make_inputs(tmp_path / "in", 2)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "r.jsonl"
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(folder), "-o", str(out)])
    second = runner.invoke(main, ["run", str(folder), "-o", str(out)])
    assert first.exit_code == second.exit_code == 1
    assert "3 unchanged" in second.stderr and "1 of them with error rows" in second.stderr
    assert len(read_jsonl(tmp_path / "r.errors.jsonl")) == 1


def test_unreadable_input_is_retried_and_its_error_row_replaced(tmp_path):
    out = tmp_path / "r.jsonl"
    link = tmp_path / "later.txt"
    link.symlink_to(tmp_path / "target.txt")                # dangling: it cannot be read yet
    run([str(link)], load_config(), output=str(out))
    run([str(link)], load_config(), output=str(out))
    rows = read_jsonl(tmp_path / "r.errors.jsonl")
    assert len(rows) == 1 and rows[0]["stage"] == "ingest"
    (tmp_path / "target.txt").write_text(EN.format(n=5))
    summary = run([str(link)], load_config(), output=str(out))
    assert summary.records == 1 and ids(out) == ["later"]
    assert not (tmp_path / "r.errors.jsonl").exists()


def test_a_missing_input_path_stops_the_run_before_anything_is_written(tmp_path):
    from pipeline.runner import InputsError

    out = tmp_path / "o" / "r.jsonl"
    with pytest.raises(InputsError, match="no such file or folder: .*nope.txt: check the path"):
        run([str(tmp_path / "nope.txt")], load_config(), output=str(out))
    assert not (tmp_path / "o").exists()


def test_error_rows_name_path_stage_type_and_message(tmp_path):
    folder = make_inputs(tmp_path / "in", 1)
    (folder / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    errors = tmp_path / "bad.jsonl"
    summary = run([str(folder)], load_config(), output=str(tmp_path / "r.jsonl"), errors_path=str(errors))
    (row,) = read_jsonl(errors)
    assert row == {"doc_id": "pic", "path": str(folder / "pic.txt"), "stage": "ingest",
                   "error_type": "InputError",
                   "message": "not text: the file is a PNG image; convert it to text first"}
    assert summary.failed


def test_summary_line_reports_counts_and_rate(tmp_path):
    folder = make_inputs(tmp_path / "in", 3)
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0
    assert "3 documents: 3 records, 0 errors in " in result.stderr and "docs/s" in result.stderr


def test_quiet_and_not_a_tty_print_nothing(tmp_path):
    folder = make_inputs(tmp_path / "in", 3)
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "r.jsonl"), "-q"])
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_files_left_out_for_their_suffix_are_reported(tmp_path):
    folder = make_inputs(tmp_path / "in", 1)
    (folder / "scan.png").write_bytes(b"\x89PNG")
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "r.jsonl")])
    assert "1 files in folders left out for their suffix (.png)" in result.stderr


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_give_byte_identical_output_in_input_order(tmp_path, workers):
    folder = make_inputs(tmp_path / "in", 40)
    (folder / "b010.txt").write_bytes(b"")      # an error in the middle
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    run([str(folder)], load_config(), output=str(one))
    summary = run([str(folder)], load_config(), output=str(many), workers=workers)
    assert (summary.records, summary.errors) == (39, 1)
    assert one.read_bytes() == many.read_bytes()
    assert (tmp_path / "one.errors.jsonl").read_bytes() == (tmp_path / "many.errors.jsonl").read_bytes()


def test_stdout_mode_writes_records_and_error_rows_to_stderr(tmp_path):
    (tmp_path / "a.txt").write_text(EN.format(n=3))
    (tmp_path / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-q"])
    assert result.exit_code == 1
    assert [orjson.loads(x)["doc_id"] for x in result.stdout.splitlines()] == ["a"]
    assert orjson.loads(result.stderr.splitlines()[0])["doc_id"] == "b"
    assert not list(tmp_path.glob("*manifest*"))


# -- the manifest on its own ----------------------------------------------------------------

def _trio(tmp_path):
    return tmp_path / "r.jsonl", tmp_path / "r.errors.jsonl"


def test_uncommitted_tail_is_cut_off_on_open(tmp_path):
    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"doc_id":"a"}\n', None)
    manifest.close()
    with open(out, "ab") as handle:                 # written, then killed before the commit
        handle.write(b'{"doc_id":"b"}\n{"doc_')
    reopened = Manifest(out, err)
    assert out.read_bytes() == b'{"doc_id":"a"}\n'
    assert reopened.is_done("/a", "k1") and not reopened.is_done("/b", "k2")
    reopened.commit("/b", "k2", b'{"doc_id":"b"}\n', None)
    reopened.close()
    assert out.read_bytes() == b'{"doc_id":"a"}\n{"doc_id":"b"}\n'
    again = Manifest(out, err)
    assert [e.input for e in again.entries()] == ["/a", "/b"]
    again.close()


def test_rows_of_an_uncommitted_transaction_are_lost_with_their_lines(tmp_path):
    """A kill -9 mid-transaction: the database drops the open rows; on open, their lines
    (flushed to the output) are cut off too, so the inputs are simply done again."""
    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"doc_id":"a"}\n', None)
    manifest._db.execute("COMMIT")                  # /a durable ...
    manifest._db.execute("BEGIN IMMEDIATE")
    manifest.commit("/b", "k2", b'{"doc_id":"b"}\n', None)      # ... /b not yet
    manifest._db.execute("ROLLBACK")                # what the kill does to the open transaction
    manifest._db.close()
    manifest._db = None
    manifest._out.close()
    reopened = Manifest(out, err)
    assert out.read_bytes() == b'{"doc_id":"a"}\n'
    assert reopened.is_done("/a", "k1") and not reopened.is_done("/b", "k2")
    reopened.close()


def test_output_shorter_than_manifest_asks_for_force(tmp_path):
    from pipeline.manifest import ManifestError

    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"doc_id":"a"}\n', None)
    manifest.close()
    out.write_bytes(b"")
    with pytest.raises(ManifestError, match="--force"):
        Manifest(out, err)


def test_a_second_run_on_the_same_output_is_refused_while_the_first_holds_it(tmp_path):
    from pipeline.manifest import ManifestError

    out, err = _trio(tmp_path)
    first = Manifest(out, err)
    first.commit("/a", "k1", b'{"doc_id":"a"}\n', None)
    with pytest.raises(ManifestError, match="another bulletins run"):
        Manifest(out, err)
    first.close()
    Manifest(out, err).close()                      # free again once the first is done


def test_a_damaged_manifest_asks_for_force(tmp_path):
    from pipeline.manifest import ManifestError

    out, err = _trio(tmp_path)
    manifest_path(out).write_bytes(b"this is not a database" * 100)
    with pytest.raises(ManifestError, match="damaged.*--force"):
        Manifest(out, err)
    Manifest(out, err, force=True).close()


def test_compaction_drops_superseded_lines_and_keeps_order(tmp_path):
    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"v":"a1"}\n', None)
    manifest.commit("/b", "k1", None, b'{"e":"b1"}\n')
    manifest.commit("/c", "k1", b'{"v":"c1"}\n', None)
    manifest.commit("/b", "k2", b'{"v":"b2"}\n', None)       # the error row is superseded
    manifest.commit("/a", "k2", b'{"v":"a2"}\n', None)
    manifest.close(compact=True)
    assert out.read_bytes() == b'{"v":"c1"}\n{"v":"b2"}\n{"v":"a2"}\n'
    assert not err.exists()                          # no error row left: no errors file
    reopened = Manifest(out, err)
    assert [(e.input, e.key) for e in reopened.entries()] == [("/c", "k1"), ("/b", "k2"), ("/a", "k2")]
    assert reopened.is_done("/b", "k2") and not reopened.is_done("/b", "k1")
    reopened.commit("/d", "k1", b'{"v":"d1"}\n', None)      # offsets after compaction are right
    reopened.close(compact=True)
    assert out.read_bytes().endswith(b'{"v":"a2"}\n{"v":"d1"}\n')
    assert not list(tmp_path.glob("*compact*"))


def test_compaction_interrupted_after_journal_rolls_forward(tmp_path):
    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"v":1}\n', None)
    manifest.commit("/a", "k2", b'{"v":2}\n', None)
    # simulate: temp files and journal written, killed before any rename
    real_finish = Manifest._finish_compaction
    Manifest._finish_compaction = lambda self: None
    try:
        manifest.close(compact=True)
    finally:
        Manifest._finish_compaction = real_finish
    assert out.read_bytes() == b'{"v":1}\n{"v":2}\n'
    reopened = Manifest(out, err)
    assert out.read_bytes() == b'{"v":2}\n'
    assert [e.key for e in reopened.entries()] == ["k2"]
    reopened.close()


def test_compaction_interrupted_before_journal_is_discarded(tmp_path):
    out, err = _trio(tmp_path)
    manifest = Manifest(out, err)
    manifest.commit("/a", "k1", b'{"v":1}\n', None)
    manifest.commit("/a", "k2", b'{"v":2}\n', None)
    manifest._compact()                             # temp files written, then killed
    manifest._db.execute("COMMIT")
    manifest._db.close()
    manifest._db = None
    manifest._out.close()
    reopened = Manifest(out, err)
    assert not list(tmp_path.glob("*compact*"))
    assert [e.key for e in reopened.entries()] == ["k1", "k2"]
    reopened.close(compact=True)
    assert out.read_bytes() == b'{"v":2}\n'


def test_a_format_1_manifest_is_converted_and_the_run_continues(tmp_path):
    folder = make_inputs(tmp_path / "in", 3)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    manifest = Manifest(out, tmp_path / "r.errors.jsonl")
    entries = list(manifest.entries())
    manifest.close()
    legacy = [orjson.dumps({"manifest": 1, "pipeline": "0.1.0"})]
    legacy += [orjson.dumps({k: v for k, v in e.__dict__.items() if v is not None or k == "key"})
               for e in entries]
    manifest_path(out).unlink()
    legacy_manifest_path(out).write_bytes(b"\n".join(legacy) + b"\n" + b'{"input":"/x","ke')
    summary = run([str(folder)], load_config(), output=str(out))
    assert (summary.unchanged, summary.records) == (3, 0)
    assert not legacy_manifest_path(out).exists() and manifest_path(out).exists()


def test_cli_refuses_a_second_run_on_an_output_in_use(tmp_path):
    folder = make_inputs(tmp_path / "in", 1)
    out = tmp_path / "r.jsonl"
    holder = Manifest(out, tmp_path / "r.errors.jsonl")      # as a first run in progress would
    try:
        result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out)])
    finally:
        holder.close()
    assert result.exit_code == 2
    assert "another bulletins run" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b""                             # nothing written by the second


def test_progress_bar_counts_against_the_total_of_inputs(tmp_path, capsys):
    folder = make_inputs(tmp_path / "in", 12)
    run([str(folder)], load_config(), output=str(tmp_path / "r.jsonl"), progress=True)
    assert "| 0/12 [" in capsys.readouterr().err        # the total is known from the start


def test_counting_inputs_for_the_bar_reads_neither_files_nor_stdin(tmp_path, monkeypatch):
    from pipeline.ingest import count_sources

    class Untouchable:
        @property
        def buffer(self):
            raise AssertionError("standard input was read")

    monkeypatch.setattr("sys.stdin", Untouchable())
    folder = make_inputs(tmp_path / "in", 5)
    (folder / "scan.png").write_bytes(b"\x89PNG")                   # left out, as in a run
    assert count_sources(["-", str(folder), str(tmp_path / "missing.txt")]) == 7


def test_a_run_with_nothing_to_do_loads_no_model(tmp_path):
    """Start-up: when the manifest says every input is done, no model, dictionary or pattern
    file is loaded (spaCy and jieba are not even imported)."""
    import subprocess
    import sys

    folder = make_inputs(tmp_path / "in", 2)
    out = tmp_path / "r.jsonl"
    run([str(folder)], load_config(), output=str(out))
    script = ("import sys\n"
              "from pipeline.cli import main\n"
              f"try:\n    main(['run', {str(folder)!r}, '-o', {str(out)!r}, '-q'])\n"
              "except SystemExit as exc:\n    code = exc.code\n"
              "print(code, sorted(m for m in ('spacy', 'jieba', 'pipeline.extract', 'pipeline.core') "
              "if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "0 []", done.stderr
    (folder / "b000.txt").write_text(EN.format(n=5), encoding="utf-8")      # now there is work
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "0 ['jieba', 'pipeline.core', 'pipeline.extract', 'spacy']", done.stderr
