"""Time of the activity code against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_activities.py [--synthetic N] [--repeat R]

Texts: N synthetic English and N synthetic Chinese bulletins (`pipeline.bench.synthetic_bulletin`),
cleaned by the pipeline. The count -> activity links the count extractors ask for
(link.count_type_en / count_type_zh) are recorded (untimed) in a full pipeline pass; the timed
pass gives every document a fresh view (its cue layers unmade) and runs:
  English: bare spacy.blank("en") + sentencizer; find_activities on the shared Doc; the
           recorded links, document by document.
  Chinese: bare jieba.lcut; find_activities; the recorded links.
Reported: each time as a ratio of its language's bare tokeniser (targets: find_activities
<= 0.3x spaCy, links <= 0.2x spaCy, Chinese activity work <= 0.15x jieba).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


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
    from pipeline.extract import activities as A, link
    from pipeline.extract.doc import DocView
    from pipeline.ingest import Source
    from pipeline.nlp import english

    config = load_config()
    warm_up(config)
    jieba.lcut("预热")
    nlp = english()

    # Record cleaned texts and the links per document (untimed).
    docs = {"en": [], "zh": []}
    current: list = []
    originals = link.count_type_en, link.count_type_zh, A.find_activities

    def recorder(kind, linked):
        def record(view, *a, **k):
            current.append((kind, a, k))
            return linked(view, *a, **k)
        return record

    def find(view):
        docs[view.language].append((view.text, list(current)))
        return originals[2](view)

    link.count_type_en = recorder("en", originals[0])
    link.count_type_zh = recorder("zh", originals[1])
    A.find_activities = find
    try:
        for lang in ("en", "zh"):
            for i in range(args.synthetic):
                current.clear()
                process_source(Source(f"b{i}", None, synthetic_bulletin(10_000 + i, lang).encode()),
                               config)
    finally:
        link.count_type_en, link.count_type_zh, A.find_activities = originals

    def linked(view, calls):
        for kind, a, k in calls:
            (link.count_type_en if kind == "en" else link.count_type_zh)(view, *a, **k)

    en_docs = [(t, nlp(t), calls) for t, calls in docs["en"]]
    clock = time.process_time
    totals = dict.fromkeys(["spacy", "find_en", "unit_en", "jieba", "find_zh", "unit_zh"], 0.0)
    for _ in range(args.repeat):
        for text, spacy_doc, calls in en_docs:
            view = DocView(text, "en", spacy_doc=spacy_doc)
            t0 = clock(); nlp(text); t1 = clock()
            A.find_activities(view); t2 = clock()
            linked(view, calls)
            t3 = clock()
            totals["spacy"] += t1 - t0; totals["find_en"] += t2 - t1; totals["unit_en"] += t3 - t2
        for text, calls in docs["zh"]:
            view = DocView(text, "zh")
            t0 = clock(); jieba.lcut(text); t1 = clock()
            A.find_activities(view); t2 = clock()
            linked(view, calls)
            t3 = clock()
            totals["jieba"] += t1 - t0; totals["find_zh"] += t2 - t1; totals["unit_zh"] += t3 - t2
    n = len(en_docs)
    print(f"{n} English, {len(docs['zh'])} Chinese documents, {args.repeat} pass(es); CPU seconds")
    print(f"  spacy.blank+sentencizer {totals['spacy']:.3f}")
    print(f"  find_activities en      {totals['find_en']:.3f}  = {totals['find_en'] / totals['spacy']:.3f}x spaCy (target <= 0.3)")
    print(f"  count links en          {totals['unit_en']:.3f}  = {totals['unit_en'] / totals['spacy']:.3f}x spaCy (target <= 0.2)")
    print(f"  jieba.lcut              {totals['jieba']:.3f}")
    zh = totals["find_zh"] + totals["unit_zh"]
    print(f"  activities zh           {zh:.3f}  = {zh / totals['jieba']:.3f}x jieba (target <= 0.15)"
          f"  [find {totals['find_zh']:.3f}, links {totals['unit_zh']:.3f}]")


if __name__ == "__main__":
    main()
