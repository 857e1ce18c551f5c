"""The record contract (../shared/spec/OUTPUT.md) as pydantic models: the pipeline's boundary.

Added to the 1.0 contract (minor bump): `source.encoding`, `date`, `byline`, `issuer`,
`warnings`, `counts[].low/high` (ranges), `raw_span`/`raw_mentions` (offsets into the
decoded raw input), `places[].parents`. Contract 1.2: `counts[].place` and `main_place`, and
`counts[].unit_key` (the counted thing as one key of configs/unit_keys.toml);
`counts[].repeat_of` and `story_id` (stories).
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import SCHEMA_VERSION

Span = tuple[int, int]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "up_to", "less_than"]
Category = Literal["activity", "people", "organization", "place", "item", "money", "other"]
Level = Literal["country", "province", "city", "district", "county", "township", "community",
                "institution", "other"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(Model):
    path: Optional[str] = Field(None, description="the input path as given; null for stdin")
    sha256: str = Field(description="SHA-256 of the input bytes")
    encoding: Optional[str] = Field(None, description="the encoding the bytes were decoded with")


class PlaceRef(Model):
    """One of the record's `places`, by its name and code (contract 1.2)."""
    name: str
    adcode: Optional[str] = Field(None, pattern=r"^\d{6}$")


Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
Reason = Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")]


def _confidence(what: str) -> Any:
    return Field(None, description=f"how likely {what} is right, 0-1 (three decimals), calibrated on "
                 "real gold: of items given 0.9, about nine in ten are right; null when not computed")


def _reason(what: str) -> Any:
    return Field(None, description=f"a short stable id of the evidence {what} rests on (a rule id, "
                 "e.g. count.en.unit_after, place.zh.gazetteer, activity.en.strong_cue; docs/confidence.md)")


class Count(Model):
    value: Union[int, float] = Field(description="normalised number; for a range, its low end")
    low: Optional[Union[int, float]] = Field(None, description="range low end (`2 to 5` -> 2), else null")
    high: Optional[Union[int, float]] = Field(None, description="range high end (`2 to 5` -> 5), else null")

    @field_validator("value", "low", "high")
    @classmethod
    def whole_numbers_as_int(cls, v):
        # 936, not 936.0: whole values stay integers in the JSON
        return int(v) if isinstance(v, float) and v.is_integer() else v
    qualifier: Qualifier = "exact"
    unit: str = Field(description="the counted thing as written")
    unit_normalized: Optional[str] = Field(None, description="MT quirks repaired (games -> sessions)")
    category: Category = "other"
    unit_key: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="the counted thing as one key of a small vocabulary, the same in both languages "
                    "(volunteers and 志愿者 -> volunteer; 人 -> person, 人次 -> person_time; "
                    "yuan and 元 -> yuan); `other` when nothing fits. The vocabulary: "
                    "configs/unit_keys.toml, docs/outputs.md#unit-keys")
    activity: Optional[str] = Field(None, description="a taxonomy type id, or null")
    activity_confidence: Optional[Confidence] = _confidence("the activity link")
    place: Optional[PlaceRef] = Field(
        None, description="the place the figure belongs to (one of `places`), or null: the most "
        "specific named place it is for, else the main place (contract 1.2)")
    place_confidence: Optional[Confidence] = _confidence("the place attribution")
    span: Span = Field(description="[start, end) in text, covering number and unit")
    raw_span: Optional[Span] = Field(None, description="[start, end) in the decoded raw input")
    evidence: str = Field(description="text[span[0]:span[1]]")
    repeat_of: Optional[int] = Field(
        None, ge=0, description="index (in `counts`) of an earlier count this one restates (the "
        "same figure in the title and the body, a summary line): a sum over the bulletin counts "
        "it once; null for a first mention")
    confidence: Optional[Confidence] = _confidence("the count (value, thing and qualifier)")
    reason: Optional[Reason] = _reason("the count")


class Place(Model):
    name: str
    name_zh: Optional[str] = None
    level: Level = "other"
    adcode: Optional[str] = Field(None, pattern=r"^\d{6}$")
    parents: list[str] = Field(default_factory=list, description="adcodes of the enclosing units")
    mentions: list[Span] = Field(default_factory=list)
    raw_mentions: list[Span] = Field(default_factory=list)
    confidence: Optional[Confidence] = _confidence("the place (name, level and code)")
    reason: Optional[Reason] = _reason("the place")


class Activity(Model):
    type: str
    mentions: list[Span] = Field(default_factory=list)
    raw_mentions: list[Span] = Field(default_factory=list)
    confidence: Optional[Confidence] = _confidence("the activity type (reported as carried out)")
    reason: Optional[Reason] = _reason("the activity type")


class Record(Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    language: Literal["en", "zh"]
    title: Optional[str] = None
    date: Optional[str] = None
    byline: Optional[str] = None
    issuer: Optional[str] = None
    text: str
    counts: list[Count] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    main_place: Optional[PlaceRef] = Field(
        None, description="the place whose work the bulletin reports (one of `places`), or null "
        "(contract 1.2)")
    warnings: list[str] = Field(default_factory=list)
    story_id: Optional[str] = Field(
        None, description="the story this record is a copy of (mirrors, other translations, the "
        "Chinese original and its English versions share one); set by `bulletins run --stories`, "
        "null otherwise")

    @model_validator(mode="before")
    @classmethod
    def unit_keys_of_older_records(cls, data):
        # records written before `unit_key` existed (schema 1.1) get it computed, as `run` would
        counts = data.get("counts") if isinstance(data, dict) else None
        if isinstance(counts, list) and any(isinstance(c, dict) and "unit_key" not in c for c in counts):
            from .extract.unit_keys import unit_key

            text = data.get("text") if isinstance(data.get("text"), str) else ""
            data = {**data, "counts": [
                {**c, "unit_key": unit_key(c, _evidence(c, text))}
                if isinstance(c, dict) and "unit_key" not in c else c for c in counts]}
        return data

    @model_validator(mode="after")
    def spans_inside_text(self) -> "Record":
        n = len(self.text)
        for i, c in enumerate(self.counts):
            if not 0 <= c.span[0] <= c.span[1] <= n:
                raise ValueError(f"count span {list(c.span)} lies outside text (length {n})")
            if c.repeat_of is not None and c.repeat_of >= i:
                raise ValueError(f"count {i}: repeat_of {c.repeat_of} must name an earlier count")
            if self.text[c.span[0]:c.span[1]] != c.evidence:
                raise ValueError(f"count evidence {c.evidence!r} != text{list(c.span)}")
        for group in (self.places, self.activities):
            for item in group:
                for s in item.mentions:
                    if not 0 <= s[0] <= s[1] <= n:
                        raise ValueError(f"mention {list(s)} lies outside text (length {n})")
        listed = {(p.name, p.adcode) for p in self.places}
        for ref in [c.place for c in self.counts] + [self.main_place]:
            if ref is not None and (ref.name, ref.adcode) not in listed:
                raise ValueError(f"place reference {ref.name!r} ({ref.adcode}) is not one of the record's places")
        return self


def _evidence(count: dict, text: str) -> str:
    if isinstance(count.get("evidence"), str):
        return count["evidence"]
    span = count.get("span")
    ok = isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(i, int) for i in span)
    return text[span[0]:span[1]] if ok else ""


class ErrorRow(Model):
    doc_id: str
    path: Optional[str]
    stage: str
    error_type: str
    message: str


def record_json_schema() -> dict:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/bulletins/bulletins/schema/record.schema.json"
    return schema
