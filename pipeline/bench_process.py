"""Whole-process timings for `bulletins bench`: what a user waits for, start-up included.

The stitched documents are written to a temporary folder (en/, zh/); each round runs, in
alternating order, `bulletins run --quiet --force` per language and over both with W
workers, a bare spaCy script and a bare jieba script over the same files, and each of them
on a single document (start-up). Wall time around the child process, and its CPU time
and peak RSS from wait4 (workers included; ru_maxrss is the largest process's, as
/usr/bin/time reports it). On a shared machine the CPU-time ratios are the steadier ones.
Then `runner.run` over both folders with 1 and W workers inside this process, whose models
are loaded: worker scaling without start-up.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench import BenchResult, Series
from .bench_texts import SIZE_UNIT, Paragraphs, write_stitched

RUN_CLI = "import sys; from pipeline.cli import main; main(sys.argv[1:], prog_name='bulletins')"

_READ_FILES = """
import os, sys
def texts(folders):
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    yield handle.read()
"""
BARE_SPACY = _READ_FILES + """
import spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
for doc in nlp.pipe(texts(sys.argv[1:])):
    pass
"""
BARE_JIEBA = _READ_FILES + """
import logging
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
for text in texts(sys.argv[1:]):
    jieba.lcut(text)
"""


# Children are started from this small launcher, not from the bench process: a child forked
# from a big process inherits its peak RSS (Linux keeps the pre-exec high-water mark).
LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - started,
      usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def timed_process(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of one command, its workers included."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], check=True, capture_output=True,
                         text=True).stdout.split()
    code, seconds, cpu, max_rss_kib = int(out[0]), float(out[1]), float(out[2]), int(out[3])
    if code != 0:
        raise RuntimeError(f"benchmark command failed with exit code {code}: {' '.join(argv[:1] + argv[3:])}")
    return seconds, cpu, max_rss_kib / 1024


def _cpu_so_far() -> float:
    """CPU seconds of this process and its reaped children (the workers of finished runs)."""
    import resource

    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def batch_seconds(inputs: list[Path], output: Path, workers: int) -> tuple[float, float]:
    """(wall, CPU seconds) of `runner.run` in this process (models already loaded, as the CLI
    after its warm-up): throughput without start-up."""
    from .config import load_config
    from .runner import run

    started, cpu = time.perf_counter(), _cpu_so_far()
    summary = run([str(p) for p in inputs], load_config(), output=str(output), force=True, workers=workers)
    seconds, cpu = time.perf_counter() - started, _cpu_so_far() - cpu
    if summary.errors:
        raise RuntimeError(f"benchmark batch run had {summary.errors} error rows: {summary.error_rows[:1]}")
    return seconds, cpu


def whole_process_rounds(paragraphs: Paragraphs, languages: list[str], documents: int, rounds: int,
                         workers: int, result: BenchResult, progress) -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bulletins-bench-") as tmp:
        root = Path(tmp)
        progress(f"whole process: writing {documents} documents per language to {root} ...")
        sizes, folders = {}, {}
        for language in languages:
            folders[language] = root / language
            sizes[language] = write_stitched(paragraphs, language, documents, folders[language])
        ones = {}
        for language in languages:
            ones[language] = root / f"one_{language}"
            write_stitched(paragraphs, language, 1, ones[language])

        def run(inputs, out, *extra):
            return [python, "-c", RUN_CLI, "run", *map(str, inputs), "-o", str(root / out),
                    "-q", "--force", *extra]

        bare = {"en": ("bare_spacy_en", "bare spaCy script (en): blank + sentencizer, pipe", BARE_SPACY),
                "zh": ("bare_jieba_zh", "bare jieba script (zh): jieba.lcut", BARE_JIEBA)}
        # (key, label, argv, documents, size, unit)
        commands = []
        for language in languages:
            key, label, script = bare[language]
            folder, size, unit = folders[language], sizes[language], SIZE_UNIT[language]
            commands.append((key, label, [python, "-c", script, str(folder)], documents, size, unit))
            commands.append((f"run_{language}", f"bulletins run --quiet ({language})",
                             run([folder], f"{language}.jsonl"), documents, size, unit))
        both = [folders[lang] for lang in languages]
        total = documents * len(languages)
        mixed_size = sum(sizes.values())
        mixed_unit = "+".join(SIZE_UNIT[lang] for lang in languages)
        commands.append((f"run_workers_{workers}", f"bulletins run --workers {workers} ({'+'.join(languages)})",
                         run(both, "workers.jsonl", "--workers", str(workers)), total, mixed_size, mixed_unit))
        commands.append(("startup_run", f"start-up: bulletins run, one document ({languages[0]})",
                         run([ones[languages[0]]], "one.jsonl"), 1, 1, "documents"))
        for language in languages:
            key, label, script = bare[language]
            commands.append((f"startup_{key}", f"start-up: {label.split(':')[0]}, one document",
                             [python, "-c", script, str(ones[language])], 1, 1, "documents"))

        progress("whole process: one untimed run of each command ...")
        for command in commands:
            timed_process(command[2])
        for r in range(rounds):
            progress(f"whole process: round {r + 1}/{rounds} ...")
            order = commands if r % 2 == 0 else commands[::-1]
            for key, label, argv, docs, size, unit in order:
                seconds, cpu, rss = timed_process(argv)
                series = result.whole_process.setdefault(key, Series(label, docs, size, unit))
                series.seconds.append(seconds)
                series.cpu_seconds.append(cpu)
                series.peak_rss_mb.append(round(rss, 1))
            for n in ((1, workers) if r % 2 == 0 else (workers, 1)):
                series = result.batch.setdefault(f"batch_workers_{n}", Series(
                    f"runner.run --workers {n} ({'+'.join(languages)})", total, mixed_size, mixed_unit))
                seconds, cpu = batch_seconds(both, root / f"batch{n}.jsonl", n)
                series.seconds.append(seconds)
                series.cpu_seconds.append(cpu)

    table = result.whole_process
    for language in languages:
        key, label, _ = bare[language]
        ratio_key = f"whole_process_run_{language}_vs_{key}"
        result.ratios[ratio_key] = [b / o for b, o in zip(table[key].seconds, table[f"run_{language}"].seconds)]
        result.ratio_labels[ratio_key] = f"{language}: bulletins run / {label.split(':')[0]}, whole process"
        # CPU time of the same runs: what the wall-time ratio is on an idle machine
        ratio_key += "_cpu"
        result.ratios[ratio_key] = [b / o for b, o in zip(table[key].cpu_seconds,
                                                          table[f"run_{language}"].cpu_seconds)]
        result.ratio_labels[ratio_key] = f"{language}: the same, CPU time (steady on a busy machine)"
    ratio_key = f"batch_workers_{workers}_vs_1"
    result.ratios[ratio_key] = [one / many for one, many in zip(result.batch["batch_workers_1"].seconds,
                                                                result.batch[f"batch_workers_{workers}"].seconds)]
    result.ratio_labels[ratio_key] = f"{workers} workers / 1 worker, batch in a warmed process"
    # W cores can do at most W times one worker's CPU seconds per second: W * C1 / C_W bounds
    # the speed-up an idle machine gives, whatever else runs on this one.
    ratio_key += "_cpu_bound"
    cores = min(workers, os.cpu_count() or workers)
    result.ratios[ratio_key] = [cores * one / many for one, many in zip(
        result.batch["batch_workers_1"].cpu_seconds, result.batch[f"batch_workers_{workers}"].cpu_seconds)]
    result.ratio_labels[ratio_key] = (f"the same on an idle machine, at most ({cores} x CPU s of 1 worker / "
                                      f"CPU s of {workers})")
