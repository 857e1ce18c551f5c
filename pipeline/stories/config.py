"""configs/stories.toml as a pydantic model (extra keys rejected), loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import ConfigError
from ..resources import load_toml

CONFIG_FILE = "stories.toml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextConfig(Strict):
    shingle_size: int = Field(5, ge=2, le=12)
    num_perm: int = Field(128, ge=16, le=512)
    lsh_threshold: float = Field(0.2, gt=0, lt=1)
    join: float = Field(0.3, gt=0, le=1)
    certain: float = Field(0.6, gt=0, le=1)
    weight: float = Field(2.0, ge=0)


class FiguresConfig(Strict):
    min_value: float = Field(10, ge=0)
    info_by_digits: list[float] = Field(min_length=1)
    min_shared: float = Field(0.5, ge=0)
    lookup_min_info: float = Field(0.25, ge=0)


class DatesConfig(Strict):
    near_days: int = Field(3, ge=0, le=60)
    day: float = Field(ge=0)
    near_day: float = Field(ge=0)
    month: float = Field(ge=0)


class PlacesConfig(Strict):
    county: float = Field(ge=0)
    named: float = Field(ge=0)
    city: float = Field(ge=0)


class FactsConfig(Strict):
    join: float = Field(gt=0)
    join_without_dates: float = Field(gt=0)
    min_shared_part: float = Field(gt=0, le=1)


class DatePlaceConfig(Strict):
    enabled: bool = True


class IndexConfig(Strict):
    max_postings: int = Field(500, ge=1)
    max_cities: int = Field(3, ge=1)
    max_candidates: int = Field(200, ge=1)
    max_members_checked: int = Field(25, ge=1)


class DisagreementConfig(Strict):
    enabled: bool = True


class StoriesConfig(Strict):
    text: TextConfig
    figures: FiguresConfig
    dates: DatesConfig
    places: PlacesConfig
    facts: FactsConfig
    date_place: DatePlaceConfig
    index: IndexConfig
    disagreement: DisagreementConfig

    @model_validator(mode="after")
    def text_thresholds_ordered(self) -> "StoriesConfig":
        if not self.text.lsh_threshold <= self.text.join <= self.text.certain:
            raise ValueError("text: need lsh_threshold <= join <= certain")
        return self


@lru_cache(maxsize=1)
def load_stories_config() -> StoriesConfig:
    try:
        return StoriesConfig.model_validate(load_toml(CONFIG_FILE))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"configs/{CONFIG_FILE}: {where}: {first['msg']}; fix the file "
                          f"(docs/stories.md lists every key)") from None
