"""The scorer's figures on ../shared/corpus/dev must stay at or above the floors.

Raise a floor when quality improves; never lower one.
"""
import json
import subprocess
import sys

import pytest

from pipeline.evaluate import score

from .conftest import SCORER

FLOORS = json.loads((__import__("pathlib").Path(__file__).parent / "quality_floors.json").read_text())
METRICS = [(prefix, key, floor) for prefix, floors in FLOORS.items() for key, floor in floors.items()]


def _metric(result, key):
    if key.endswith("_f1") or key.endswith("_precision") or key.endswith("_recall"):
        group, measure = key.rsplit("_", 1)
        return result[group][measure]
    return result[key]


@pytest.mark.parametrize("prefix, key, floor", METRICS, ids=[f"{p or 'all'}-{k}" for p, k, _ in METRICS])
def test_dev_scores_stay_above_floors(dev_dir, dev_records, prefix, key, floor):
    records = {}
    for line in dev_records.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        records[rec["doc_id"]] = rec
    result = score(dev_dir / "gold", records, prefix=prefix)
    assert result["missing_records"] == []
    assert (_metric(result, key) or 0) >= floor


def test_our_evaluation_agrees_with_the_shared_scorer(dev_dir, dev_records):
    shared = json.loads(subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(dev_dir / "gold"), "--pred", str(dev_records), "--json"],
        check=True, capture_output=True, text=True).stdout)
    records = {json.loads(x)["doc_id"]: json.loads(x) for x in dev_records.read_text().splitlines()}
    ours = score(dev_dir / "gold", records)
    assert shared["contract_breaches"] == 0
    for key in ("documents", "counts", "places", "admin_places_by_code", "activities", "count_qualifier_accuracy",
                "count_category_accuracy", "count_activity_accuracy", "count_place_accuracy",
                "main_place_accuracy", "title_accuracy", "date_accuracy", "missing_records"):
        assert ours[key] == shared[key], key
