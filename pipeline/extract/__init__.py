"""Extract: counts, places and activity types from a cleaned document.

`extract_document` builds the document's one shared reading (`doc.DocView`: tokens, sentences,
clauses, quotes, titles) and runs the components over it; each proposes candidates, attaches
reasons and decides (`decisions`), and records what it decided on the view's trace when one is
given (`bulletins extract --explain`, `bulletins evaluate --rules`).
"""
from __future__ import annotations

from ..document import Document
from .decisions import OFF, Trace
from .doc import DocView


def document_view(doc: Document, trace: Trace = OFF, data=None) -> DocView:
    """The view of a cleaned document, sharing its English tokens (made here when they were not:
    counts and activities both read them)."""
    spacy_doc = doc.spacy_doc if doc.language != "zh" else None
    return DocView(doc.text, doc.language, data=data, trace=trace, spacy_doc=spacy_doc,
                   title=doc.meta.get("title"))


def extract_document(doc: Document, counts: bool = True, places: bool = True,
                     activities: bool = True, trace: Trace = OFF) -> Document:
    from .activities import find_activities
    from .places import find_places

    view = document_view(doc, trace)
    if counts:
        if doc.language == "zh":
            from .counts_zh import find_counts_zh
            doc.counts = find_counts_zh(doc.text, view)
        else:
            from .counts_en import find_counts_en
            doc.counts = find_counts_en(doc, view)
    if places:
        doc.places = find_places(doc.text, doc.language)
    if activities:
        doc.activities = find_activities(view)
    del view
    return doc
