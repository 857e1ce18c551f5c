"""Commands over finished records: `export` (tidy tables) and `report` (one HTML file).

Thin click wrappers: the work is in `pipeline.export` and `pipeline.report`.
"""
from __future__ import annotations

import click

ERRORS_OPTION = click.option(
    "--errors", "errors_path", default=None, type=click.Path(dir_okay=False),
    help="Error rows JSONL (default: RECORDS.errors.jsonl beside the records, when present).")


STORIES_OPTION = click.option(
    "--stories", "stories_path", default=None, type=click.Path(exists=True, dir_okay=False),
    help="Story ids from `bulletins stories` (for records made without `run --stories`).")


def register_output_commands(main: click.Group) -> None:
    main.add_command(export)
    main.add_command(report)


@click.command()
@click.argument("records", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="Table file format.")
@click.option("-o", "--output-dir", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the tables (made if missing; existing tables are replaced).")
@ERRORS_OPTION
@STORIES_OPTION
def export(records, fmt, out_dir, errors_path, stories_path):
    """Write tidy tables from RECORDS (the JSONL of `bulletins run`), keyed by doc_id:
    documents, counts, places, activities, mentions and errors.

    \b
    Example:
      bulletins run corpus/texts -o out/records.jsonl
      bulletins export out/records.jsonl --format parquet -o out/tables
      duckdb -c "select activity, sum(value) from 'out/tables/counts.parquet' group by 1"
    \b
    Example (CSV, no pyarrow needed):
      bulletins export out/records.jsonl --format csv -o out/csv
    """
    from .export import ExportError
    from .export import export as export_tables

    try:
        paths = export_tables(records, out_dir, fmt, errors_path, stories_path=stories_path)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write the tables into {out_dir}: {exc.strerror or exc}; "
                                   f"give -o a folder you can write to") from None
    for path in paths:
        click.echo(str(path))


@click.command()
@click.argument("records", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_path", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--title", default=None, help="Report heading (default: the records file name).")
@click.option("--top", default=25, show_default=True, type=click.IntRange(1, 1000),
              help="How many of the largest counts and places to list.")
@ERRORS_OPTION
@STORIES_OPTION
def report(records, out_path, title, top, errors_path, stories_path):
    """Write one self-contained HTML summary of RECORDS: totals by activity type and by
    place, the largest counts with their sentence and source file, the documents with
    errors or nothing extracted, and SVG charts. No network access is needed to view it.

    \b
    Example:
      bulletins run corpus/texts -o out/records.jsonl
      bulletins report out/records.jsonl -o out/report.html
      bulletins report out/records.jsonl -o report.html --top 50 --title "Hubei, 2021"
    """
    from pathlib import Path

    from .export import ExportError, iter_records, read_errors
    from .report import render_report
    from .stories.tables import canonical_copies, canonical_test, read_story_ids, with_story_ids

    try:
        errors = read_errors(records, errors_path)
        story_ids = read_story_ids(stories_path) if stories_path else None
        is_canonical = canonical_test(canonical_copies(with_story_ids(iter_records(records), story_ids)))
        html = render_report(with_story_ids(iter_records(records), story_ids), errors,
                             title=title or Path(records).name, top=top, is_canonical=is_canonical)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    out = Path(out_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write the report to {out}: {exc.strerror or exc}; "
                                   f"give -o a file path you can write to") from None
    click.echo(str(out))
