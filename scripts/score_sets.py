#!/usr/bin/env python3
"""Score records on dev, the fit part of train and the check set, with the shared scorer.

    scripts/score_sets.py [--run] [--out DIR] [--errors dev|fit] [--only en_|zh_] [--json]

--run first runs `bulletins run` over ../shared/corpus/{dev,train}/texts into DIR (default
out/sets). The check set (corpus/splits/train_check.txt) is only ever scored as figures: this
script refuses to list its errors, so it stays an honest estimate of held-out accuracy.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BULLETINS_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "bin" / "score"
CHECK_FILE = ROOT / "corpus" / "splits" / "train_check.txt"

FIELDS = [
    ("counts", "f1"), ("counts", "precision"), ("counts", "recall"), ("places", "f1"),
    ("admin_places_by_code", "f1"), ("activities", "f1"), ("activities", "precision"),
    "count_activity_accuracy", "count_category_accuracy", "count_qualifier_accuracy",
    "count_place_accuracy", "main_place_accuracy", "title_accuracy", "date_accuracy",
]
SHORT = {
    "counts.f1": "cnt F1", "counts.precision": "cnt P", "counts.recall": "cnt R",
    "places.f1": "plc F1", "admin_places_by_code.f1": "adm F1", "activities.f1": "act F1",
    "activities.precision": "act P", "count_activity_accuracy": "c>act",
    "count_category_accuracy": "c>cat", "count_qualifier_accuracy": "c>qual",
    "count_place_accuracy": "c>plc", "main_place_accuracy": "main", "title_accuracy": "title",
    "date_accuracy": "date",
}


def check_ids() -> set[str]:
    lines = CHECK_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def gold_subset(gold_dir: Path, keep, tmp: Path) -> Path:
    """A folder of links to the gold files whose doc id `keep` accepts."""
    target = tmp / f"gold-{len(list(tmp.iterdir()))}"
    target.mkdir()
    for path in sorted(gold_dir.glob("*.json")):
        if keep(path.stem):
            (target / path.name).symlink_to(path)
    return target


def score(gold: Path, pred: Path, only: str | None, errors: bool = False) -> dict | str:
    command = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)]
    if only:
        command += ["--only", only]
    command += ["--show-errors"] if errors else ["--json"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout if errors else json.loads(result.stdout)


def figure(result: dict, field) -> str:
    value = result[field[0]][field[1]] if isinstance(field, tuple) else result.get(field)
    return "   -  " if value is None else f"{value:6.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", action="store_true", help="run the pipeline over dev and train first")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "sets")
    parser.add_argument("--errors", choices=["dev", "fit"], help="list the errors of dev or of train's fit part")
    parser.add_argument("--only", help="one language: en_ or zh_")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SCORER.exists():
        raise SystemExit(f"no scorer at {SCORER}: this script needs ../shared (or BULLETINS_SHARED)")
    args.out.mkdir(parents=True, exist_ok=True)
    sets = {"dev": SHARED / "corpus" / "dev", "train": SHARED / "corpus" / "train"}
    if args.run:
        for name, folder in sets.items():
            subprocess.run([str(ROOT / ".venv" / "bin" / "bulletins"), "run", str(folder / "texts"), "-o",
                            str(args.out / f"{name}.jsonl"), "--workers", "2", "--quiet", "--force"], check=True)
    check = check_ids()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        golds = {
            "dev": (gold_subset(sets["dev"] / "gold", lambda d: True, tmp), args.out / "dev.jsonl"),
            "fit": (gold_subset(sets["train"] / "gold", lambda d: d not in check, tmp), args.out / "train.jsonl"),
            "check": (gold_subset(sets["train"] / "gold", lambda d: d in check, tmp), args.out / "train.jsonl"),
        }
        if args.errors:
            gold, pred = golds[args.errors]
            print(score(gold, pred, args.only, errors=True))
            return 0
        rows = {}
        for name, (gold, pred) in golds.items():
            for lang in ([args.only] if args.only else ["en_", "zh_", None]):
                rows[f"{name} {lang or 'all'}"] = score(gold, pred, lang)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    keys = [".".join(f) if isinstance(f, tuple) else f for f in FIELDS]
    print(f"{'set':10}" + "".join(f"{SHORT[k]:>7}" for k in keys))
    for name, result in rows.items():
        print(f"{name:10}" + "".join(f"{figure(result, f):>7}" for f in FIELDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
