"""The local engine: in this process, or in N worker processes.

Workers are forked after the parent has loaded every model and dictionary (`warm_up`),
so they start at once and share those pages; each loads nothing again. They receive
small batches of sources (bytes already read by the parent, which also hashed them) and
return plain dicts — never spaCy objects, whose pickling costs more than the work.
A bounded window of batches in flight keeps memory flat however many inputs there are,
and results are yielded in submission order.
"""
from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from ..config import Config
from ..core import process_batch, process_source
from . import Job

BATCH_SIZE = 8          # documents per task: amortises inter-process overhead
WINDOW_PER_WORKER = 4   # batches in flight per worker: keeps workers busy, memory bounded

_worker_config: Config | None = None


def map_in_process(jobs: Iterable[Job], config: Config) -> Iterator[tuple[Job, dict | None, dict | None]]:
    for job in jobs:
        record, error = process_source(job.source, config)
        yield job, record, error


def _exit_with_parent() -> None:
    """A worker must not outlive its parent (kill -9 of the run leaves no orphan holding
    the terminal or the output pipes): on Linux ask the kernel, elsewhere poll."""
    import os
    import threading

    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        if libc.prctl(1, signal.SIGKILL) == 0 and os.getppid() == parent:    # PR_SET_PDEATHSIG
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init_worker(config: Config) -> None:
    global _worker_config
    _exit_with_parent()
    _worker_config = config
    # Ctrl-C reaches the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from ..core import warm_up

    warm_up(config)         # a no-op when forked from a warmed parent; loads all under spawn


def _work(sources) -> list[tuple[dict | None, dict | None]]:
    assert _worker_config is not None
    return process_batch(sources, _worker_config)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _crashed_rows(batch: list[Job]) -> list[tuple[dict | None, dict | None]]:
    return [(None, {"doc_id": job.source.name, "path": job.source.display_path, "stage": "worker",
                    "error_type": "WorkerCrashed",
                    "message": "the worker process died while processing this batch (killed, or out "
                               "of memory): re-run to retry it; lower --workers or [ingest] max_bytes "
                               "if it happens again"})
            for job in batch]


def map_in_workers(jobs: Iterable[Job], config: Config, workers: int,
                   batch_size: int = BATCH_SIZE) -> Iterator[tuple[Job, dict | None, dict | None]]:
    jobs = iter(jobs)
    # Forked workers share the parent's loaded models copy-on-write; moving them out of the
    # garbage collector's reach stops its passes from touching (and so copying) those pages.
    gc.freeze()
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                                   initargs=(config,))
    window: deque = deque()
    try:
        while True:
            while len(window) < workers * WINDOW_PER_WORKER:
                batch = list(islice(jobs, batch_size))
                if not batch:
                    break
                window.append((batch, executor.submit(_work, [job.source for job in batch])))
            if not window:
                break
            batch, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # This batch gets error rows; the batches in flight died with the pool
                # and are resubmitted to a fresh one.
                results = _crashed_rows(batch)
                executor.shutdown(wait=False, cancel_futures=True)
                executor = ProcessPoolExecutor(workers, mp_context=_context(),
                                               initializer=_init_worker, initargs=(config,))
                window = deque((b, executor.submit(_work, [j.source for j in b])) for b, _ in window)
            for job, (record, error) in zip(batch, results):
                yield job, record, error
    except BaseException:
        _kill(executor)
        raise
    else:
        executor.shutdown(wait=True)


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop at once (interrupt or error): cancel queued work and end the workers."""
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def map_jobs(jobs: Iterable[Job], config: Config, workers: int = 1):
    if workers <= 1:
        return map_in_process(jobs, config)
    return map_in_workers(jobs, config, workers)
