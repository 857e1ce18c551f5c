"""Time of the activity code against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_activities.py [--synthetic N] [--repeat R]

Texts: N synthetic English and N synthetic Chinese bulletins (`pipeline.bench.synthetic_bulletin`),
cleaned by the pipeline. The activity_for_unit calls the count extractors make are recorded
(untimed) in a full pipeline pass, then every activity cache is cleared and the timed pass runs:
  English: bare spacy.blank("en") + sentencizer; find_activities on the shared Doc; the
           recorded activity_for_unit calls, document by document.
  Chinese: bare jieba.lcut; find_activities; the recorded activity_for_unit calls.
Reported: each time as a ratio of its language's bare tokeniser (targets: find_activities
<= 0.3x spaCy, activity_for_unit <= 0.2x spaCy, Chinese activity work <= 0.15x jieba).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _clear_caches() -> None:
    """Forget what the linker kept of earlier sentences (units typed by the lexicon stay)."""
    from pipeline.extract.activities.lexicon import load
    from pipeline.extract.data import DataFiles

    lexicon = load(DataFiles.at())
    lexicon.unit_types.clear()
    lexicon.context_hits.clear()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)

    import jieba
    from pipeline.bench import synthetic_bulletin
    from pipeline.config import load_config
    from pipeline.core import process_source, warm_up
    from pipeline.extract import activities as A
    from pipeline.extract.doc import DocView
    from pipeline.ingest import Source
    from pipeline.nlp import english

    config = load_config()
    warm_up(config)
    jieba.lcut("预热")
    nlp = english()

    # Record cleaned texts and the unit calls per document (untimed).
    docs = {"en": [], "zh": []}
    current: list = []
    orig_unit, orig_find = A.activity_for_unit, A.find_activities

    def unit(u, context, language):
        current.append((u, context, language))
        return orig_unit(u, context, language)

    def find(view):
        docs[view.language].append((view.text, list(current)))
        return orig_find(view)

    A.activity_for_unit, A.find_activities = unit, find
    try:
        for lang in ("en", "zh"):
            for i in range(args.synthetic):
                current.clear()
                process_source(Source(f"b{i}", None, synthetic_bulletin(10_000 + i, lang).encode()),
                               config)
    finally:
        A.activity_for_unit, A.find_activities = orig_unit, orig_find

    en_docs = [(t, nlp(t), calls) for t, calls in docs["en"]]
    clock = time.process_time
    totals = dict.fromkeys(["spacy", "find_en", "unit_en", "jieba", "find_zh", "unit_zh"], 0.0)
    for _ in range(args.repeat):
        _clear_caches()
        for text, spacy_doc, calls in en_docs:
            t0 = clock(); nlp(text); t1 = clock()
            A.find_activities(DocView(text, "en", spacy_doc=spacy_doc)); t2 = clock()
            for c in calls:
                A.activity_for_unit(*c)
            t3 = clock()
            totals["spacy"] += t1 - t0; totals["find_en"] += t2 - t1; totals["unit_en"] += t3 - t2
        for text, calls in docs["zh"]:
            t0 = clock(); jieba.lcut(text); t1 = clock()
            A.find_activities(DocView(text, "zh")); t2 = clock()
            for c in calls:
                A.activity_for_unit(*c)
            t3 = clock()
            totals["jieba"] += t1 - t0; totals["find_zh"] += t2 - t1; totals["unit_zh"] += t3 - t2
    n = len(en_docs)
    print(f"{n} English, {len(docs['zh'])} Chinese documents, {args.repeat} pass(es); CPU seconds")
    print(f"  spacy.blank+sentencizer {totals['spacy']:.3f}")
    print(f"  find_activities en      {totals['find_en']:.3f}  = {totals['find_en'] / totals['spacy']:.3f}x spaCy (target <= 0.3)")
    print(f"  activity_for_unit en    {totals['unit_en']:.3f}  = {totals['unit_en'] / totals['spacy']:.3f}x spaCy (target <= 0.2)")
    print(f"  jieba.lcut              {totals['jieba']:.3f}")
    zh = totals["find_zh"] + totals["unit_zh"]
    print(f"  activities zh           {zh:.3f}  = {zh / totals['jieba']:.3f}x jieba (target <= 0.15)"
          f"  [find {totals['find_zh']:.3f}, unit {totals['unit_zh']:.3f}]")


if __name__ == "__main__":
    main()
