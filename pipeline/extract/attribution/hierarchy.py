"""Where each place sits: `places[].parents`, the codes of the units that contain it, innermost
first ("420111" Hongshan District -> ["420100", "420000"]).

A place with a code takes its chain from the gazetteer. A township or street without one takes
the county it belongs to when the gazetteer lists its Chinese name under one county only, or
under one county among the places the bulletin names. A community, village or site takes the
chain of the place named right before it ("Guanshan Subdistrict Xinhua Community"), when that
place has one.
"""
from __future__ import annotations

from ...gazetteer import Gazetteer, load_gazetteer
from .features import PlaceEvidence, group_of


def _chain(gz: Gazetteer, code: str) -> list[str]:
    return [d.code for d in gz.chain(code)]


def fill_parents(ev: PlaceEvidence, gz: Gazetteer | None = None) -> None:
    """Set "parents" on every place of ev.places (a list, possibly empty)."""
    gz = gz or load_gazetteer()
    places = ev.places
    known_codes: set[str] = set()
    for p in places:
        if p.get("adcode"):
            known_codes.update(_chain(gz, p["adcode"]))
    own: list[list[str]] = []
    for p in places:
        if p.get("adcode"):
            chain = _chain(gz, p["adcode"])
            own.append(chain)
            p["parents"] = chain[1:]
            continue
        own.append([])
        p["parents"] = []
        if group_of(p) == "township" and p.get("name_zh"):
            counties = {t.county for t in gz.townships_by_zh.get(p["name_zh"], ())}
            if len(counties) > 1:
                counties &= known_codes | {c for c in counties if gz.ancestors(c) & known_codes}
            if len(counties) == 1:
                p["parents"] = _chain(gz, counties.pop())
    # a place named right after a containing place sits inside it
    before: dict[int, int] = {}
    text = ev.view.text
    for (s1, e1, i), (s2, e2, j) in zip(ev.mentions, ev.mentions[1:]):
        if i != j and s2 - e1 <= 3 and ev.container[i] and not text[e1:s2].strip(" ,'’s"):
            before.setdefault(j, i)
    for j, i in before.items():
        if not places[j]["parents"]:
            outer = places[i]
            places[j]["parents"] = ([outer["adcode"]] if outer.get("adcode") else []) + list(outer["parents"])
