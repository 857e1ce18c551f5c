"""`bulletins bench`: throughput and memory against bare baselines on real text (pipeline/bench.py)."""
from __future__ import annotations

import click


def register_bench_command(main: click.Group) -> None:
    @main.command()
    @click.option("--texts", "texts_dir", type=click.Path(exists=True, file_okay=False), default=None,
                  help="Folder of real bulletins to stitch the benchmark documents from "
                       "(default: the repository's corpus/texts).")
    @click.option("--sample", type=click.IntRange(min=1), default=200, show_default=True,
                  help="Documents per language and round, in process.")
    @click.option("-n", "--docs", "documents", type=click.IntRange(min=1), default=500, show_default=True,
                  help="Documents per language and round, whole process.")
    @click.option("--rounds", type=click.IntRange(min=1), default=5, show_default=True,
                  help="Timed rounds after the warm-up; medians are reported.")
    @click.option("-w", "--workers", type=click.IntRange(min=2), default=2, show_default=True,
                  help="Workers for the parallel run (compared with one).")
    @click.option("--whole/--no-whole", "whole_process", default=True, show_default=True,
                  help="Also time whole processes (bulletins run against bare scripts).")
    @click.option("--json", "as_json", is_flag=True, help="Print the result, every round included, as JSON.")
    @click.option("--save", "save_path", type=click.Path(dir_okay=False), default=None,
                  help="Also write the result, every round included, as JSON to this file.")
    def bench(texts_dir, sample, documents, rounds, workers, whole_process, as_json, save_path):
        """Measure the pipeline against bare spaCy and jieba on real bulletins.

        The folder's bulletins are stitched into ~1,000-word English and ~800-character
        Chinese documents (real paragraphs, deterministic). In process, spacy.blank("en") +
        sentencizer (nlp.pipe), jieba.lcut and the pipeline are warmed up, then timed on
        the same fresh documents each round (CPU time). Whole process: `bulletins run
        --quiet` against bare scripts over the same files, 1 against W workers (wall time,
        peak RSS). Medians over the rounds, with min-max; ratios within each round.

        \b
        Examples:
          bulletins bench
          bulletins bench --texts ../shared/corpus/dev/texts --docs 1000
          bulletins bench --texts archive/ --no-whole --rounds 3 --json > bench.json
        """
        import json

        from .bench import format_result, result_dict, run_bench
        from .bench_texts import default_texts_dir

        if texts_dir is None:
            texts_dir = default_texts_dir()
            if not texts_dir.is_dir():
                raise click.ClickException(
                    f"no sample bulletins at {texts_dir} (an installed package has none): "
                    f"pass --texts DIR, a folder of real bulletins")
        progress = (lambda m: None) if as_json else (lambda m: click.echo(m, err=True))
        try:
            result = run_bench(texts_dir, sample, documents, rounds, workers, whole_process, progress)
        except (ValueError, RuntimeError) as exc:
            raise click.ClickException(str(exc)) from None
        data = json.dumps(result_dict(result), indent=2, ensure_ascii=False)
        if save_path:
            with open(save_path, "w", encoding="utf-8") as handle:
                handle.write(data + "\n")
        click.echo(data if as_json else format_result(result))
