"""The cleaning data files that describe document facts and spam, validated by pydantic
(unknown keys rejected) and loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field, ValidationError

from ..config import Strict
from ..errors import ConfigError
from ..resources import config_path, load_toml


def _load(relative: str, model: type[Strict]):
    try:
        return model.model_validate(load_toml(relative))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ConfigError(f"invalid data file {config_path(relative)}: {problems}; "
                          f"fix the file or restore it from the repository") from None


class DateLabels(Strict):
    publication: list[str] = Field(description="labels right before a publication date")


class DatesData(Strict):
    first_year: int
    last_year: int
    months: dict[str, int] = Field(description="English month names and abbreviations -> 1..12")
    labels: DateLabels


class HeadlineShape(Strict):
    min_words: int = Field(description="an English headline has at least this many words")
    max_words: int
    min_han: int = Field(description="a Chinese headline has at least this many Chinese characters")
    max_chars: int = Field(description="a Chinese headline has at most this many characters")
    sentence_end: str = Field(description="a regex: a line ending like this is a sentence")
    clause_marks: str = Field(description="a regex: marks between the clauses of a sentence")
    max_clause_marks: int = Field(description="a headline has at most this many clause marks")


class HeaderData(Strict):
    header_lines: int = Field(description="the page header is read up to this many lines")
    body_words: int = Field(description="an English line of this many words is body text")
    body_chars: int = Field(description="a Chinese line of this many characters is body text")
    closing_lines: int = Field(description="a date line among this many last lines closes the page")
    closing_rest: int = Field(description="... when at most this many characters stand beside its date")
    meta_line_rest: int = Field(description="a date line is a meta line when this many characters "
                                "or fewer remain besides its date and time")
    en: HeadlineShape
    zh: HeadlineShape
    not_headline: list[str] = Field(description="regexes: lines that are never a headline")
    outlet_suffixes: list[str] = Field(description="a short line ending with one names an outlet")
    outlet_max_chars: int
    bar_separators: str = Field(description="regex: separators of a navigation bar")
    bar_min_segments: int
    bar_max_segment_words: int
    edge_debris: str = Field(description="characters trimmed from both ends of a title")
    max_lines_under_headline: int = Field(description="without a meta line, more short lines "
                                          "than this under the first candidate: no headline")
    subtitle: str = Field(description="regex: a subtitle line, never the headline itself")
    publisher_labels: list[str] = Field(description="labels whose value names who published the page")


class SpamCategories(Strict):
    dating: list[str] = Field(default_factory=list)
    gambling: list[str] = Field(default_factory=list)
    pharmacy: list[str] = Field(default_factory=list)
    medical_ads: list[str] = Field(default_factory=list)
    finance: list[str] = Field(default_factory=list)
    counterfeit: list[str] = Field(default_factory=list)
    adult: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [p for name in type(self).model_fields for p in getattr(self, name)]


class SpamRun(Strict):
    core: list[str]
    companion: list[str]
    places: list[str] = Field(description="place names spam is keyed to: companions too")


class SpamSegment(Strict):
    max_chars: int = Field(description="a layout segment this short that holds a Chinese spam "
                           "phrase is spam whole")
    separators: str = Field(description="regex: what separates layout segments of a line")
    keyword_separators: str = Field(description="regex: what separates the items of a keyword line")
    keyword_min_items: int
    keyword_max_chars: int


class SpamForeign(Strict):
    scripts: dict[str, str] = Field(description="name -> character class of a script that never "
                                    "belongs in the bulletins' text")
    min_script_chars: int = Field(description="shorter runs of a foreign script are stray characters")
    min_host_words: int = Field(description="English words besides a run that make it part of an English line")
    min_host_han: int = Field(description="Chinese characters besides a run that make it part of a Chinese line")
    min_han_in_english: int = Field(description="a Chinese run in English text this long is foreign")
    min_latin_words_in_chinese: int = Field(description="a Latin run in Chinese text of this many "
                                            "words is foreign")
    function_words: dict[str, list[str]] = Field(description="language -> its function words, to "
                                                 "tell a foreign sentence in Latin script")
    english_function_words: list[str]
    min_foreign_words: int
    min_foreign_share: float


class SpamSignals(Strict):
    words: list[str] = Field(description="words of advertising copy")
    min_signals: int
    max_sentence_words: int
    min_content_word: int = Field(description="shorter words are no tie to the rest of the page")
    max_tie_share: float = Field(description="a sentence with no more of its content words found "
                                 "elsewhere on the page has no tie to it")


class SpamData(Strict):
    english: SpamCategories
    chinese: SpamCategories
    run: SpamRun
    segment: SpamSegment
    foreign: SpamForeign
    unrelated: SpamSignals


@lru_cache(maxsize=None)
def dates_data() -> DatesData:
    return _load("clean/dates.toml", DatesData)


@lru_cache(maxsize=None)
def header_data() -> HeaderData:
    return _load("clean/header.toml", HeaderData)


@lru_cache(maxsize=None)
def spam_data() -> SpamData:
    return _load("clean/spam.toml", SpamData)
