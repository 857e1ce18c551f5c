"""The plain object that flows between stages (fast; no validation inside the pipeline)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .offsets import Alignment


@dataclass
class Document:
    doc_id: str
    raw: str                                  # decoded input text; raw spans index into it
    path: str | None = None
    sha256: str = ""
    encoding: str | None = None
    language: str = "en"
    text: str = ""                            # cleaned text; spans index into it
    alignment: Alignment = field(default_factory=Alignment)
    meta: dict[str, Any] = field(default_factory=dict)   # title, date, byline, issuer
    changes: list[dict] = field(default_factory=list)    # what each cleaning fix did
    warnings: list[str] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    main_place: dict | None = None                       # {"name", "adcode"} of one of places

    @cached_property
    def spacy_doc(self):
        """The English text tokenised and split into sentences, made once and shared."""
        from .nlp import english

        return english()(self.text)

    def to_raw(self, span: tuple[int, int] | list[int]) -> list[int]:
        return list(self.alignment.to_raw(span[0], span[1]))

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id, "path": self.path, "sha256": self.sha256,
            "encoding": self.encoding, "language": self.language, "raw": self.raw,
            "text": self.text, "alignment": self.alignment.to_list(), "meta": self.meta,
            "changes": self.changes, "warnings": self.warnings, "counts": self.counts,
            "places": self.places, "activities": self.activities, "main_place": self.main_place,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        data = dict(data)
        alignment = Alignment.from_list(data.pop("alignment", None) or [])
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(alignment=alignment, **known)
