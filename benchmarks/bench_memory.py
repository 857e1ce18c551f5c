"""Peak RSS of `bulletins run` as the number of inputs grows: is memory flat?

For each size N, writes N real-text bulletins (a folder's bulletins stitched to ~1,000 words
or ~800 characters, alternately English and Chinese; pipeline/bench_texts.py) in folders of
1,000, runs `bulletins run --force --workers W` on them in a fresh process, and reports the
largest process's peak RSS (wait4's ru_maxrss, workers included, as /usr/bin/time reports
it), its CPU seconds, and the documents per second. Rounds (--rounds) repeat each size.

    .venv/bin/python benchmarks/bench_memory.py [--texts DIR] [--sizes 1000,50000] [--workers 2]
                                                [--rounds 1] [--dir DIR]

DIR defaults to the repository's corpus/texts; the published figures use
../shared/corpus/dev/texts. 50k inputs take about ten minutes on 2 cores and ~300 MB of disk.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from pipeline.bench_process import RUN_CLI, timed_process
from pipeline.bench_texts import default_texts_dir, read_paragraphs, stitch


def write_inputs(bulletins: dict[str, list[list[str]]], folder: Path, count: int) -> None:
    """Inputs 0..count-1, alternately Chinese and English, in folders of 1,000."""
    languages = [lang for lang in ("zh", "en") if bulletins[lang]]
    for i in range(count):
        language = languages[i % len(languages)]
        path = folder / f"batch{i // 1000:04d}" / f"s{i:06d}.txt"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stitch(bulletins[language], language, i), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=default_texts_dir())
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="scratch folder (default: a temp one)")
    args = parser.parse_args()
    bulletins = read_paragraphs(args.texts).bulletins
    if not bulletins["en"] and not bulletins["zh"]:
        raise SystemExit(f"no readable bulletin in {args.texts}: pass --texts DIR")
    scratch = args.dir or Path(tempfile.mkdtemp(prefix="bench_memory_"))
    print(f"real text from {args.texts}; bulletins run --workers {args.workers}")
    print(f"{'inputs':>8} {'peak RSS MB':>12} {'CPU s':>8} {'docs/s':>8}")
    try:
        for size in (int(x) for x in args.sizes.split(",")):
            folder = scratch / f"n{size}"
            if not folder.exists():
                write_inputs(bulletins, folder, size)
            for _ in range(args.rounds):
                seconds, cpu, rss = timed_process([sys.executable, "-c", RUN_CLI, "run", str(folder),
                                                   "-o", str(scratch / f"out{size}.jsonl"), "-q", "--force",
                                                   "--workers", str(args.workers)])
                print(f"{size:>8} {rss:>12.1f} {cpu:>8.1f} {size / seconds:>8.1f}", flush=True)
    finally:
        if args.dir is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
