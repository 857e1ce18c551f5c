"""The extractors as spaCy pipeline components, for users' own pipelines.

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_counts")      # found through the `spacy_factories` entry point
    doc = nlp("So far, 936 preaching activities have been held.")
    [(s.text, s._.value, s._.unit) for s in doc.spans["bulletin_counts"]]

Each component runs our extractor on `doc.text` as it is (the batch pipeline's cleaning
stage does not run: clean the text first with `bulletins clean` if it is damaged) and puts
the results on `doc.spans[<spans_key>]`, one Span per count / place mention / activity
mention, with the record's fields as Span extensions. The language is the pipeline's
(`en` or `zh`) or, with `language="auto"` (the default), detected on the text.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

# Span extensions set by the components; each is None on spans the component did not make.
COUNT_ATTRS = ("value", "low", "high", "qualifier", "unit", "unit_normalized", "category", "activity")
PLACE_ATTRS = ("name", "name_zh", "level", "adcode", "parents")
EXTENSIONS = tuple(dict.fromkeys(COUNT_ATTRS + PLACE_ATTRS))


def register_extensions() -> None:
    """Add the Span extensions once (an extension someone else already made is kept)."""
    for name in EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()


def _language(doc: Doc, language: str) -> str:
    if language in ("en", "zh"):
        return language
    from .lang import detect_language

    return detect_language(doc.text)


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span over the tokens that cover the characters [start, end), or None when the
    characters fall only in whitespace."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


def _store(doc: Doc, key: str, spans: list[Span]) -> Doc:
    # A SpanGroup may hold overlapping spans, so nothing is dropped; sorted for stable order.
    doc.spans[key] = sorted(spans, key=lambda s: (s.start_char, s.end_char))
    return doc


LANGUAGES = ("auto", "en", "zh")


class _Component:
    def __init__(self, name: str, language: str, spans_key: str):
        if language not in LANGUAGES:
            raise ValueError(f"{name}: language {language!r} is not one of {', '.join(LANGUAGES)}: "
                             f"set config={{'language': 'auto'}} to detect it per text")
        self.name, self.language, self.spans_key = name, language, spans_key


class BulletinCounts(_Component):
    """Counts: label = category; extensions value, low, high, qualifier, unit,
    unit_normalized, category, activity."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.counts import find_counts
        from .extract.doc import DocView

        # The extractors read their own view of the text (the batch pipeline's tokens and
        # sentences), whatever tokenizer this pipeline uses.
        found = find_counts(DocView(doc.text, _language(doc, self.language)))
        spans = []
        for c in found:
            span = _span(doc, c["span"][0], c["span"][1], c.get("category") or "other")
            if span is None:
                continue
            for attr in COUNT_ATTRS:
                span._.set(attr, c.get(attr))
            spans.append(span)
        return _store(doc, self.spans_key, spans)


class BulletinPlaces(_Component):
    """Place mentions: label = level; extensions name, name_zh, level, adcode, parents."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.doc import DocView
        from .extract.places import find_places

        spans = []
        for p in find_places(DocView(doc.text, _language(doc, self.language))):
            for start, end in p.get("mentions") or []:
                span = _span(doc, start, end, p.get("level") or "other")
                if span is None:
                    continue
                for attr in PLACE_ATTRS:
                    value = p.get(attr)
                    span._.set(attr, list(value) if isinstance(value, (list, tuple)) else value)
                spans.append(span)
        return _store(doc, self.spans_key, spans)


class BulletinActivities(_Component):
    """Activity mentions: label = the taxonomy type id; extension activity = the same."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.activities import find_activities
        from .extract.doc import DocView

        spans = []
        for a in find_activities(DocView(doc.text, _language(doc, self.language))):
            for start, end in a.get("mentions") or []:
                span = _span(doc, start, end, a["type"])
                if span is not None:
                    span._.set("activity", a["type"])
                    spans.append(span)
        return _store(doc, self.spans_key, spans)


@Language.factory("bulletin_counts",
                  default_config={"language": "auto", "spans_key": "bulletin_counts"})
def make_bulletin_counts(nlp: Language, name: str, language: str, spans_key: str) -> BulletinCounts:
    return BulletinCounts(name, language, spans_key)


@Language.factory("bulletin_places",
                  default_config={"language": "auto", "spans_key": "bulletin_places"})
def make_bulletin_places(nlp: Language, name: str, language: str, spans_key: str) -> BulletinPlaces:
    return BulletinPlaces(name, language, spans_key)


@Language.factory("bulletin_activities",
                  default_config={"language": "auto", "spans_key": "bulletin_activities"})
def make_bulletin_activities(nlp: Language, name: str, language: str,
                             spans_key: str) -> BulletinActivities:
    return BulletinActivities(name, language, spans_key)
