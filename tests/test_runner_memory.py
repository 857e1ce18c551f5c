"""Memory stays flat over long runs: the runner streams its inputs and the manifest keeps
nothing per input in memory (a tracemalloc peak, not a timing: deterministic)."""
from __future__ import annotations

import tracemalloc

from pipeline.config import load_config
from pipeline.core import warm_up
from pipeline.runner import run

EN = "Up to now, {n} preaching activities were carried out in Hongshan District.\n"


def _peak_bytes_of_a_run(folder, count, out):
    for i in range(count):          # folders of 100: a folder's listing is held while it is read
        path = folder / f"f{i // 100:03d}" / f"b{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(EN.format(n=i), encoding="utf-8")
    config = load_config()
    run([str(folder)], config, output=str(out))                 # a first run fills the manifest
    tracemalloc.start()
    try:
        again = run([str(folder)], config, output=str(out), force=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert again.records == count
    return peak


def test_peak_memory_does_not_grow_with_the_number_of_inputs(tmp_path):
    warm_up(load_config())
    small = _peak_bytes_of_a_run(tmp_path / "small", 100, tmp_path / "small.jsonl")
    large = _peak_bytes_of_a_run(tmp_path / "large", 1000, tmp_path / "large.jsonl")
    # Keeping ~1 KB per input (a list of sources, a manifest index) would add ~900 KB here.
    assert large - small < 150_000, f"peak grew by {large - small:,} bytes for 900 more inputs"
