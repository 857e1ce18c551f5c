"""Data files of attribution: the words it reads (configs/attribution/words.toml) and the
weights of its two scorers (configs/attribution/weights.toml, written by
scripts/train_attribution.py from dev + train minus the check set)."""
from __future__ import annotations

from ..data import DataFiles, DataModel

WORDS_FILE = "attribution/words.toml"
WEIGHTS_FILE = "attribution/weights.toml"


class AttributionWords(DataModel):
    chain_gap: str           # what may stand between a containing name and the next ("", " ", "'s ")
    title_prefix_end: str    # where a title's place prefix ends ("Hongshan District: ...")
    doing_en: str            # a verb of doing right after a place: the place is the subject
    doing_zh: str
    bodies_en: str           # a reporting body named after a place ("X District Party Committee")
    bodies_zh: str
    located_before: str      # "in X", 在X: the place is where something happens
    heading_max_chars: int   # a line this short with no sentence end may be a heading
    sentence_end: str
    anaphor_en: str          # "the subdistrict", "this community": the place named last at that level
    anaphor_zh: str          # 该街道, 本社区
    anaphor_levels: dict[str, str]   # the anaphor's level word -> the level group it refers to


class LinearScorer(DataModel):
    """Logistic regression over named features: weights by feature name."""
    weights: dict[str, float]
    trained_on: str = ""     # what the weights were fitted on, for the record

    def score(self, features: dict[str, float]) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in features.items() if v)


class AttributionWeights(DataModel):
    main_place: LinearScorer
    count_place: LinearScorer


def words(data: DataFiles) -> AttributionWords:
    return data.toml(WORDS_FILE, AttributionWords)


def weights(data: DataFiles) -> AttributionWeights:
    return data.toml(WEIGHTS_FILE, AttributionWeights)
