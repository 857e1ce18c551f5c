"""The batch runner: expands inputs, skips what the manifest says is done, hands the rest to
an engine (in-process, worker processes, or Ray) and commits every result as it arrives.

It knows nothing of stages: engines call `core.process_source`. Every input ends as one
record or one error row; an interrupted run (Ctrl-C, SIGTERM, kill -9) is continued by
running the same command again.
"""
from __future__ import annotations

import glob
import hashlib
import os
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Iterable, Iterator

from .config import Config
from .emit import dumps_line, dumps_pretty
from .engines import Job
from .ingest import SkippedFiles, Source, count_sources, iter_sources
from .manifest import Manifest, input_key, manifest_path

MAX_ERROR_ROWS_KEPT = 1000      # for the summary on stderr; the errors file has them all


class InputsError(ValueError):
    """An input named on the command line does not exist: nothing was run or written."""


def check_inputs(inputs: Iterable[str]) -> None:
    """Raise InputsError when a named path does not exist or a pattern matches nothing.
    (A folder with no bulletin file in it is not an error: the run says it had nothing to do.)"""
    problems = []
    for item in inputs:
        if item == "-" or os.path.lexists(item):
            continue
        if glob.has_magic(item):
            if next(glob.iglob(item, recursive=True), None) is None:
                problems.append(f"the pattern {item!r} matched no file: check the pattern "
                                f"(and quote it, so the shell does not expand it)")
        else:
            problems.append(f"no such file or folder: {item}: check the path")
    if problems:
        raise InputsError("; ".join(problems) + "; nothing was written")


@dataclass
class Summary:
    documents: int = 0          # inputs seen in this run
    records: int = 0            # records written in this run
    errors: int = 0             # error rows written in this run
    unchanged: int = 0          # inputs already done by an earlier run (same content and config)
    unchanged_errors: int = 0   # ... of which the earlier result was an error row
    removed: int = 0            # earlier results of inputs this run did not name, dropped
    seconds: float = 0.0
    interrupted: bool = False
    skipped_files: SkippedFiles = field(default_factory=SkippedFiles)
    error_rows: list[dict] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.records + self.errors

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def failed(self) -> bool:
        """Whether the output has an error row for any of this run's inputs."""
        return bool(self.errors or self.unchanged_errors)

    @property
    def nothing_found(self) -> bool:
        """The inputs held no bulletin file at all (an empty folder, say)."""
        return self.documents == 0 and not self.interrupted

    def line(self) -> str:
        text = (f"{self.documents} documents: {self.records} records, {self.errors} errors "
                f"in {self.seconds:.2f}s ({self.docs_per_second:.1f} docs/s)")
        if self.unchanged:
            text += (f"; {self.unchanged} unchanged since the last run, skipped "
                     f"({self.unchanged_errors} of them with error rows; --force redoes them)")
        if self.removed:
            text += (f"; {self.removed} earlier results removed: their inputs are no longer "
                     f"among this run's (deleted, renamed or not given)")
        if self.skipped_files.count:
            suffixes = sorted(self.skipped_files.suffixes)
            text += (f"; {self.skipped_files.count} files in folders left out for their suffix "
                     f"({', '.join(suffixes)}): name them explicitly to process them")
        if self.interrupted:
            text += "; INTERRUPTED: run the same command again to continue"
        return text


def default_errors_path(output: str | None) -> Path | None:
    if not output or output == "-":
        return None
    out = Path(output)
    return out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C: commit nothing half-done, close files cleanly."""
    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:          # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _plan(sources: Iterable[Source], config: Config, manifest: Manifest | None,
          summary: Summary) -> Iterator[Job]:
    """Read and hash each input; yield a Job for each one not already done."""
    max_bytes = config.ingest.max_bytes
    digest = config.digest()
    for source in sources:
        summary.documents += 1
        job = Job(source=source)
        done = None
        if manifest is not None:
            manifest.note_input(source.identity)
            done = manifest.lookup(source.identity)
        if source.error is None and source.data is None and source.path is not None:
            try:
                st = os.stat(source.path)
                job.size, job.mtime_ns = st.st_size, st.st_mtime_ns
                if done and done.sha256 and (done.size, done.mtime_ns) == (job.size, job.mtime_ns):
                    job.sha256 = done.sha256    # unchanged file: no need to read and hash it
            except OSError:
                pass        # reading it below gives the error row
        if job.sha256 is None:
            source.load(max_bytes)
            if source.data is not None:
                job.sha256 = hashlib.sha256(source.data).hexdigest()
        if job.sha256 is not None:
            job.key = input_key(job.sha256, digest)
        if done is not None and job.key is not None and done.key == job.key:
            summary.unchanged += 1
            if done.kind == "error":
                summary.unchanged_errors += 1
            source.data = None
            continue
        source.load(max_bytes)  # a stat-cache hit whose key changed (new config) still needs bytes
        yield job


def _heap_trimmer():
    """glibc keeps memory freed by the parent's reads, hashes and pickles in its arenas, and
    fragmentation makes a long run's RSS creep (~1 KB a document over 50k). Handing free pages
    back now and then keeps it flat. A no-op where there is no glibc."""
    try:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)


TRIM_EVERY = 1000       # results between heap trims (a trim costs about a millisecond)


def _engine_results(jobs: Iterator[Job], config: Config, engine: str, workers: int):
    if engine == "ray":
        from .engines.ray_engine import map_jobs as ray_map

        return ray_map(jobs, config, workers=workers)
    from .engines.local import map_jobs

    return map_jobs(jobs, config, workers=workers)


def _progress(inputs: list[str], show: bool | None):
    from tqdm import tqdm

    if show is None:
        show = sys.stderr.isatty()
    # The total costs a second walk of the folders (names only), so only when it is shown.
    total = count_sources(inputs) if show else None
    tqdm.monitor_interval = 0       # no monitor thread: worker processes are forked
    return tqdm(total=total, disable=not show, unit="doc", dynamic_ncols=True, leave=False,
                file=sys.stderr)


def _warm_up_or_undo(config: Config, manifest: Manifest | None, created: list[Path]) -> None:
    """Load every model and data file now that there is work (a run with nothing to do loads
    nothing). A missing data file fails every input, so it stops the run as a ConfigError
    before any result is written, and the files this run created are removed again."""
    from .core import warm_up
    from .errors import ConfigError

    try:
        warm_up(config)
    except ConfigError:
        if manifest is not None:
            manifest.close()
        for path in created:
            for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                stale.unlink(missing_ok=True)
        raise


def _run_ray_to_files(sources: Iterable[Source], config: Config, output: str, workers: int,
                      summary: Summary, started: float) -> Summary:
    """Ray reads, processes and writes on the cluster; each row has a `record` or an
    `error` (JSON strings). No manifest: the whole input is processed."""
    from .engines.ray_engine import run_to_dataset_files

    paths = [s.path for s in sources if s.path is not None and s.error is None]
    summary.documents = len(paths)
    summary.records = run_to_dataset_files(paths, config, output.rstrip("/"), workers)
    summary.seconds = time.perf_counter() - started
    return summary


def _open_stories(output: str | None, force: bool, manifest: Manifest | None):
    from .stories.run_hook import RunStories

    has_entries = manifest is not None and next(manifest.entries(), None) is not None
    return RunStories(output, force, has_entries)


def run(inputs: Iterable[str], config: Config, output: str | None = None,
        errors_path: str | None = None, pretty: bool = False, force: bool = False,
        workers: int = 1, engine: str = "local", progress: bool | None = False,
        stories: bool = False) -> Summary:
    """Process every input; write records to `output` (stdout when None) and error rows to
    `errors_path` (beside the output by default, else kept in the summary for stderr).

    With an output file, a manifest beside it makes the run incremental and resumable.
    `progress`: True/False, or None to show a bar only when stderr is a terminal.
    `stories`: give each record its `story_id` (pipeline/stories; index beside the manifest)."""
    summary = Summary()
    started = time.perf_counter()
    inputs = list(inputs)
    check_inputs(inputs)
    sources = iter_sources(inputs, summary.skipped_files)  # lazily: memory stays flat
    if engine == "ray" and output and (output.endswith(".parquet") or output.endswith("/")):
        return _run_ray_to_files(sources, config, output, workers, summary, started)
    to_file = bool(output) and output != "-"
    manifest: Manifest | None = None
    out_stream: IO[bytes] | None = None
    err_stream: IO[bytes] | None = None
    if to_file:
        err_path = Path(errors_path) if errors_path else default_errors_path(output)
        assert err_path is not None
        trio = [Path(output), err_path, manifest_path(Path(output))]
        created = [p for p in trio if not p.exists()]
        manifest = Manifest(Path(output), err_path, force=force)
        manifest.begin_run()
    else:
        out_stream = sys.stdout.buffer
        created = [Path(errors_path)] if errors_path and not Path(errors_path).exists() else []
        err_stream = open(errors_path, "ab") if errors_path else None
    try:
        story_run = _open_stories(output, force, manifest) if stories else None
    except Exception:
        if manifest is not None:
            manifest.close()
        raise
    bar = _progress(inputs, progress)
    dump = dumps_pretty if pretty else dumps_line
    completed = False
    trim_heap = _heap_trimmer()
    try:
        with _sigterm_as_interrupt():
            jobs = _plan(sources, config, manifest, summary)
            first = next(jobs, None)        # unchanged inputs are skipped while planning
            if first is not None:           # work to do: only now load models and engines
                _warm_up_or_undo(config, manifest, created)
                results = _engine_results(chain([first], jobs), config, engine, workers)
            else:
                results = iter(())
            for job, record, error in results:
                if story_run is not None and record is not None:
                    record = story_run.annotate(record)
                record_line = dump(record) if record is not None else None
                error_line = dumps_line(error) if error is not None else None
                if manifest is not None:
                    manifest.commit(job.source.identity, None if error and error["stage"] == "worker"
                                    else job.key, record_line, error_line,
                                    size=job.size, mtime_ns=job.mtime_ns, sha256=job.sha256)
                else:
                    if record_line is not None:
                        out_stream.write(record_line)
                    if error_line is not None and err_stream is not None:
                        err_stream.write(error_line)
                if record is not None:
                    summary.records += 1
                else:
                    summary.errors += 1
                    if len(summary.error_rows) < MAX_ERROR_ROWS_KEPT:
                        summary.error_rows.append(error)
                job.source.data = None          # keep memory flat over long runs
                if summary.processed % TRIM_EVERY == 0:
                    trim_heap()
                bar.n = summary.processed + summary.unchanged
                bar.update(0)
        completed = True
    except KeyboardInterrupt:
        summary.interrupted = True
        if manifest is not None:
            manifest.rollback_uncommitted()
    finally:
        bar.close()
        if story_run is not None:
            story_run.close()
        if manifest is not None:
            # drop superseded lines and those of inputs not in this run; restore input order
            manifest.close(compact=completed)
            summary.removed = manifest.pruned_records + manifest.pruned_errors
        if out_stream is not None:
            out_stream.flush()
        if err_stream is not None:
            err_stream.close()
    summary.seconds = time.perf_counter() - started
    return summary
