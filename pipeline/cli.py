"""The `bulletins` command line: thin click commands over library functions.

Heavy modules are imported inside the commands so that `bulletins --help` stays fast.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

CONFIG_OPTION = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), default=None,
    help="TOML config (default: configs/default.toml); unknown keys are rejected.")


class BadCommandLine(click.ClickException):
    """Exit code 2: a bad command line, config or data file; nothing was written."""
    exit_code = 2


ConfigUsageError = BadCommandLine       # the earlier name


def _config_or_exit(path):
    from .config import load_config
    from .errors import ConfigError

    try:
        return load_config(path)
    except ConfigError as exc:
        raise BadCommandLine(str(exc)) from None


def check_inputs_or_exit(inputs) -> None:
    """Named inputs must exist (checked before anything is written)."""
    from .runner import InputsError, check_inputs

    try:
        check_inputs(inputs)
    except InputsError as exc:
        raise BadCommandLine(str(exc)) from None


def nothing_found_message(inputs) -> str:
    from .ingest import TEXT_SUFFIXES

    return (f"nothing to do: no bulletin file in {', '.join(inputs)} (folders are read for "
            f"{', '.join(sorted(TEXT_SUFFIXES))} files and files without a suffix)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulletins")
def main():
    """Extract counts, places and activity types from Chinese local-government
    bulletins (machine-translated English or Chinese) into JSON records.

    \b
    Examples:
      bulletins run corpus/ -o out/records.jsonl
      bulletins run 'archive/**/*.txt' -o out/records.jsonl --config configs/default.toml
      cat bulletin.txt | bulletins run - --pretty
      bulletins evaluate --gold ../shared/corpus/dev/gold ../shared/corpus/dev/texts
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=None,
              help="Output JSONL (default: standard output). A manifest beside it "
                   "(OUT.manifest.sqlite) makes re-runs do only new or changed inputs.")
@click.option("--errors", "errors_path", default=None,
              help="Error rows JSONL (default: OUT.errors.jsonl beside the output, else stderr).")
@click.option("--force", is_flag=True, help="Start the output afresh and process every input again.")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (each loads the models once).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine; ray: Ray Data on RAY_ADDRESS, else a local Ray cluster "
                   "(pip install 'bulletins[ray]').")
@click.option("--pretty", is_flag=True, help="Indented JSON (for a single document).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@click.option("--stories", is_flag=True,
              help="Group copies of one bulletin into stories: records carry `story_id` (index "
                   "beside the output: OUT.stories.sqlite; see `bulletins stories`).")
@CONFIG_OPTION
def run(inputs, output, errors_path, force, workers, engine, pretty, quiet, stories, config_path):
    """Run the whole pipeline over INPUTS (files, folders, globs, or - for stdin).

    Every input yields one record or one error row; exit code 1 when any input has an
    error row, 2 for a bad command line or config, 130 when interrupted. Re-running the
    same command continues an interrupted run and skips inputs already done.

    \b
    Examples:
      bulletins run corpus/ -o out/records.jsonl
      bulletins run archive/ -o out/records.jsonl --workers 2
      bulletins run bulletin.txt --pretty
      bulletins run 'scraped/*.txt' -o out.jsonl --errors out.bad.jsonl
      RAY_ADDRESS=ray://head:10001 bulletins run archive/ -o out.jsonl --engine ray
      bulletins run archive/ -o out/records.jsonl --stories
    """
    from .emit import dumps_line
    from .errors import ConfigError
    from .manifest import ManifestError
    from .runner import run as run_batch
    from .stories.index import StoryIndexError

    if stories and engine == "ray":
        raise click.UsageError("--stories runs with the local engine: drop --engine ray, or group "
                               "the records afterwards with `bulletins stories`")
    config = _config_or_exit(config_path)
    check_inputs_or_exit(inputs)
    if engine == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            raise BadCommandLine("the ray engine needs Ray: pip install 'bulletins[ray]' "
                                 "(or run with --engine local)")
    if errors_path and Path(errors_path).is_dir():
        raise BadCommandLine(f"--errors {errors_path} is a folder: name a file, such as "
                             f"{Path(errors_path) / 'errors.jsonl'}")
    # Models load only once an input needs work; a missing data file then stops the run
    # (ConfigError, exit 2) before anything is written.
    try:
        summary = run_batch(inputs, config, output=output, errors_path=errors_path, pretty=pretty,
                            force=force, workers=workers, engine=engine,
                            progress=False if quiet else None, stories=stories)
    except (ManifestError, ConfigError, StoryIndexError) as exc:
        raise BadCommandLine(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(
            f"cannot write the output ({exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}): "
            f"free some space or fix the permissions, then run the same command again to continue") from None
    if summary.nothing_found:
        click.echo(f"warning: {nothing_found_message(inputs)}", err=True)
    to_file = bool(output) and output != "-"
    if not to_file and not errors_path:
        for row in summary.error_rows:
            sys.stderr.buffer.write(dumps_line(row))
        sys.stderr.buffer.flush()
    if not quiet:
        click.echo(summary.line(), err=True)
        for row in summary.error_rows[:10]:
            click.echo(f"  error: {row['path'] or row['doc_id']}: [{row['stage']}] {row['message']}", err=True)
    if summary.interrupted:
        if quiet:
            click.echo(summary.line(), err=True)
        sys.exit(130)
    sys.exit(1 if summary.failed else 0)


@main.command()
def schema():
    """Print the record's JSON Schema.

    \b
    Example:
      bulletins schema > record.schema.json
    """
    import json

    from .models import record_json_schema

    click.echo(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold JSON files.")
@click.option("--pred", "pred_path", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Score an existing records JSONL instead of running the pipeline.")
@click.option("--only", default="", metavar="PREFIX", help="Score only gold files starting so (en_, zh_).")
@click.option("--show-errors", is_flag=True, help="List every miss and spurious item.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--rules", "rules", is_flag=True,
              help="Per extraction rule: how often it fired on INPUTS and how often it was right.")
@click.argument("inputs", nargs=-1)
@CONFIG_OPTION
def evaluate(gold_dir, pred_path, only, show_errors, as_json, rules, inputs, config_path):
    """Run the pipeline on INPUTS and print precision/recall/F1 against --gold.

    Uses the same matching rules as ../shared/bin/score, plus per-type activity scores.

    \b
    Examples:
      bulletins evaluate --gold ../shared/corpus/dev/gold ../shared/corpus/dev/texts
      bulletins evaluate --gold corpus/gold corpus/texts --only zh_ --show-errors
      bulletins evaluate --gold corpus/gold --pred out/records.jsonl
      bulletins evaluate --gold corpus/gold corpus/texts --rules
    """
    import json

    from .emit import read_jsonl
    from .evaluate import format_result, score
    from .runner import run as run_batch

    if rules:
        if not inputs:
            raise click.UsageError("--rules runs the extractors: give INPUTS (the bulletins of --gold)")
        from .extract.explain import rules_on_gold

        try:
            click.echo(rules_on_gold(gold_dir, inputs, _config_or_exit(config_path), prefix=only))
        except FileNotFoundError as exc:
            raise click.ClickException(f"{exc}: check --gold and --only") from None
        return
    if pred_path:
        try:
            records = {str(r.get("doc_id")): r for r in read_jsonl(pred_path)}
        except (ValueError, AttributeError) as exc:
            raise click.ClickException(f"{pred_path}: {exc}; give --pred the records JSONL "
                                       f"written by `bulletins run`") from None
    elif inputs:
        import os
        import tempfile

        config = _config_or_exit(config_path)
        check_inputs_or_exit(inputs)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "records.jsonl")
            run_batch(inputs, config, output=out, errors_path=os.path.join(tmp, "errors.jsonl"))
            records = {str(r.get("doc_id")): r for r in read_jsonl(out)}
    else:
        raise click.UsageError("give INPUTS to run the pipeline on, or --pred RECORDS.jsonl")
    try:
        result = score(gold_dir, records, prefix=only)
    except FileNotFoundError as exc:
        raise click.ClickException(f"{exc}: check --gold and --only") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise click.ClickException(f"cannot score against {gold_dir} ({type(exc).__name__}: {exc}): "
                                   f"give --gold a folder of gold JSON files") from None
    if as_json:
        if not show_errors:
            result.pop("errors")
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_result(result, show_errors))


from .bench_cli import register_bench_command  # noqa: E402
from .outputs_cli import register_output_commands  # noqa: E402
from .stages_cli import register_stage_commands  # noqa: E402
from .stories.cli import register_stories_command  # noqa: E402

register_stage_commands(main)
register_output_commands(main)
register_bench_command(main)
register_stories_command(main)
