"""Scoring against gold annotations, with the matching rules of ../shared/bin/score.

Kept rule-for-rule in step with that scorer (a test checks both agree on the dev set),
plus per-type precision/recall for activities so weak types show.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

CJK = re.compile(r"[\u3400-\u9fff]")
PLACE_SUFFIXES = re.compile(
    r"(district|county|city|province|prefecture|town|township|street|subdistrict|"
    r"community|village|autonomous|region|area|区|县|市|省|州|镇|乡|街道|社区|村)$")


def _lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(ses|xes|ches|shes)$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return [_lemma(w) for w in re.findall(r"[a-z]+", text)]


def unit_matches(pred: dict, alternatives: list[str], strict: bool = False) -> bool:
    readings = [r for r in (pred.get("unit"), pred.get("unit_normalized")) if r]
    for reading in readings:
        reading = unicodedata.normalize("NFKC", reading)
        for alt in alternatives:
            alt = unicodedata.normalize("NFKC", alt)
            if CJK.search(alt):
                if alt == reading or (not strict and (alt in reading or (CJK.search(reading) and reading in alt))):
                    return True
            else:
                a, r = _words(alt), _words(reading)
                if a and r and (a[-1] == r[-1] or (not strict and a[-1] in r)):
                    return True
    return False


def _same_value(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _place_key(name) -> str:
    name = unicodedata.normalize("NFKC", name or "").lower().strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"[\s\-'’.]", "", name)
    previous = None
    while previous != name:
        previous, name = name, PLACE_SUFFIXES.sub("", name)
    return name


def _fold(text) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\W_]+", "", text)


def same_title(pred, gold) -> bool:
    """Both null, or the same headline once case, width, spaces and punctuation are folded (one
    containing the other at 80% counts)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    a, b = _fold(pred), _fold(gold)
    return a == b or (bool(a) and bool(b) and (a in b or b in a) and min(len(a), len(b)) >= 0.8 * max(len(a), len(b)))


def same_date(pred, gold) -> bool:
    """Both null, or the prediction starts with the gold (gold 2021-07 accepts 2021-07-01)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return str(pred).startswith(str(gold))


def same_place(pred, gold: dict) -> bool:
    """A predicted {name, adcode} (or null) names the gold place: by code, else by name."""
    if not isinstance(pred, dict):
        return False
    return _place_matches(pred, gold, 0) or _place_matches(pred, gold, 2)


def _gold_codes(gold: dict) -> set[str]:
    codes = gold.get("adcode")
    return {str(c) for c in (codes if isinstance(codes, list) else [codes]) if c}


def _place_matches(pred: dict, gold: dict, strength: int) -> bool:
    if strength == 0:
        return bool(pred.get("adcode")) and str(pred["adcode"]) in _gold_codes(gold)
    pred_keys = {_place_key(pred.get("name")), _place_key(pred.get("name_zh"))} - {""}
    gold_names = [gold.get("name"), gold.get("name_zh")] + list(gold.get("aliases") or [])
    if not pred_keys & ({_place_key(n) for n in gold_names} - {""}):
        return False
    return strength == 2 or pred.get("level") == gold.get("level")


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _match(golds: list, preds: list, rounds, matches) -> list:
    used, hits = [False] * len(preds), [None] * len(golds)
    for strength in rounds:
        for gi, g in enumerate(golds):
            if hits[gi] is None:
                hit = next((i for i, p in enumerate(preds) if not used[i] and matches(p, g, strength)), None)
                if hit is not None:
                    hits[gi], used[hit] = hit, True
    return hits


def _unmatched(preds: list, hits: list) -> list:
    """The predictions no gold item took."""
    used = {h for h in hits if h is not None}
    return [p for i, p in enumerate(preds) if i not in used]


def _count_matches(p: dict, g: dict, strict: bool) -> bool:
    return _same_value(p.get("value"), g["value"]) and unit_matches(p, g["unit"], strict)


def load_gold(gold_dir: str | Path, prefix: str = "") -> list[dict]:
    gold_files = sorted(Path(gold_dir).glob(f"{prefix}*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files in {gold_dir}")
    golds = []
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        gold.setdefault("doc", gf.stem)
        golds.append(gold)
    return golds


def score(gold_dir: str | Path, records: dict[str, dict], prefix: str = "") -> dict:
    """Score records (by doc_id) against the gold files in gold_dir."""
    return score_documents(load_gold(gold_dir, prefix), records)


def score_documents(golds: list[dict], records: dict[str, dict]) -> dict:
    """Score records (by doc_id) against gold annotations (one dict per bulletin)."""
    counts, places, admin, activities = Tally(), Tally(), Tally(), Tally()
    per_type: dict[str, Tally] = defaultdict(Tally)
    qual, link, cat, attr, main_place = [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]
    meta = {"title": [0, 0], "date": [0, 0]}
    missing, errors = [], []
    for gold in golds:
        doc = gold["doc"]
        rec = records.get(doc)
        if rec is None:
            missing.append(doc)
            rec = {}
        for key, same in (("title", same_title), ("date", same_date)):
            if key in gold:
                meta[key][1] += 1
                ok = same(rec.get(key), gold[key])
                meta[key][0] += ok
                if not ok:
                    errors.append(f"{doc}: {key} {rec.get(key)!r}, gold {gold[key]!r}")
        by_name = {g.get("name"): g for g in gold.get("places", [])}
        main = gold.get("main_place")
        if main is not None:
            main_place[1] += 1
            ok = same_place(rec.get("main_place"), by_name.get(main, {"name": main}))
            main_place[0] += ok
            if not ok:
                errors.append(f"{doc}: main place {(rec.get('main_place') or {}).get('name')!r}, gold {main!r}")
        pcounts = list(rec.get("counts") or [])
        gold_counts = [g for g in gold.get("counts", []) if not g.get("optional")] + \
                      [g for g in gold.get("counts", []) if g.get("optional")]
        hits = _match(gold_counts, pcounts, (True, False), _count_matches)
        tp = fn = 0
        for g, hit in zip(gold_counts, hits):
            if hit is None:
                if not g.get("optional"):
                    fn += 1
                    errors.append(f"{doc}: missed count {g['value']} {g['unit'][0]}")
                continue
            if g.get("optional"):
                continue
            tp += 1
            p = pcounts[hit]
            qual[1] += 1
            qual[0] += p.get("qualifier") == g.get("qualifier", "exact")
            cat[1] += 1
            cat[0] += p.get("category") == g.get("category")
            if g.get("activity"):
                link[1] += 1
                link[0] += p.get("activity") == g["activity"]
            where = g.get("place", main) if "place" in g else main
            if where is not None:
                attr[1] += 1
                ok = same_place(p.get("place"), by_name.get(where, {"name": where}))
                attr[0] += ok
                if not ok:
                    errors.append(f"{doc}: count {g['value']} {g['unit'][0]}: place "
                                  f"{(p.get('place') or {}).get('name')!r}, gold {where!r}")
        spurious = _unmatched(pcounts, hits)
        errors += [f"{doc}: spurious count {p.get('value')} {p.get('unit')!r} ({p.get('evidence')!r})"
                   for p in spurious]
        counts.add(tp, len(spurious), fn)

        gplaces, pplaces = gold.get("places", []), list(rec.get("places") or [])
        hits = _match(gplaces, pplaces, (0, 1, 2), _place_matches)
        tp = fn = 0
        for g, hit in zip(gplaces, hits):
            if g.get("optional"):
                continue
            if hit is None:
                fn += 1
                errors.append(f"{doc}: missed place {g.get('name')}")
                if _gold_codes(g):
                    admin.add(0, 0, 1)
                continue
            tp += 1
            if _gold_codes(g):
                ok = str(pplaces[hit].get("adcode")) in _gold_codes(g)
                admin.add(int(ok), 0, int(not ok))
        spurious = _unmatched(pplaces, hits)
        for p in spurious:
            errors.append(f"{doc}: spurious place {p.get('name')!r}")
            if p.get("adcode"):
                admin.add(0, 1, 0)
        places.add(tp, len(spurious), fn)

        gtypes = set(gold.get("activities", []))
        maybe = set(gold.get("activities_optional", [])) - gtypes
        ptypes = {a.get("type") if isinstance(a, dict) else a for a in rec.get("activities") or []} - maybe
        activities.add(len(gtypes & ptypes), len(ptypes - gtypes), len(gtypes - ptypes))
        for t in gtypes | ptypes:
            per_type[t].add(int(t in gtypes and t in ptypes), int(t in ptypes and t not in gtypes),
                            int(t in gtypes and t not in ptypes))
        errors += [f"{doc}: missed activity {t}" for t in sorted(gtypes - ptypes)]
        errors += [f"{doc}: spurious activity {t}" for t in sorted(ptypes - gtypes)]

    def ratio(pair):
        return round(pair[0] / pair[1], 4) if pair[1] else None

    return {
        "documents": len(golds),
        "missing_records": missing,
        "counts": counts.prf(),
        "count_qualifier_accuracy": ratio(qual),
        "count_category_accuracy": ratio(cat),
        "count_activity_accuracy": ratio(link),
        "count_place_accuracy": ratio(attr),
        "main_place_accuracy": ratio(main_place),
        "title_accuracy": ratio(meta["title"]),
        "date_accuracy": ratio(meta["date"]),
        "places": places.prf(),
        "admin_places_by_code": admin.prf(),
        "activities": activities.prf(),
        "activity_types": {t: per_type[t].prf() for t in sorted(per_type)},
        "errors": errors,
    }


class Verdicts:
    """How one record's items fare against its gold: which predicted counts and places a gold
    item took, and which gold items the record missed (for judging dropped candidates)."""

    def __init__(self, gold: dict, record: dict):
        pcounts = list(record.get("counts") or [])
        gold_counts = [g for g in gold.get("counts", []) if not g.get("optional")] + \
                      [g for g in gold.get("counts", []) if g.get("optional")]
        hits = _match(gold_counts, pcounts, (True, False), _count_matches)
        taken = {h: g for g, h in zip(gold_counts, hits) if h is not None}
        self.count_by_span = {tuple(p["span"]): i in taken for i, p in enumerate(pcounts) if p.get("span")}
        self.missed_counts = [g for g, h in zip(gold_counts, hits) if h is None and not g.get("optional")]
        gplaces, pplaces = gold.get("places", []), list(record.get("places") or [])
        hits = _match(gplaces, pplaces, (0, 1, 2), _place_matches)
        self.right_places = [pplaces[h] for h in hits if h is not None]
        self.missed_places = [g for g, h in zip(gplaces, hits) if h is None and not g.get("optional")]
        self.gold_types = set(gold.get("activities", [])) | set(gold.get("activities_optional", []))
        predicted = {a.get("type") if isinstance(a, dict) else a for a in record.get("activities") or []}
        self.missed_types = set(gold.get("activities", [])) - predicted

    def place_ok(self, item: dict) -> bool | None:
        if not item:
            return None
        keys = {_place_key(item.get("name")), _place_key(item.get("name_zh"))} - {""}
        return any(keys & ({_place_key(p.get("name")), _place_key(p.get("name_zh"))} - {""})
                   or (item.get("adcode") and item.get("adcode") == p.get("adcode"))
                   for p in self.right_places)

    def missed_count(self, item: dict) -> bool:
        """Whether a gold count the record missed has this value (and this unit, when known)."""
        return any(_same_value(item.get("value"), g["value"])
                   and (not item.get("unit") or unit_matches(item, g["unit"]))
                   for g in self.missed_counts)

    def missed_place(self, item: dict) -> bool:
        return any(_place_matches(item, g, strength) for g in self.missed_places for strength in (0, 1, 2))


def judge_record(gold: dict, record: dict) -> Verdicts:
    return Verdicts(gold, record)


def format_result(result: dict, show_errors: bool = False) -> str:
    lines = [f"documents: {result['documents']}  missing records: {len(result['missing_records'])}"]
    for key in ("counts", "places", "admin_places_by_code", "activities"):
        m = result[key]
        lines.append(f"{key:22} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     f"  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    for key in ("count_qualifier_accuracy", "count_category_accuracy", "count_activity_accuracy",
                "count_place_accuracy", "main_place_accuracy", "title_accuracy", "date_accuracy"):
        lines.append(f"{key:26} {result[key]}")
    lines.append("activity types:")
    for t, m in result["activity_types"].items():
        lines.append(f"  {t:22} P {m['precision']:.2f}  R {m['recall']:.2f}  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    if show_errors:
        lines += ["  " + e for e in result["errors"]]
    return "\n".join(lines)
