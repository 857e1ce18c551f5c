"""`bulletins bench`: throughput and memory against bare baselines (see pipeline/bench.py)."""
from __future__ import annotations

import click


def register_bench_command(main: click.Group) -> None:
    @main.command()
    @click.option("-n", "--docs", "documents", type=click.IntRange(min=2), default=1000, show_default=True,
                  help="Synthetic bulletins in the batch runs (half English, half Chinese).")
    @click.option("--sample", type=click.IntRange(min=1), default=100, show_default=True,
                  help="Bulletins per language for the per-document rates and baselines.")
    @click.option("-w", "--workers", type=click.IntRange(min=2), default=2, show_default=True,
                  help="Workers for the parallel batch run (compared with one).")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    def bench(documents, sample, workers, as_json):
        """Measure docs/s, words/s and peak RSS against bare spaCy and jieba baselines.

        English ~1,000-word and Chinese ~800-character synthetic bulletins; the baselines
        (spacy.blank("en") tokenizer + sentencizer, jieba.lcut) run over the same texts in
        the same run. Run it twice with different --docs to check memory stays flat.

        \b
        Examples:
          bulletins bench
          bulletins bench --docs 10000 --sample 200 --json > bench-10k.json
        """
        import json

        from .bench import format_result, result_dict, run_bench

        result = run_bench(documents, sample, workers,
                           progress=(lambda m: None) if as_json else (lambda m: click.echo(m, err=True)))
        click.echo(json.dumps(result_dict(result), indent=2) if as_json else format_result(result))
