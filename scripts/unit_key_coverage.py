#!/usr/bin/env python3
"""How well configs/unit_keys.toml covers the counts the pipeline finds on dev and train.

    scripts/unit_key_coverage.py [--run] [--out DIR] [--top 30]

Reads DIR/dev.jsonl and DIR/train.jsonl (default out/sets, as written by
`scripts/score_sets.py --run`; --run writes them first). Prints, for dev, the fit part of train
and the check set: the counts, the share whose key came from a listed word, from the count's
category alone, and the share that fell to the fallback key. Then the most common fallback and
category-only units of dev and fit, so the vocabulary can grow. The check set's units are never
read or listed: only its shares are printed.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_sets import SHARED, check_ids  # noqa: E402

from pipeline.extract.unit_keys import explain  # noqa: E402


def read_sets(out: Path) -> tuple[dict[str, list[tuple[dict, str]]], Counter]:
    """The (count, language) pairs of dev and fit, and how the check set's keys were chosen
    (its units are never returned)."""
    check = check_ids()
    sets: dict[str, list[tuple[dict, str]]] = {"dev": [], "fit": []}
    check_how: Counter = Counter()
    for name in ("dev", "train"):
        path = out / f"{name}.jsonl"
        if not path.is_file():
            raise SystemExit(f"no records at {path}: run with --run (or scripts/score_sets.py --run --out {out})")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if name == "train" and record["doc_id"] in check:
                check_how.update(explain(c)[1] for c in record["counts"])
            else:
                sets["dev" if name == "dev" else "fit"].extend((c, record["language"]) for c in record["counts"])
    return sets, check_how


def _shares(name: str, how: Counter) -> str:
    n = max(sum(how.values()), 1)
    return (f"{name:8}{sum(how.values()):>8}{how['words'] / n:>8.1%}{how['category'] / n:>10.1%}"
            f"{how['fallback'] / n:>10.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", action="store_true", help="run the pipeline over dev and train first")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "sets")
    parser.add_argument("--top", type=int, default=30, help="how many units to list")
    args = parser.parse_args()
    if args.run:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("dev", "train"):
            texts = SHARED / "corpus" / name / "texts"
            if not texts.is_dir():
                raise SystemExit(f"no texts at {texts}: this script needs ../shared (or BULLETINS_SHARED)")
            subprocess.run([str(ROOT / ".venv" / "bin" / "bulletins"), "run", str(texts), "-o",
                            str(args.out / f"{name}.jsonl"), "--workers", "2", "--quiet", "--force"], check=True)
    sets, check_how = read_sets(args.out)
    print(f"{'set':8}{'counts':>8}{'words':>8}{'category':>10}{'fallback':>10}")
    fallback: Counter = Counter()
    by_category: Counter = Counter()
    for name, counts in sets.items():
        how: Counter = Counter()
        for c, language in counts:
            key, source = explain(c)
            how[source] += 1
            unit = c.get("unit_normalized") or c.get("unit")
            if source == "fallback":
                fallback[(language, c.get("category"), unit)] += 1
            elif source == "category":
                by_category[(language, c.get("category"), key, unit)] += 1
        print(_shares(name, how))
    print(_shares("check", check_how))
    dev_fit = len(sets["dev"]) + len(sets["fit"])
    print(f"\ndev + fit: {sum(fallback.values())} of {dev_fit} counts fall to the fallback key "
          f"({sum(fallback.values()) / max(dev_fit, 1):.1%})")
    print("\nmost common fallback units (dev + fit): language, category, unit")
    for (language, category, unit), n in fallback.most_common(args.top):
        print(f"{n:5}  {language}  {category:12} {unit}")
    print("\nmost common units keyed by their category alone (dev + fit): language, category -> key, unit")
    for (language, category, key, unit), n in by_category.most_common(args.top):
        print(f"{n:5}  {language}  {category:12} -> {key:12} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
