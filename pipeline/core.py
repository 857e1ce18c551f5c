"""The stage functions in order, and one-document entry points used by every engine.

Engines (the local runner, worker processes, Ray) call `process_source`, which never
raises for bad input: it returns a record or an error row, both plain dicts. Only a
broken configuration (a missing data file) raises, because it would fail every document.
"""
from __future__ import annotations

import hashlib

from .clean import clean_document
from .config import Config, load_config
from .document import Document
from .errors import ConfigError, PipelineError
from .extract import extract_document
from .ingest import Source, to_document
from .nlp import memory_zone
from .validate import build_record, validate_record

STAGES = ("ingest", "clean", "extract", "validate")

# Two tiny bulletins, one per language, that touch every extractor: running them loads
# every lazily-loaded model, lexicon and pattern file once, and surfaces a missing data
# file as a ConfigError before any output is written.
_WARM_UP_TEXTS = (
    "Hongshan District news. Up to now, 36 preaching activities were carried out, "
    "covering more than 2,000 people in 12 communities.\n",
    "洪山区开展宣讲活动36场，覆盖群众2000余人。\n",
)


def run_stages(doc: Document, config: Config) -> dict:
    clean_document(doc, config.clean.fixes)
    extract_document(doc, **config.extract.model_dump())
    return validate_record(build_record(doc))


def error_row(source: Source, exc: BaseException, stage: str) -> dict:
    if isinstance(exc, PipelineError):
        stage = exc.stage if exc.stage != "pipeline" else stage
        error_type, message = type(exc).__name__, str(exc)
    else:
        error_type = type(exc).__name__
        message = (f"unexpected error in the {stage} stage ({str(exc)[:300]}); this is a bug, "
                   f"please report it with the input file")
    return {"doc_id": source.name, "path": source.display_path, "stage": stage,
            "error_type": error_type, "message": message}


def process_source(source: Source, config: Config) -> tuple[dict | None, dict | None]:
    """Ingest, clean, extract, validate one source: (record, None) or (None, error row)."""
    stage = "ingest"
    try:
        # spaCy's vocabulary would otherwise keep every new word of every document
        with memory_zone():
            doc = to_document(source, config.ingest.max_bytes, config.ingest.max_run_chars)
            stage = "clean"
            clean_document(doc, config.clean.fixes)
            stage = "extract"
            extract_document(doc, **config.extract.model_dump())
            stage = "validate"
            return validate_record(build_record(doc)), None
    except ConfigError:
        raise
    except RecursionError as exc:   # pathological input; keep the batch alive
        return None, error_row(source, exc, stage)
    except Exception as exc:  # noqa: BLE001 - one bad file must never cost the batch
        return None, error_row(source, exc, stage)


def process_batch(sources: list[Source], config: Config) -> list[tuple[dict | None, dict | None]]:
    """`process_source` over a list: the unit of work shipped to worker processes."""
    return [process_source(source, config) for source in sources]


def warm_up(config: Config) -> None:
    """Load every model, dictionary and data file now. Raises ConfigError when one is missing."""
    for n, text in enumerate(_WARM_UP_TEXTS):
        record, error = process_source(Source(name=f"warm-up-{n}", path=None, data=text.encode()), config)
        if error and error["error_type"] == "ConfigError":
            raise ConfigError(error["message"])


def process_text(text: str, doc_id: str = "text", config: Config | None = None):
    """Notebook API: one string (or the bytes of a file) in, a validated `Record` out.
    Raises PipelineError when the text cannot be processed, TypeError for anything else."""
    from .models import Record

    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray)):
        data = bytes(text)          # decoded like a file: the encoding is detected
    else:
        raise TypeError(f"process() takes the bulletin's text as a str (or its bytes), not "
                        f"{type(text).__name__}: read the file first, e.g. "
                        f"process(Path('bulletin.txt').read_text()), or run `bulletins run` on files")
    config = config or load_config()
    record, error = process_source(Source(name=doc_id, path=None, data=data), config)
    if error:
        raise PipelineError(error["message"], stage=error["stage"])
    return Record.model_validate(record)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
