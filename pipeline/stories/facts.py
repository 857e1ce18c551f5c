"""The facts of one record that copies of a story keep whatever their language: figures,
dates and places. Plain, compact objects (they are stored in the index for every record).
"""
from __future__ import annotations

from dataclasses import dataclass

from .config import StoriesConfig
from .dates import DateMention, find_dates

# Levels whose adcode names a county-sized unit: two stories there are told apart by it.
COUNTY_LEVELS = frozenset({"district", "county"})
CITY_LEVELS = frozenset({"city", "district", "county"})
NAMED_LEVELS = frozenset({"township", "community", "institution"})


@dataclass(slots=True)
class Figure:
    value: float
    unit: str
    category: str
    activity: str | None
    info: float             # how much sharing this number says (see `figure_info`)
    unit_key: str | None = None     # the counted thing, one key for both languages


@dataclass(slots=True)
class Facts:
    language: str
    figures: dict[float, Figure]          # by value: the first count of each value
    dates: tuple[DateMention, ...]
    counties: frozenset[str]              # adcodes of districts and counties
    cities: frozenset[str]                # 4-digit prefecture prefixes of every city-level place
    provinces: frozenset[str]
    named: frozenset[str]                 # communities, townships, institutions (canonical names)
    activities: frozenset[str]

    @property
    def informative_figures(self) -> int:
        return sum(1 for f in self.figures.values() if f.info > 0)

    def to_json(self) -> dict:
        return {"l": self.language,
                "f": [[f.value, f.unit, f.category, f.activity, f.info, f.unit_key]
                      for f in self.figures.values()],
                "d": [[d.year, d.month, d.day] for d in self.dates],
                "c": sorted(self.counties), "t": sorted(self.cities), "p": sorted(self.provinces),
                "n": sorted(self.named), "a": sorted(self.activities)}

    @classmethod
    def from_json(cls, data: dict) -> "Facts":
        return cls(language=data["l"],
                   figures={f[0]: Figure(*f) for f in data["f"]},
                   dates=tuple(DateMention(*d) for d in data["d"]),
                   counties=frozenset(data["c"]), cities=frozenset(data["t"]),
                   provinces=frozenset(data["p"]), named=frozenset(data["n"]),
                   activities=frozenset(data["a"]))


def significant_digits(value: float) -> int:
    """16942 -> 5, 2000 -> 1, 1.5 -> 2, 64.1 -> 3."""
    digits = f"{abs(value):.6f}".rstrip("0").replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) or 1


def figure_info(value: float, config: StoriesConfig) -> float:
    """How much two records sharing this number say they are one story: a small or round
    number is in countless bulletins, 16,942 in few. From the number alone, so that a record's
    evidence never depends on what else is in the index."""
    weights = config.figures
    if value < weights.min_value:
        return 0.0
    digits = significant_digits(value)
    return weights.info_by_digits[min(digits, len(weights.info_by_digits)) - 1]


def record_facts(record: dict, config: StoriesConfig) -> Facts:
    figures: dict[float, Figure] = {}
    for c in record.get("counts") or []:
        if c.get("repeat_of") is not None:
            continue
        value = float(c.get("value") or 0)
        if value in figures:
            continue
        figures[value] = Figure(value, c.get("unit_normalized") or c.get("unit") or "",
                                c.get("category") or "other", c.get("activity"),
                                figure_info(value, config), c.get("unit_key"))
    counties, cities, provinces, named = set(), set(), set(), set()
    for p in record.get("places") or []:
        code, level = p.get("adcode"), p.get("level")
        if code:
            provinces.add(code[:2])
            if level in CITY_LEVELS:
                cities.add(code[:4])
            if level in COUNTY_LEVELS:
                counties.add(code)
        elif level in NAMED_LEVELS and p.get("name"):
            named.add(p["name"].lower())
        for parent in p.get("parents") or []:
            provinces.add(parent[:2])
            if parent[2:4] != "00":
                cities.add(parent[:4])
    return Facts(language=record.get("language") or "?", figures=figures,
                 dates=find_dates(record.get("text") or "", record.get("date")),
                 counties=frozenset(counties), cities=frozenset(cities),
                 provinces=frozenset(provinces), named=frozenset(named),
                 activities=frozenset(a["type"] for a in record.get("activities") or []))
