#!/usr/bin/env python3
"""Score story grouping on ../shared/corpus/reposts, ours beside the anchor, in one script.

    scripts/score_stories.py [--records RECORDS.jsonl] [--show-errors] [--json]

Runs `bulletins run` over the reposts texts (unless --records gives their records), groups the
records with a fresh in-memory story index, and scores with ../shared/bin/score-stories. The
anchor is single-linkage on character 5-gram Jaccard >= 0.3 over the raw texts (what MinHash
estimates), and the same over the cleaned texts, computed here.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BULLETINS_SHARED", ROOT.parent / "shared"))
REPOSTS = SHARED / "corpus" / "reposts"
SCORER = SHARED / "bin" / "score-stories"
BULLETINS = ROOT / ".venv" / "bin" / "bulletins"


def grams(text: str, n: int = 5) -> set[str]:
    t = re.sub(r"\s+", "", text.lower())
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}


def single_linkage(texts: dict[str, str], threshold: float = 0.3) -> dict[str, str]:
    """The anchor: join every pair with exact 5-gram Jaccard >= threshold, transitively."""
    parent = {d: d for d in texts}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    shingles = {d: grams(t) for d, t in texts.items()}
    for a, b in combinations(sorted(texts), 2):
        union = len(shingles[a] | shingles[b])
        if union and len(shingles[a] & shingles[b]) / union >= threshold:
            parent[find(a)] = find(b)
    return {d: find(d) for d in texts}


def score(pred: dict[str, str], tmp: Path, name: str, show_errors: bool) -> dict:
    path = tmp / f"{name}.tsv"
    path.write_text("".join(f"{d}\t{s}\n" for d, s in pred.items()), encoding="utf-8")
    result = json.loads(subprocess.run([sys.executable, str(SCORER), "--gold", str(REPOSTS / "stories.tsv"),
                                        "--pred", str(path), "--json"], check=True,
                                       capture_output=True, text=True).stdout)
    if show_errors:
        result["errors"] = subprocess.run(
            [sys.executable, str(SCORER), "--gold", str(REPOSTS / "stories.tsv"), "--pred", str(path),
             "--show-errors"], check=True, capture_output=True, text=True).stdout.splitlines()[5:]
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", help="records of the reposts texts (default: run the pipeline)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"no scorer at {SCORER}: ../shared is not beside the repository", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from pipeline.emit import read_jsonl
    from pipeline.stories import StoryIndex, group_records, load_stories_config

    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        records_path = Path(args.records) if args.records else tmp / "records.jsonl"
        if not args.records:
            subprocess.run([str(BULLETINS), "run", str(REPOSTS / "texts"), "-o", str(records_path), "-q"],
                           check=True)
        records = list(read_jsonl(records_path))
        with StoryIndex(None, load_stories_config()) as index:
            ours = {a.doc_id: a.story_id for a in group_records(records, index)}
        raw = {p.stem: p.read_text(encoding="utf-8") for p in sorted((REPOSTS / "texts").glob("*.txt"))}
        results = {
            "stories (pipeline/stories)": score(ours, tmp, "ours", args.show_errors),
            "anchor: 5-gram Jaccard >= 0.3, raw texts": score(single_linkage(raw), tmp, "anchor_raw", args.show_errors),
            "anchor: 5-gram Jaccard >= 0.3, cleaned texts": score(
                single_linkage({r["doc_id"]: r["text"] for r in records}), tmp, "anchor_clean", args.show_errors),
        }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    print(f"{'':46} {'P':>6} {'R':>6} {'F1':>6} {'xlang R':>8} {'B3 F1':>6}")
    for name, r in results.items():
        a, x = r["all"], r["cross_language"]
        print(f"{name:46} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} {x['recall']:8.3f} "
              f"{r['bcubed_f1']:6.3f}")
        for line in r.get("errors", []):
            print("    " + line.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
