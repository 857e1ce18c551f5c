"""Stage commands: run and inspect one stage at a time, JSONL in and JSONL out.

    bulletins ingest corpus/ -o docs.jsonl
    bulletins clean docs.jsonl -o clean.jsonl          # or: bulletins clean --explain FILE
    bulletins extract clean.jsonl -o records.jsonl

A line that carries an `error` key is an error row; later stages pass it through.
"""
from __future__ import annotations

import sys

import click


def _open_out(output):
    return open(output, "wb") if output and output != "-" else sys.stdout.buffer


def _config(path):
    from .cli import _config_or_exit

    return _config_or_exit(path)


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
        from .core import error_row
        from .emit import dumps_line
        from .ingest import iter_sources, to_document

        config = _config(config_path)
        out = _open_out(output)
        for source in iter_sources(inputs):
            try:
                out.write(dumps_line(to_document(source, config.ingest.max_bytes).to_dict()))
            except Exception as exc:  # noqa: BLE001
                out.write(dumps_line({"error": error_row(source, exc, "ingest")}))
        out.flush()

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
        from .document import Document
        from .emit import dumps_line, read_jsonl

        config = _config(config_path)
        if explain:
            _explain(inputs, config)
            return
        out = _open_out(output)
        for path in inputs:
            for row in _read(path, read_jsonl):
                if "error" not in row:
                    row = clean_document(Document.from_dict(row), config.clean.fixes).to_dict()
                out.write(dumps_line(row))
        out.flush()

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
            from .extract.explain import explain_inputs

            for line in explain_inputs(inputs, _config(config_path)):
                click.echo(line)
            return
        from .document import Document
        from .emit import dumps_line, read_jsonl
        from .errors import PipelineError
        from .extract import extract_document
        from .validate import build_record, validate_record

        config = _config(config_path)
        out = _open_out(output)
        for path in inputs:
            for row in _read(path, read_jsonl):
                if "error" in row:
                    out.write(dumps_line(row))
                    continue
                doc = Document.from_dict(row)
                try:
                    extract_document(doc, **config.extract.model_dump())
                    out.write(dumps_line(validate_record(build_record(doc))))
                except PipelineError as exc:
                    out.write(dumps_line({"error": {"doc_id": doc.doc_id, "path": doc.path,
                                                    "stage": exc.stage, "error_type": type(exc).__name__,
                                                    "message": str(exc)}}))
        out.flush()


def _read(path, read_jsonl):
    try:
        yield from read_jsonl(path)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}; give a JSONL file written by the previous stage")


def _explain(inputs, config) -> None:
    from .clean import clean_document
    from .ingest import iter_sources, to_document

    for source in iter_sources(inputs):
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
