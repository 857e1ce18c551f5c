#!/usr/bin/env python3
"""Fit the two attribution scorers (main place; each count's place) on gold, and write
configs/attribution/weights.toml.

    .venv/bin/python scripts/train_attribution.py [--check-only] [--folds 5]

Data: ../shared/corpus/dev and ../shared/corpus/train minus the check set
(corpus/splits/train_check.txt), run through the pipeline as it is now (so the features see the
places and counts the pipeline really finds). Each decision is a choice among candidates, so the
model is a conditional logit (a softmax over the candidates of one decision), fitted by plain
gradient descent with an L2 penalty: deterministic, so a rebuild reproduces the file.
Prints cross-validated accuracy next to the simple-rule baselines of issue 18 (main place = the
place named first; a count's place = the place named last before it in its paragraph).
With --check-only it prints the check set's figures with the committed weights and writes nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean import clean_document  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.evaluate import _count_matches, _match, _place_matches  # noqa: E402
from pipeline.extract import document_view, extract_document  # noqa: E402
from pipeline.extract.attribution.features import (CountContext, DocumentFacts,  # noqa: E402
                                                    PlaceEvidence, pair_features, paragraph_firsts,
                                                    place_features)
from pipeline.extract.attribution.lexicon import weights, words  # noqa: E402
from pipeline.ingest import iter_sources, to_document  # noqa: E402

SHARED = Path(os.environ.get("BULLETINS_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "configs" / "attribution" / "weights.toml"
L2 = 0.5
STEPS = 3000
RATE = 0.5


def check_ids() -> set[str]:
    lines = (ROOT / "corpus" / "splits" / "train_check.txt").read_text(encoding="utf-8").splitlines()
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def same_place(pred: dict, gold: dict) -> bool:
    return _place_matches(pred, gold, 0) or _place_matches(pred, gold, 2)


def documents(check: bool):
    """(doc_id, view, counts, places, gold) for the fit documents (or the check set)."""
    config = load_config()
    ids = check_ids()
    for name in ("dev", "train"):
        folder = SHARED / "corpus" / name
        for source in iter_sources([str(folder / "texts")]):
            if (source.name in ids) != check or (check and name == "dev"):
                continue
            gold_path = folder / "gold" / f"{source.name}.json"
            if not gold_path.exists():
                continue
            doc = to_document(source, config.ingest.max_bytes, config.ingest.max_run_chars)
            clean_document(doc, config.clean.fixes)
            extract_document(doc, **config.extract.model_dump())
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            yield source.name, document_view(doc), doc.counts, doc.places, gold


def decisions(docs):
    """Main-place and count-place decisions: (doc, kind, [feature dicts], [labels])."""
    out = []
    for doc_id, view, counts, places, gold in docs:
        if not places:
            continue
        ev = PlaceEvidence(view, places, words(view.data))
        by_name = {g.get("name"): g for g in gold.get("places", [])}
        main_name = gold.get("main_place")
        facts = DocumentFacts(ev, counts)
        feats = [place_features(ev, facts, i, view.language) for i in range(len(places))]
        main_labels = [bool(main_name) and same_place(p, by_name.get(main_name, {"name": main_name})) for p in places]
        out.append((doc_id, "main", feats, main_labels, None))
        # the count decisions use the gold main place when the pipeline finds it (teacher forcing)
        main = next((i for i, ok in enumerate(main_labels) if ok), None)
        if main is None:
            main = max(range(len(places)), key=lambda i: weights(view.data).main_place.score(feats[i]))
        gold_counts = [g for g in gold.get("counts", []) if not g.get("optional")]
        hits = _match(gold_counts, counts, (True, False), _count_matches)
        firsts = paragraph_firsts(ev)
        for g, hit in zip(gold_counts, hits):
            where = g.get("place", main_name) if "place" in g else main_name
            if hit is None or where is None:
                continue
            target = by_name.get(where, {"name": where})
            labels = [same_place(p, target) for p in places]
            ctx = CountContext(ev, counts[hit], main)
            pair = [pair_features(ev, ctx, i, firsts) for i in range(len(places))]
            out.append((doc_id, "count", pair, labels, (counts[hit], ev)))
    return out


def fit(groups: list[tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
    """Conditional logit: maximise the softmax probability of the right candidates."""
    w = np.zeros(n)
    usable = [(x, y) for x, y in groups if y.any()]
    for _ in range(STEPS):
        grad = L2 * w
        for x, y in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            target = y / y.sum()
            grad -= x.T @ (target - p)
        w -= RATE * grad / max(1, len(usable))
    return w


def matrix(feats: list[dict], keys: list[str]) -> np.ndarray:
    return np.array([[f.get(k, 0.0) for k in keys] for f in feats], dtype=float)


def accuracy(groups, w) -> tuple[int, int]:
    right = total = 0
    for x, y in groups:
        if not len(y):
            continue
        total += 1
        right += bool(y[int(np.argmax(x @ w))])
    return right, total


def baselines(items) -> dict[str, tuple[int, int]]:
    """Issue 18's simple rules: main = first named; count = last named before it in its paragraph."""
    main_right = main_total = count_right = count_total = 0
    for doc_id, kind, feats, labels, extra in items:
        if kind == "main":
            main_total += 1
            main_right += bool(labels[max(range(len(feats)), key=lambda i: feats[i]["first_named"])])
        else:
            count, ev = extra
            count_total += 1
            start = count["span"][0]
            p = ev.view.paragraphs.index(start)
            lo = ev.view.paragraphs.spans[p][0] if p >= 0 else 0
            before = ev.mentions_before(start, lo)
            chosen = before[-1][2] if before else None
            count_right += chosen is not None and labels[chosen]
    return {"main": (main_right, main_total), "count": (count_right, count_total)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "train").is_dir():
        raise SystemExit(f"no training data at {SHARED}/corpus: this script needs ../shared")
    items = decisions(documents(check=args.check_only))
    if args.check_only:
        from pipeline.extract.data import DataFiles
        model = weights(DataFiles.at())
        for kind, scorer in (("main", model.main_place), ("count", model.count_place)):
            groups = [(matrix(f, list(scorer.weights)), np.array(y, dtype=float))
                      for _, k, f, y, _ in items if k == kind]
            right, total = accuracy(groups, np.array(list(scorer.weights.values())))
            print(f"check set {kind:5}: {right}/{total} = {right / max(1, total):.3f} "
                  f"(of decisions where the pipeline found any place)")
        return 0
    result = {}
    base = baselines(items)
    for kind in ("main", "count"):
        chosen = [(d, f, y) for d, k, f, y, _ in items if k == kind]
        keys = sorted({key for _, f, _ in chosen for feats in f for key in feats})
        ids = sorted({d for d, _, _ in chosen})
        random.Random(0).shuffle(ids)
        right = total = 0
        for fold in range(args.folds):
            held = set(ids[fold::args.folds])
            train = [(matrix(f, keys), np.array(y, dtype=float)) for d, f, y in chosen if d not in held]
            test = [(matrix(f, keys), np.array(y, dtype=float)) for d, f, y in chosen if d in held]
            r, t = accuracy(test, fit(train, len(keys)))
            right, total = right + r, total + t
        w = fit([(matrix(f, keys), np.array(y, dtype=float)) for _, f, y in chosen], len(keys))
        result[kind] = dict(zip(keys, (round(float(v), 4) for v in w)))
        b_right, b_total = base[kind]
        print(f"{kind:5}: cross-validated {right}/{total} = {right / max(1, total):.3f}; "
              f"baseline rule {b_right}/{b_total} = {b_right / max(1, b_total):.3f}")
    lines = ["# Weights of the attribution scorers (pipeline/extract/attribution). Written by",
             "# scripts/train_attribution.py; do not edit by hand: rebuild instead.", ""]
    for section, kind in (("main_place", "main"), ("count_place", "count")):
        lines.append(f"[{section}]")
        lines.append('trained_on = "dev + train minus the check set"')
        lines.append(f"[{section}.weights]")
        lines += [f"{k} = {v}" for k, v in result[kind].items()]
        lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
