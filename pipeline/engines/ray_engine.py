"""The Ray engine: the same `core.process_source` on Ray Data, for when one machine is not enough.

    RAY_ADDRESS=ray://head:10001 bulletins run archive/ -o out.jsonl --engine ray

Connects to the cluster named by RAY_ADDRESS, else starts a local one. Two ways to write:

* `map_jobs` (used by `bulletins run -o OUT.jsonl --engine ray`): the driver plans the jobs
  (manifest, hashing) exactly as the local engine does, Ray Data runs `map_batches` over
  them, and results stream back in input order to the driver, which commits them through
  the manifest — so runs stay incremental and resumable.
* `run_to_dataset_files` (`-o DIR.parquet` or `-o DIR/`): Ray reads the files on the
  cluster (`read_binary_files`), maps, and writes Parquet or JSONL shards from the workers;
  nothing passes through the driver. No manifest: every run processes everything.

Records are stored as JSON strings in the dataset so nested, optional fields survive Arrow.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

import orjson

from ..config import Config
from . import Job

BATCH_SIZE = 16         # documents per map_batches call
WINDOW = 256            # jobs handed to Ray at a time: bounds driver memory on huge archives


def _require_ray():
    try:
        import ray
    except ImportError:
        raise RuntimeError("the ray engine needs Ray: pip install 'bulletins[ray]' "
                           "(or use --engine local)") from None
    return ray


def init_ray(num_cpus: int | None = None):
    """Connect to RAY_ADDRESS when set, else start (or reuse) a local cluster."""
    ray = _require_ray()
    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS") or None
        kwargs = {"address": address, "include_dashboard": False, "log_to_driver": False,
                  "ignore_reinit_error": True, "configure_logging": False}
        if address is None and num_cpus:
            kwargs["num_cpus"] = num_cpus
        ray.init(**kwargs)
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True     # output order = input order
    ctx.enable_progress_bars = False
    import logging

    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ray


class _ProcessBatch:
    """A Ray actor-less callable: the config travels once; models load once per worker
    process (lru_cached module state), on the first batch."""

    def __init__(self, config_json: str):
        from ..config import Config

        self.config = Config.model_validate_json(config_json)

    def __call__(self, batch: dict) -> dict:
        from ..core import process_source
        from ..ingest import Source

        records, errors = [], []
        for name, path, data, error in zip(batch["name"], batch["path"], batch["data"], batch["error"]):
            source = Source(name=name, path=path or None, data=None if error else bytes(data),
                            error=error or None)
            record, row = process_source(source, self.config)
            records.append(orjson.dumps(record).decode() if record is not None else "")
            errors.append(orjson.dumps(row).decode() if row is not None else "")
        return {"record": records, "error": errors}


def _process_fn(config: Config):
    config_json = config.model_dump_json()
    state: dict = {}

    def process(batch: dict) -> dict:
        worker = state.get("worker")
        if worker is None:
            worker = state["worker"] = _ProcessBatch(config_json)
        return worker(batch)

    return process


def map_jobs(jobs: Iterable[Job], config: Config, workers: int = 1
             ) -> Iterator[tuple[Job, dict | None, dict | None]]:
    ray = init_ray(num_cpus=workers if workers > 1 else None)
    import ray.data

    process = _process_fn(config)
    jobs = iter(jobs)
    while True:
        window = [job for _, job in zip(range(WINDOW), jobs)]
        if not window:
            return
        items = [{"name": j.source.name, "path": j.source.path or "",
                  "data": j.source.data or b"", "error": j.source.error or ""} for j in window]
        dataset = ray.data.from_items(items).map_batches(process, batch_size=BATCH_SIZE,
                                                         batch_format="numpy")
        for job, row in zip(window, dataset.iter_rows()):
            record = orjson.loads(row["record"]) if row["record"] else None
            error = orjson.loads(row["error"]) if row["error"] else None
            yield job, record, error


def run_to_dataset_files(paths: list[str], config: Config, output: str, workers: int = 1) -> int:
    """Read `paths` on the cluster, process, and write Parquet (output ends in .parquet) or
    JSONL shards into the folder `output`. Returns the number of rows written."""
    ray = init_ray(num_cpus=workers if workers > 1 else None)
    import ray.data

    process = _process_fn(config)

    def to_sources(batch: dict) -> dict:
        names = [os.path.splitext(os.path.basename(p))[0] for p in batch["path"]]
        return {"name": names, "path": list(batch["path"]), "data": list(batch["bytes"]),
                "error": [""] * len(names)}

    dataset = (ray.data.read_binary_files(paths, include_paths=True)
               .map_batches(to_sources, batch_size=BATCH_SIZE, batch_format="numpy")
               .map_batches(process, batch_size=BATCH_SIZE, batch_format="numpy"))
    dataset = dataset.materialize()     # spills to disk when large; lets us count once
    if output.endswith(".parquet"):
        dataset.write_parquet(output)
    else:
        dataset.write_json(output)
    return dataset.count()
