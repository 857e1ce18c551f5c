"""Clean: a list of named, pure, idempotent fixes composed from the config.

A fix is `(text, ctx) -> list[Edit]`; the stage applies its edits, records a step map so
every span can be traced to the raw input, and notes what the fix changed (`explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..document import Document
from ..offsets import Alignment, Edit, apply_edits

FixFunction = Callable[[str, "CleanContext"], list[Edit]]
_REGISTRY: dict[str, FixFunction] = {}


@dataclass
class CleanContext:
    language: str
    meta: dict = field(default_factory=dict)     # fixes may record title, date, byline, issuer
    raw: str = ""                                # the raw input, and the alignment of the text a
    alignment: Alignment = field(default_factory=Alignment)   # fix gets to it: facts quoted
                                                 # "as written" (the title) are read from the raw


def fix(name: str):
    """Register a fix under `name` (the name used in configs)."""
    def register(func: FixFunction) -> FixFunction:
        _REGISTRY[name] = func
        func.fix_name = name
        return func
    return register


def available_fixes() -> dict[str, FixFunction]:
    from . import chinese, debris, fixes, header, inline, metadata, spam  # noqa: F401  (registers the built-in fixes)

    return dict(_REGISTRY)


StepObserver = Callable[[str, str, list[Edit], Alignment], None]


def run_fixes(raw: str, language: str, fix_names: list[str],
              on_step: StepObserver | None = None) -> tuple[str, Alignment, CleanContext]:
    """Apply the fixes in order. `on_step(name, text, edits, alignment)` sees every fix that
    changed the text, with the text before it and the alignment of that text to the raw."""
    registry = available_fixes()
    ctx = CleanContext(language=language, raw=raw)
    text, alignment = raw, Alignment()
    for name in fix_names:
        ctx.alignment = alignment
        edits = registry[name](text, ctx)
        if not edits:
            continue
        new_text, step = apply_edits(text, edits)
        if new_text == text:
            continue
        if on_step:
            on_step(name, text, edits, alignment)
        alignment = Alignment(alignment.steps + [step])
        text = new_text
    return text, alignment, ctx


def clean_text(raw: str, language: str, fix_names: list[str]) -> tuple[str, Alignment, dict, list[dict]]:
    """Pure core: raw text -> (clean text, alignment to raw, metadata, changes)."""
    changes: list[dict] = []

    def note(name: str, text: str, edits: list[Edit], alignment: Alignment) -> None:
        changes.append({"fix": name, "edits": len(edits),
                        "samples": [_sample(text, e, alignment) for e in sorted(edits)[:5]]})

    text, alignment, ctx = run_fixes(raw, language, fix_names, note)
    return text, alignment, ctx.meta, changes


def _sample(text: str, edit: Edit, alignment: Alignment) -> dict:
    """One edit as `explain` shows it: where it falls in the raw text (`at` is the raw
    offset, `raw` the raw range it covers), what it replaced and with what."""
    old = text[edit.start:edit.end]
    raw = list(alignment.to_raw(edit.start, edit.end))
    return {"at": raw[0], "raw": raw,
            "old": old if len(old) <= 80 else old[:77] + "...", "new": edit.replacement[:80]}


def clean_document(doc: Document, fix_names: list[str]) -> Document:
    from ..lang import detect_language

    doc.language = detect_language(doc.raw)
    doc.text, doc.alignment, meta, doc.changes = clean_text(doc.raw, doc.language, fix_names)
    doc.warnings.extend(meta.pop("warnings", []))   # fixes may flag what they leave unrepaired
    doc.meta.update(meta)
    return doc
