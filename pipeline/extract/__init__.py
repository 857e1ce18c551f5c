"""Extract: counts, places and activity types from a cleaned document.

`extract_document` builds the document's one shared reading (`doc.DocView`: tokens, sentences,
clauses, quotes, titles) and runs the components over it; each proposes candidates, attaches
reasons and decides (`decisions`), and records what it decided on the view's trace when one is
given (`bulletins extract --explain`, `bulletins evaluate --rules`).
"""
from __future__ import annotations

from ..document import Document
from .decisions import Trace
from .doc import DocView


def document_view(doc: Document, trace: Trace | None = None, data=None) -> DocView:
    """The view of a cleaned document, sharing its English tokens when they were made."""
    return DocView(doc.text, doc.language, data=data, trace=trace or Trace(),
                   spacy_doc=doc.__dict__.get("spacy_doc"), title=doc.meta.get("title"))


def extract_document(doc: Document, counts: bool = True, places: bool = True,
                     activities: bool = True, trace: Trace | None = None) -> Document:
    from .activities import find_activities
    from .places import find_places
    from .unit_keys import with_unit_keys

    view = document_view(doc, trace)
    if counts:
        from .counts import find_counts
        doc.counts = with_unit_keys(find_counts(view), doc.text, view.data)
    if places:
        doc.places = find_places(view)
    if activities:
        doc.activities = find_activities(view)
    if places:
        from .attribution import attribute
        doc.main_place = attribute(view, doc.counts, doc.places)
    return doc
