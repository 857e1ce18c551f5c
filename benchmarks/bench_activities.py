"""Time of the activity code against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_activities.py [--texts DIR] [--docs N] [--rounds R]

Texts: N English and N Chinese real bulletins stitched by pipeline/bench_texts.py from --texts
(default: the dev set when ../shared is present, else corpus/texts), cleaned by the pipeline. The
count -> activity links the count extractors ask for (link.count_type_en / count_type_zh) are
recorded (untimed) in a full pipeline pass; the timed pass gives every document a fresh view (its
cue layers unmade) and runs:
  English: bare spacy.blank("en") + sentencizer; find_activities on the shared Doc; the
           recorded links, document by document.
  Chinese: bare jieba.lcut; find_activities; the recorded links.
Each of R rounds repeats the timed pass; reported: each time as a ratio
of its language's bare tokeniser, median [min-max] over the rounds (targets: find_activities
<= 0.3x spaCy, links <= 0.2x spaCy, Chinese activity work <= 0.15x jieba).
"""
from __future__ import annotations

import argparse
import logging
import statistics
import time

from _texts import default_texts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", default=default_texts())
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)

    import jieba
    from pipeline.bench_texts import read_paragraphs, stitched
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
        paragraphs = read_paragraphs(args.texts)
        for lang in ("en", "zh"):
            for i, text in enumerate(stitched(paragraphs, lang, args.docs, first=10_000)
                                     if paragraphs.bulletins[lang] else []):
                current.clear()
                process_source(Source(f"b{i}", None, text.encode()), config)
    finally:
        link.count_type_en, link.count_type_zh, A.find_activities = originals

    def linked(view, calls):
        for kind, a, k in calls:
            (link.count_type_en if kind == "en" else link.count_type_zh)(view, *a, **k)

    en_docs = [(t, nlp(t), calls) for t, calls in docs["en"]]
    clock = time.process_time
    rounds = []
    for _ in range(args.rounds):
        totals = dict.fromkeys(["spacy", "find_en", "unit_en", "jieba", "find_zh", "unit_zh"], 0.0)
        for text, spacy_doc, calls in en_docs:
            view = DocView(text, "en", spacy_doc=spacy_doc)     # a fresh view: its cue layers unmade
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
        rounds.append(totals)

    def ratio(key, base):
        values = [(sum(t[k] for k in key) / t[base]) if t[base] else 0.0 for t in rounds]
        return f"{statistics.median(values):.3f}x [{min(values):.3f}-{max(values):.3f}]"

    print(f"{len(en_docs)} English, {len(docs['zh'])} Chinese documents, {args.rounds} rounds; "
          f"CPU time, median [min-max]")
    if en_docs:
        print(f"  find_activities en      {ratio(['find_en'], 'spacy')} spaCy (target <= 0.3)")
        print(f"  count links en          {ratio(['unit_en'], 'spacy')} spaCy (target <= 0.2)")
    if docs["zh"]:
        print(f"  activities zh           {ratio(['find_zh', 'unit_zh'], 'jieba')} jieba (target <= 0.15)"
              f"  [find {ratio(['find_zh'], 'jieba')}, links {ratio(['unit_zh'], 'jieba')}]")

if __name__ == "__main__":
    main()
