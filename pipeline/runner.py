"""The local engine: schedules `core.process_source` over inputs; knows nothing of stages."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable

from .config import Config
from .core import process_source
from .emit import dumps_line, dumps_pretty
from .ingest import iter_sources


@dataclass
class Summary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_rows: list[dict] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (f"{self.documents} documents: {self.records} records, {self.errors} errors "
                f"in {self.seconds:.2f}s ({self.docs_per_second:.1f} docs/s)")


def default_errors_path(output: str | None) -> Path | None:
    if not output or output == "-":
        return None
    out = Path(output)
    return out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")


def run(inputs: Iterable[str], config: Config, output: str | None = None,
        errors_path: str | None = None, pretty: bool = False) -> Summary:
    """Process every input; write records to `output` (stdout when None) and error rows
    to `errors_path` (beside the output by default, else stderr)."""
    summary = Summary()
    started = time.perf_counter()
    out_stream: IO[bytes]
    if output and output != "-":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        out_stream = open(output, "wb")
    else:
        out_stream = sys.stdout.buffer
    err_path = Path(errors_path) if errors_path else default_errors_path(output)
    err_stream = open(err_path, "wb") if err_path else None
    try:
        for source in iter_sources(inputs):
            summary.documents += 1
            record, error = process_source(source, config)
            if record is not None:
                summary.records += 1
                out_stream.write(dumps_pretty(record) if pretty else dumps_line(record))
            else:
                summary.errors += 1
                summary.error_rows.append(error)
                if err_stream:
                    err_stream.write(dumps_line(error))
    finally:
        out_stream.flush()
        if out_stream is not sys.stdout.buffer:
            out_stream.close()
        if err_stream:
            err_stream.close()
    summary.seconds = time.perf_counter() - started
    return summary
