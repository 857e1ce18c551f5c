"""Is this pair one story? The evidence of two records, weighed.

Three ways to join, each with its reason:
* text: the same text (mirrors with other debris, light rewrites): estimated Jaccard of the
  shingles at least `text.join`;
* facts: another translation, a rewrite, a zh original and its English version, where the
  words share nothing: shared figures, a shared date and places that agree (or, when one copy
  has no date at all, many shared figures: most of the figures of the copy with fewer);
* date_place: one copy has no figures at all, so only a date within days, a shared city or
  county and a shared activity type can tie it.
Near misses share places and campaigns, even programme figures, but not dates; follow-ups and
neighbouring districts report other figures or other counties: those are conflicts (so is a
template reused next month: the words agree, the dates do not).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import StoriesConfig
from .facts import Facts


@dataclass(slots=True)
class Link:
    kind: str                       # "text", "facts" or "date_place"
    score: float                    # evidence weight (comparable within a kind ranking)
    similarity: float               # estimated text Jaccard
    figures: list[float] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @property
    def rank(self) -> tuple:
        return ({"text": 2, "facts": 1, "date_place": 0}[self.kind], self.score)

    def evidence(self) -> dict:
        out = {"kind": self.kind, "score": round(self.score, 3), "similarity": round(self.similarity, 3)}
        if self.figures:
            out["figures"] = [int(v) if float(v).is_integer() else v for v in self.figures]
        if self.dates:
            out["dates"] = self.dates
        if self.places:
            out["places"] = self.places
        return out


def shared_dates(a: Facts, b: Facts, near_days: int) -> tuple[str | None, list[str]]:
    """The strongest date agreement ("day", "near_day", "month" or None) and the dates."""
    best, found = None, []
    order = {"day": 3, "near_day": 2, "month": 1}
    for x in a.dates:
        for y in b.dates:
            if x.month != y.month and (x.day is None or y.day is None):
                continue
            level = None
            if x.day is not None and y.day is not None:
                if (x.month, x.day) == (y.month, y.day) and (x.year is None or y.year is None or x.year == y.year):
                    level = "day"
                else:
                    dx, dy = x.as_date(y.year), y.as_date(x.year)
                    if dx is None and dy is None:   # both years unknown: compare within one year
                        dx, dy = x.as_date(2001), y.as_date(2001)
                    if dx is not None and dy is not None and abs((dx - dy).days) <= near_days:
                        level = "near_day"
            elif x.year is not None and x.year == y.year and x.month == y.month:
                level = "month"     # one of them names only the month: both years must be known
            if level is not None:
                found.append(str(x if x.year else y))
                if best is None or order[level] > order[best]:
                    best = level
    return best, sorted(set(found))


def conflicts(a: Facts, b: Facts, near_days: int = 3) -> list[str]:
    """Why two records cannot be one story, whatever else they share."""
    out = []
    if a.dates and b.dates and shared_dates(a, b, near_days)[0] is None:
        out.append("no date in common")     # the same place's report of another month
    if a.informative_figures and b.informative_figures and \
            not any(v in b.figures for v, f in a.figures.items() if f.info > 0):
        out.append("no figure in common")
    if a.counties and b.counties and not a.counties & b.counties:
        out.append("other counties")
    elif a.cities and b.cities and not a.cities & b.cities:
        out.append("other cities")
    return out


def place_weight(a: Facts, b: Facts, config: StoriesConfig) -> tuple[float, list[str]]:
    w = config.places
    shared_counties = sorted(a.counties & b.counties)
    shared_named = sorted(a.named & b.named)
    shared_cities = sorted(a.cities & b.cities)
    weight = (w.county if shared_counties else 0.0) + (w.named if shared_named else 0.0) \
        + (w.city if shared_cities else 0.0)
    return weight, shared_counties + shared_named + [c + "00" for c in shared_cities]


def compare(a: Facts, b: Facts, similarity: float, config: StoriesConfig) -> Link | None:
    """The link between two records, or None when the evidence does not make one story."""
    text = config.text
    found = conflicts(a, b, config.dates.near_days)
    if similarity >= text.certain or (similarity >= text.join and not found):
        return Link("text", similarity, similarity)
    if found:
        return None
    level, dates = shared_dates(a, b, config.dates.near_days)
    places, place_names = place_weight(a, b, config)
    shared = sorted(v for v, f in a.figures.items() if f.info > 0 and v in b.figures)
    figure_weight = sum(max(a.figures[v].info, b.figures[v].info) for v in shared)
    if level is None:
        # near misses share places and programme figures, not dates; only when one copy has
        # no date to compare can figures alone tie it, and then only many of them
        fewest = min(a.informative_figures, b.informative_figures)
        if (not a.dates or not b.dates) and figure_weight >= config.facts.join_without_dates \
                and len(shared) >= config.facts.min_shared_part * fewest:
            return Link("facts", figure_weight + places + text.weight * similarity, similarity,
                        shared, [], place_names)
        return None
    date_weight = getattr(config.dates, level)
    if figure_weight >= config.figures.min_shared:
        score = figure_weight + date_weight + places + text.weight * similarity
        if score >= config.facts.join:
            return Link("facts", score, similarity, shared, dates, place_names)
        return None
    if (config.date_place.enabled and level in ("day", "near_day")
            and not (a.informative_figures and b.informative_figures)
            and (a.counties & b.counties or a.cities & b.cities)
            and (not a.activities or not b.activities or a.activities & b.activities)):
        return Link("date_place", date_weight + places, similarity, [], dates, place_names)
    return None
