"""Shared tokenisers, built once per process."""
from __future__ import annotations

import sys
import types
from contextlib import nullcontext
from functools import lru_cache


@lru_cache(maxsize=1)
def english():
    """spacy.blank('en') with a sentencizer: no model download, fast."""
    import_spacy_without_its_cli()
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000_000
    return nlp


# Documents processed before memory zones begin: their words fill the tokenizer's cache,
# which a zone cannot add to (spaCy 3.8), so later documents find most words there.
WARM_DOCUMENTS = 300
_documents_seen = 0


def memory_zone():
    """A context in which the strings and lexemes spaCy adds for a document are freed at the
    end, so a long run's memory does not grow with every new word it meets.

    A no-op until the English pipeline is loaded and WARM_DOCUMENTS have gone through, so
    the pattern vocabulary and the words of those first documents stay in the cache: a
    zone costs ~3% then, against ~12% with a cold cache."""
    global _documents_seen
    if _documents_seen < WARM_DOCUMENTS or english.cache_info().currsize == 0:
        _documents_seen += 1
        return nullcontext()
    return english().memory_zone()


def import_spacy_without_its_cli() -> None:
    """Import spaCy without spacy.cli, for processes that only tokenise (`bulletins run`).

    spacy/__init__ imports spacy.cli.info only to export `spacy.info`, and that loads spaCy's
    whole command line (weasel, typer, requests, httpx, jinja2: ~360 modules), ~18 MB and
    ~0.3 s in every process and worker. Stand-ins for spacy.cli and spacy.cli.info are used
    while spaCy is imported, then removed: a later `import spacy.cli` imports the real one,
    and `spacy.info` imports it when called. Any other import error falls back to a plain
    import. A no-op when spaCy is already imported."""
    if "spacy" in sys.modules:
        return
    stand_ins = {name: types.ModuleType(name) for name in ("spacy.cli", "spacy.cli.info")}
    stand_ins["spacy.cli.info"].info = _spacy_info
    sys.modules.update(stand_ins)
    try:
        import spacy
    except ImportError:
        spacy = None
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        import spacy            # noqa: F811 - the plain import, whatever went wrong above
    elif getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del spacy.cli


def _spacy_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)
