"""The count → activity link as a test asks it: a counted thing in an invented sentence."""
from __future__ import annotations

from pipeline.extract import link
from pipeline.extract.data import DataFiles
from pipeline.extract.doc import DocView


def linked_type(unit: str, sentence: str, language: str = "en", written: str | None = None,
                data: DataFiles | None = None) -> str | None:
    """The type the linker gives `unit` counted where it (or `written`, the word the sentence
    uses for it: "fields" for "sessions") first stands in `sentence`; with no sentence, what the
    words alone name."""
    if not sentence:
        return link.thing_type(unit, language, data)
    surface = written or unit
    at = sentence.lower().find(surface.lower())
    assert at >= 0, f"{surface!r} is not in {sentence!r}"
    span = (at, at + len(surface))
    view = DocView(sentence, language, data=data)
    if language == "zh":
        return link.count_type_zh(view, unit, unit_span=span)
    return link.count_type_en(view, surface, unit if written else None, None, False,
                              view.sentence_at(at), unit_span=span)
