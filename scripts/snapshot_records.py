#!/usr/bin/env python3
"""Records of every text we may test on, saved to compare a refactor or speed change against.

    scripts/snapshot_records.py save DIR      # run the pipeline, keep the records in DIR
    scripts/snapshot_records.py compare DIR  # run again, report every record that differs

The texts: ../shared/corpus/{dev,train,reposts}, the repository's corpus/, and "mixed"
bulletins made by interleaving the paragraphs of neighbouring real bulletins of one language
(new contexts for every rule, written to a temporary folder, never to the repository).
A refactor or speed change must report "identical" for all of them.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BULLETINS_SHARED", ROOT.parent / "shared"))
BULLETINS = ROOT / ".venv" / "bin" / "bulletins"


def text_sets(tmp: Path) -> dict[str, Path]:
    sets = {"corpus": ROOT / "corpus" / "texts"}
    for name in ("dev", "train", "reposts"):
        folder = SHARED / "corpus" / name / "texts"
        if folder.is_dir():
            sets[name] = folder
    check = {line.strip() for line in (ROOT / "corpus" / "splits" / "train_check.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")}
    real = sorted(p for name in ("dev", "train") if name in sets for p in sets[name].glob("*.txt")
                  if p.stem not in check)     # the check set is only ever scored
    if real:
        mixed = tmp / "mixed"
        mixed.mkdir()
        for lang in ("en", "zh"):
            files = [p for p in real if p.name.startswith(lang)]
            for a, b in zip(files, files[1:] + files[:1]):
                pa = a.read_text(encoding="utf-8", errors="replace").split("\n")
                pb = b.read_text(encoding="utf-8", errors="replace").split("\n")
                lines = [x for pair in zip(pa, pb) for x in pair] + pa[len(pb):] + pb[len(pa):]
                (mixed / f"mix_{a.stem}_{b.stem}.txt").write_text("\n".join(lines), encoding="utf-8")
        sets["mixed"] = mixed
    return sets


def run_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        for name, folder in text_sets(Path(tmp_name)).items():
            target = out / f"{name}.jsonl"
            for leftover in out.glob(f"{name}.*"):
                leftover.unlink()
            subprocess.run([str(BULLETINS), "run", str(folder), "-o", str(target), "--workers", "2",
                            "--quiet", "--force"], check=False)


def _comparable(line: str) -> dict:
    """A record without its input path (the mixed texts live in a new temporary folder)."""
    record = json.loads(line)
    if isinstance(record.get("source"), dict):
        record["source"] = {**record["source"], "path": None}
    return record


def compare(saved: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        fresh = Path(tmp_name) / "fresh"
        run_all(fresh)
        differing = 0
        for old_path in sorted(saved.glob("*.jsonl")):
            if old_path.name.endswith(".errors.jsonl"):
                continue
            new_path = fresh / old_path.name
            old = old_path.read_text(encoding="utf-8").splitlines()
            new = new_path.read_text(encoding="utf-8").splitlines() if new_path.exists() else []
            bad = [i for i, (a, b) in enumerate(zip(old, new)) if _comparable(a) != _comparable(b)]
            if len(old) != len(new):
                print(f"{old_path.stem}: {len(old)} records saved, {len(new)} now")
                differing += 1
            for i in bad:
                a, b = json.loads(old[i]), json.loads(new[i])
                fields = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
                print(f"{old_path.stem}: {a.get('doc_id')} differs in {', '.join(sorted(fields))}")
            differing += len(bad)
            print(f"{old_path.stem}: {len(old)} records, {'identical' if not bad and len(old) == len(new) else f'{len(bad)} differ'}")
        return 1 if differing else 0


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        print(__doc__)
        return 2
    if sys.argv[1] == "save":
        run_all(Path(sys.argv[2]))
        return 0
    return compare(Path(sys.argv[2]))


if __name__ == "__main__":
    sys.exit(main())
