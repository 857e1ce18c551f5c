"""`bulletins bench`: throughput and memory against bare baselines. Filled in by the batch issue."""
from __future__ import annotations

import click


def register_bench_command(main: click.Group) -> None:
    return None
