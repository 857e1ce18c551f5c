"""The extractors as spaCy pipeline components, for users' own pipelines.

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("bulletin_counts")      # found through the `spacy_factories` entry point
    doc = nlp("So far, 936 preaching activities have been held.")
    [(s.text, s._.bulletin["value"], s._.bulletin["unit"]) for s in doc.spans["bulletin_counts"]]

Each component reads the incoming Doc — its text, and for English its tokens and sentences
when the pipeline set them (else it splits sentences as the batch pipeline does) — runs our
extractor, and writes `doc.spans[<spans_key>]`: one Span per count, place mention or activity
mention, labelled by category, level or type. Each Span's one extension, `span._.bulletin`,
holds the item as the record writes it (value, unit, ... for a count; name, adcode, ... for a
place). The batch pipeline's cleaning stage does not run: clean the text first with
`bulletins clean` if it is damaged. The language is the pipeline's (`en` or `zh`) or, with
`language="auto"` (the default), detected on the text.

`data` (a folder of data files like configs/; default the packaged one) chooses the lexicons;
`nlp.to_disk` records the settings and a digest of that folder, and `nlp.from_disk` warns
when the data it finds differ from the data the pipeline was saved with.
"""
from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

EXTENSION = "bulletin"     # one namespaced extension: no generic global names such as `value`
LANGUAGES = ("auto", "en", "zh")


def register_extensions() -> None:
    """Add `Span._.bulletin` once (kept when it already exists)."""
    if not Span.has_extension(EXTENSION):
        Span.set_extension(EXTENSION, default=None)


register_extensions()


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span over the tokens that cover the characters [start, end), or None when the
    characters fall only in whitespace."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


def _data_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _Component:
    """Settings, the document view made from an incoming Doc, and (de)serialisation."""

    def __init__(self, name: str, language: str, spans_key: str, data: str | None):
        if language not in LANGUAGES:
            raise ValueError(f"{name}: language {language!r} is not one of {', '.join(LANGUAGES)}: "
                             f"set config={{'language': 'auto'}} to detect it per text")
        self.name, self.language, self.spans_key, self.data = name, language, spans_key, data

    def _files(self):
        from .extract.data import DataFiles

        return DataFiles.at(self.data)

    def view(self, doc: Doc):
        """The extractors' view of the Doc: its tokens and sentences for English when the
        pipeline made sentences, else the batch pipeline's own reading of the text."""
        from .extract.doc import DocView

        language = self.language
        if language == "auto":
            from .lang import detect_language
            language = detect_language(doc.text)
        tokens = doc if language == "en" and doc.has_annotation("SENT_START") else None
        return DocView(doc.text, language, data=self._files(), spacy_doc=tokens)

    def store(self, doc: Doc, spans: list[Span]) -> Doc:
        # A SpanGroup may hold overlapping spans, so nothing is dropped; sorted for stable order.
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: (s.start_char, s.end_char))
        return doc

    def _settings(self) -> dict:
        return {"language": self.language, "spans_key": self.spans_key, "data": self.data,
                "data_digest": _data_digest(self._files().root)}

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps(self._settings(), indent=2), encoding="utf-8")

    def from_disk(self, path, exclude=()) -> "_Component":
        saved = json.loads((Path(path) / "cfg.json").read_text(encoding="utf-8"))
        self.language, self.spans_key, self.data = saved["language"], saved["spans_key"], saved["data"]
        now = _data_digest(self._files().root)
        if saved.get("data_digest") != now:
            warnings.warn(f"{self.name}: the data files in {self._files().root} differ from those the "
                          f"pipeline was saved with ({saved.get('data_digest')} -> {now}): results may "
                          f"differ; save the pipeline again to record the new data", stacklevel=2)
        return self

    def to_bytes(self, exclude=()) -> bytes:
        return json.dumps(self._settings()).encode("utf-8")

    def from_bytes(self, data: bytes, exclude=()) -> "_Component":
        saved = json.loads(data)
        self.language, self.spans_key, self.data = saved["language"], saved["spans_key"], saved["data"]
        return self


class BulletinCounts(_Component):
    """Counts: label = category; `span._.bulletin` = the count (value, low, high, qualifier,
    unit, unit_normalized, category, activity)."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.counts import find_counts

        spans = []
        for c in find_counts(self.view(doc)):
            span = _span(doc, c["span"][0], c["span"][1], c.get("category") or "other")
            if span is not None:
                span._.set(EXTENSION, dict(c))
                spans.append(span)
        return self.store(doc, spans)


class BulletinPlaces(_Component):
    """Place mentions: label = level; `span._.bulletin` = the place (name, name_zh, level,
    adcode, parents), the same dict for every mention of it."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.places import find_places

        spans = []
        for p in find_places(self.view(doc)):
            item = {k: v for k, v in p.items() if k != "mentions"}
            for start, end in p.get("mentions") or []:
                span = _span(doc, start, end, p.get("level") or "other")
                if span is not None:
                    span._.set(EXTENSION, item)
                    spans.append(span)
        return self.store(doc, spans)


class BulletinActivities(_Component):
    """Activity mentions: label = the taxonomy type id; `span._.bulletin` = {"type": ...}."""

    def __call__(self, doc: Doc) -> Doc:
        from .extract.activities import find_activities

        spans = []
        for a in find_activities(self.view(doc)):
            for start, end in a.get("mentions") or []:
                span = _span(doc, start, end, a["type"])
                if span is not None:
                    span._.set(EXTENSION, {"type": a["type"]})
                    spans.append(span)
        return self.store(doc, spans)


_DEFAULTS = {"language": "auto", "data": None}


@Language.factory("bulletin_counts", default_config={**_DEFAULTS, "spans_key": "bulletin_counts"})
def make_bulletin_counts(nlp: Language, name: str, language: str, spans_key: str,
                         data: str | None) -> BulletinCounts:
    return BulletinCounts(name, language, spans_key, data)


@Language.factory("bulletin_places", default_config={**_DEFAULTS, "spans_key": "bulletin_places"})
def make_bulletin_places(nlp: Language, name: str, language: str, spans_key: str,
                         data: str | None) -> BulletinPlaces:
    return BulletinPlaces(name, language, spans_key, data)


@Language.factory("bulletin_activities", default_config={**_DEFAULTS, "spans_key": "bulletin_activities"})
def make_bulletin_activities(nlp: Language, name: str, language: str, spans_key: str,
                             data: str | None) -> BulletinActivities:
    return BulletinActivities(name, language, spans_key, data)
