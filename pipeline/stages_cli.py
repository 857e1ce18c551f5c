"""Stage commands: run and inspect one stage at a time, JSONL in and JSONL out.

    bulletins ingest corpus/ -o docs.jsonl
    bulletins clean docs.jsonl -o clean.jsonl          # or: bulletins clean --explain FILE
    bulletins extract clean.jsonl -o records.jsonl

A line that carries an `error` key is an error row; later stages pass it through.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click


@contextmanager
def _output(output):
    """Standard output, or `output` written whole or not at all: lines go to a temporary file
    beside it (its folder made if missing), renamed over it only when the command succeeds."""
    from .cli import BadCommandLine

    if not output or output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise BadCommandLine(f"-o {output} is a folder: name a file, such as {path / 'out.jsonl'}")
    tmp = path.with_name(path.name + ".partial")
    made = next((p for p in reversed(path.parents) if not p.exists()), None)   # topmost new folder
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .manifest import folder_problem

        raise BadCommandLine(f"cannot write {output}: {folder_problem(path, exc)}") from None
    try:
        handle = open(tmp, "wb")
    except OSError as exc:
        raise BadCommandLine(f"cannot write {output} ({exc.strerror or exc}): give -o a file "
                             f"path you can write to") from None
    try:
        with handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if made is not None:                # folders made for this output, now empty
            for folder in [path.parent, *path.parent.parents]:
                try:
                    folder.rmdir()
                except OSError:
                    break
                if folder == made:
                    break
        raise


def _config(path):
    from .cli import _config_or_exit

    return _config_or_exit(path)


def _check_jsonl_inputs(inputs) -> None:
    """JSONL inputs of `clean` and `extract` must be files (or - for stdin)."""
    from .cli import BadCommandLine

    for path in inputs:
        if path != "-" and not os.path.isfile(path):
            what = "a folder" if os.path.isdir(path) else "no such file"
            raise BadCommandLine(f"{path} is {what}: give the JSONL file written by the previous "
                                 f"stage (nothing was written)")


def _say_if_nothing_found(inputs) -> None:
    from .cli import nothing_found_message
    from .ingest import count_sources

    if count_sources(inputs) == 0:      # names only: no file (nor stdin) is read
        click.echo(f"warning: {nothing_found_message(inputs)}", err=True)


def _sources(inputs):
    """The bulletin files named by INPUTS (checked to exist by the caller, before it writes
    anything), saying so on stderr when there is none."""
    from .cli import nothing_found_message
    from .ingest import iter_sources

    found = False
    for source in iter_sources(inputs):
        found = True
        yield source
    if not found:
        click.echo(f"warning: {nothing_found_message(inputs)}", err=True)


def register_stage_commands(main: click.Group) -> None:
    from .cli import CONFIG_OPTION

    @main.command()
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("-o", "--output", default=None, help="Output JSONL (default: stdout).")
    @CONFIG_OPTION
    def ingest(inputs, output, config_path):
        """Read and decode INPUTS; write one document (or error row) per line.

        \b
        Example:
          bulletins ingest corpus/texts -o docs.jsonl
        """
        from .cli import check_inputs_or_exit
        from .core import error_row
        from .emit import dumps_line
        from .ingest import to_document

        config = _config(config_path)
        check_inputs_or_exit(inputs)
        with _output(output) as out:
            for source in _sources(inputs):
                try:
                    out.write(dumps_line(to_document(source, config.ingest.max_bytes).to_dict()))
                except Exception as exc:  # noqa: BLE001
                    out.write(dumps_line({"error": error_row(source, exc, "ingest")}))

    @main.command()
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("-o", "--output", default=None, help="Output JSONL (default: stdout).")
    @click.option("--explain", is_flag=True,
                  help="INPUTS are bulletin files: print what each fix changed instead of JSONL.")
    @CONFIG_OPTION
    def clean(inputs, output, explain, config_path):
        """Clean documents from `bulletins ingest` JSONL (or explain the fixes on files).

        \b
        Examples:
          bulletins clean docs.jsonl -o clean.jsonl
          bulletins clean --explain corpus/texts/en_s01.txt
        """
        from .clean import clean_document
        from .emit import dumps_line, read_jsonl

        config = _config(config_path)
        if explain:
            _explain(inputs, config)
            return
        _check_jsonl_inputs(inputs)
        with _output(output) as out:
            for path in inputs:
                for row in _read(path, read_jsonl):
                    if "error" not in row:
                        row = clean_document(_document(row, path), config.clean.fixes).to_dict()
                    out.write(dumps_line(row))

    @main.command()
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("-o", "--output", default=None, help="Output records JSONL (default: stdout).")
    @click.option("--explain", is_flag=True,
                  help="INPUTS are bulletins: print every candidate item, the rule that proposed "
                       "it, its reasons and whether it was kept.")
    @CONFIG_OPTION
    def extract(inputs, output, explain, config_path):
        """Extract counts, places and activities from `bulletins clean` JSONL; validate; emit records.

        \b
        Examples:
          bulletins extract clean.jsonl -o records.jsonl
          bulletins extract --explain corpus/texts/en_s01.txt
        """
        if explain:
            from .cli import check_inputs_or_exit
            from .extract.explain import explain_inputs

            config = _config(config_path)
            check_inputs_or_exit(inputs)
            for line in explain_inputs(inputs, config):
                click.echo(line)
            _say_if_nothing_found(inputs)
            return
        from .emit import dumps_line, read_jsonl
        from .errors import PipelineError
        from .extract import extract_document
        from .validate import build_record, validate_record

        config = _config(config_path)
        _check_jsonl_inputs(inputs)
        with _output(output) as out:
            for path in inputs:
                for row in _read(path, read_jsonl):
                    if "error" in row:
                        out.write(dumps_line(row))
                        continue
                    doc = _document(row, path)
                    try:
                        extract_document(doc, **config.extract.model_dump())
                        out.write(dumps_line(validate_record(build_record(doc))))
                    except PipelineError as exc:
                        out.write(dumps_line({"error": {
                            "doc_id": doc.doc_id, "path": doc.path, "stage": exc.stage,
                            "error_type": type(exc).__name__, "message": str(exc)}}))


def _read(path, read_jsonl):
    """Rows of a JSONL file; a line that is not a JSON object stops the command (exit 1,
    nothing written) with the line number."""
    try:
        for n, row in enumerate(read_jsonl(path), 1):
            if not isinstance(row, dict):
                raise ValueError(f"line {n} is not a JSON object")
            yield row
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}; give a JSONL file written by "
                                   f"the previous stage (nothing was written)") from None


def _document(row: dict, path: str):
    """A document from a row of `bulletins ingest` (or `clean`) output."""
    from .document import Document

    try:
        return Document.from_dict(row)
    except (KeyError, TypeError, ValueError) as exc:
        raise click.ClickException(
            f"cannot read {path}: a line is not a document of `bulletins ingest` ({type(exc).__name__}: "
            f"{exc}); give the JSONL written by the previous stage (nothing was written)") from None


def _explain(inputs, config) -> None:
    from .clean import clean_document
    from .cli import check_inputs_or_exit
    from .ingest import to_document

    check_inputs_or_exit(inputs)
    for source in _sources(inputs):
        try:
            doc = clean_document(to_document(source, config.ingest.max_bytes), config.clean.fixes)
        except Exception as exc:  # noqa: BLE001
            click.echo(f"{source.path}: cannot clean: {exc}")
            continue
        click.echo(f"{source.path} ({doc.language}, {len(doc.raw)} -> {len(doc.text)} characters)")
        for key, value in doc.meta.items():
            click.echo(f"  meta {key}: {value!r}")
        if not doc.changes:
            click.echo("  no fix changed anything")
        for change in doc.changes:
            click.echo(f"  {change['fix']}: {change['edits']} edit(s)")
            for s in change["samples"]:
                click.echo(f"    at {s['at']}: {s['old']!r} -> {s['new']!r}")
