"""Emit: JSON Lines, UTF-8, no ASCII escaping."""
from __future__ import annotations

import orjson


def dumps_line(record: dict) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


def dumps_pretty(record: dict) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def read_jsonl(path_or_stream):
    """Yield dicts from a JSONL file path (or '-' / a binary stream)."""
    import sys

    if path_or_stream == "-":
        stream = sys.stdin.buffer
    elif isinstance(path_or_stream, (str, bytes)) or hasattr(path_or_stream, "__fspath__"):
        stream = open(path_or_stream, "rb")
    else:
        stream = path_or_stream
    with stream:
        for n, line in enumerate(stream, 1):
            if line.strip():
                try:
                    yield orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    raise ValueError(f"line {n} is not JSON: {exc}") from None
