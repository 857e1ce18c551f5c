"""bulletins: counts, places and activity types from Chinese local-government bulletins.

Notebook API::

    from pipeline import process
    record = process("开展宣讲活动936场")          # -> pipeline.models.Record
    record.counts[0].value                          # 936

Heavy modules (spaCy, jieba, pydantic models) are imported lazily so that
`bulletins --help` stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1.1"

__all__ = ["process", "__version__", "SCHEMA_VERSION"]


def process(text: str, doc_id: str = "text", config=None):
    """Run the whole pipeline on one string and return a validated `Record`.

    Raises `pipeline.errors.PipelineError` when the text cannot be processed.
    """
    from .core import process_text

    return process_text(text, doc_id=doc_id, config=config)
