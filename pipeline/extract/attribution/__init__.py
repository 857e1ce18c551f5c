"""Where each count belongs: the bulletin's main place and the place of every count.

    main = attribute(view, counts, places)    # sets counts[i]["place"] and places[j]["parents"];
                                              # returns the main place

Rules of ANNOTATION.md ("Where a count belongs"): the main place is the place whose work the
bulletin reports; a count belongs to the most specific named place its figure is for, and to the
main place when it names none. Two small linear scorers decide, over evidence that generalises
(features.py): the main place among the record's places, then each count's place among the
main place and the places named around it. Their weights are data, fitted on gold by
scripts/train_attribution.py. Both references are `{"name", "adcode"}` of a listed place.
"""
from __future__ import annotations

from ..decisions import RULES, Candidate
from .features import (CountContext, DocumentFacts, PlaceEvidence, pair_features, paragraph_firsts,
                       place_features)
from .hierarchy import fill_parents
from .lexicon import weights, words

MAIN_BY_SCORE = RULES.add("place.any.main_by_score", "suggest", "the main place: highest scored of the record's places")
COUNT_TO_MAIN = RULES.add("link.any.count_to_main_place", "support", "a count belongs to the main place")
COUNT_TO_NAMED = RULES.add("link.any.count_to_named_place", "support",
                           "a count belongs to a place named around it, not the main place")


def place_ref(place: dict) -> dict:
    return {"name": place["name"], "adcode": place.get("adcode")}


def attribute(view, counts: list[dict], places: list[dict]) -> dict | None:
    """Set every count's "place" and return the main place (None when the record has no place)."""
    if not places:
        for count in counts:
            count["place"] = None
        return None
    ev = PlaceEvidence(view, places, words(view.data))
    fill_parents(ev)
    model = weights(view.data)
    facts = DocumentFacts(ev, counts)
    main_scores = [model.main_place.score(place_features(ev, facts, i, view.language))
                   for i in range(len(places))]
    main = max(range(len(places)), key=lambda i: (main_scores[i], -i))
    trace = view.trace
    if trace.enabled:
        for s, e in places[main].get("mentions")[:1] or [(0, 0)]:
            trace.accept(Candidate("place", s, e, MAIN_BY_SCORE, {"main_place": places[main]["name"]}))
    firsts = paragraph_firsts(ev)
    # a place named nowhere near a count scores the same for every count: scored once
    static = [model.count_place.score(pair_features(ev, CountContext.far(ev, main), i, firsts))
              for i in range(len(places))]
    for count in counts:
        ctx = CountContext(ev, count, main)
        near = ctx.near_places(firsts)
        constant = model.count_place.score({"counted_places": ctx.counted_places, "money": ctx.money})
        scores = [model.count_place.score(pair_features(ev, ctx, i, firsts)) if i in near
                  else static[i] + constant for i in range(len(places))]
        best = max(range(len(places)), key=lambda i: (scores[i], i == main, -i))
        count["place"] = place_ref(places[best])
        if trace.enabled:
            trace.accept(Candidate("link", *count["span"], COUNT_TO_MAIN if best == main else COUNT_TO_NAMED,
                                   {"place": places[best]["name"]}))
    return place_ref(places[main])
