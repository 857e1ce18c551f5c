"""Extract: counts, places and activity types from a cleaned document.

Each extractor is a pure function of the text (and its shared tokenisation); this module
only chooses the language path and links counts to activity types.
"""
from __future__ import annotations

from ..document import Document


def extract_document(doc: Document, counts: bool = True, places: bool = True,
                     activities: bool = True) -> Document:
    from . import activities as activity_types
    from .places import find_places
    from .unit_keys import with_unit_keys

    if counts:
        if doc.language == "zh":
            from .counts_zh import find_counts_zh
            doc.counts = find_counts_zh(doc.text)
        else:
            from .counts_en import find_counts_en
            doc.counts = find_counts_en(doc)
        doc.counts = with_unit_keys(doc.counts, doc.text)
    if places:
        doc.places = find_places(doc.text, doc.language)
    if activities:
        spacy_doc = doc.spacy_doc if doc.language != "zh" else None
        doc.activities = activity_types.find_activities(doc.text, doc.language, spacy_doc)
    return doc
