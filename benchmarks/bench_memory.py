"""Peak RSS of `bulletins run` as the number of inputs grows: is memory flat?

Writes N synthetic bulletins (half English, half Chinese) for each N into a scratch folder,
runs the CLI on them in a fresh process with --workers W, and reports the largest process's
peak RSS (wait4's ru_maxrss, as /usr/bin/time reports it) and the documents per second.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1000,50000] [--workers 2] [--dir DIR]

50k inputs take about five minutes on 2 cores and ~300 MB of disk.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.bench import synthetic_bulletin

RUN_CLI = "import sys; from pipeline.cli import main; main(sys.argv[1:], prog_name='bulletins')"


def write_inputs(folder: Path, count: int) -> None:
    """Bulletins 0..count-1, in folders of 1,000 as an archive would hold them."""
    for i in range(count):
        path = folder / f"batch{i // 1000:04d}" / f"s{i:06d}.txt"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic_bulletin(i, "en" if i % 2 else "zh"), encoding="utf-8")


def measure(folder: Path, output: Path, workers: int) -> tuple[float, float]:
    """(peak RSS in MB of the largest process, docs/s) of one `bulletins run`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUN_CLI, "run", str(folder),
                             "-o", str(output), "-q", "--force", "--workers", str(workers)])
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bulletins run failed on {folder}")
    return usage.ru_maxrss / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None, help="scratch folder (default: a temp one)")
    args = parser.parse_args()
    scratch = args.dir or Path(tempfile.mkdtemp(prefix="bench_memory_"))
    print(f"{'inputs':>8} {'peak RSS MB':>12} {'docs/s':>8}")
    try:
        for size in (int(x) for x in args.sizes.split(",")):
            folder = scratch / f"n{size}"
            if not folder.exists():
                write_inputs(folder, size)
            rss, seconds = measure(folder, scratch / f"out{size}.jsonl", args.workers)
            print(f"{size:>8} {rss:>12.1f} {size / seconds:>8.1f}", flush=True)
    finally:
        if args.dir is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
