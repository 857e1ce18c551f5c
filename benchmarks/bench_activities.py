"""Time of the activity code against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_activities.py [--texts DIR] [--docs N] [--rounds R]

Texts: N English and N Chinese real bulletins stitched by pipeline/bench_texts.py from --texts
(default: the dev set when ../shared is present, else corpus/texts), cleaned by the pipeline. The activity_for_unit calls the count extractors make are recorded
(untimed) in a full pipeline pass, then every activity cache is cleared and the timed pass runs:
  English: bare spacy.blank("en") + sentencizer; find_activities on the shared Doc; the
           recorded activity_for_unit calls, document by document.
  Chinese: bare jieba.lcut; find_activities; the recorded activity_for_unit calls.
Each of R rounds repeats the timed pass (caches cleared first); reported: each time as a ratio
of its language's bare tokeniser, median [min-max] over the rounds (targets: find_activities
<= 0.3x spaCy, activity_for_unit <= 0.2x spaCy, Chinese activity work <= 0.15x jieba).
"""
from __future__ import annotations

import argparse
import logging
import statistics
import time

from _texts import default_texts


def _clear_caches(module) -> None:
    for value in vars(module).values():
        if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
            value.cache_clear()


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
    from pipeline.extract import activities as A, activity_rules as R
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

    def find(text, language, spacy_doc=None):
        docs[language].append((text, list(current)))
        return orig_find(text, language, spacy_doc)

    A.activity_for_unit, A.find_activities = unit, find
    try:
        paragraphs = read_paragraphs(args.texts)
        for lang in ("en", "zh"):
            for i, text in enumerate(stitched(paragraphs, lang, args.docs, first=10_000)
                                     if paragraphs.bulletins[lang] else []):
                current.clear()
                process_source(Source(f"b{i}", None, text.encode()), config)
    finally:
        A.activity_for_unit, A.find_activities = orig_unit, orig_find

    en_docs = [(t, nlp(t), calls) for t, calls in docs["en"]]
    clock = time.process_time
    rounds = []
    for _ in range(args.rounds):
        totals = dict.fromkeys(["spacy", "find_en", "unit_en", "jieba", "find_zh", "unit_zh"], 0.0)
        _clear_caches(A)
        _clear_caches(R)
        for text, spacy_doc, calls in en_docs:
            t0 = clock(); nlp(text); t1 = clock()
            A.find_activities(text, "en", spacy_doc); t2 = clock()
            for c in calls:
                A.activity_for_unit(*c)
            t3 = clock()
            totals["spacy"] += t1 - t0; totals["find_en"] += t2 - t1; totals["unit_en"] += t3 - t2
        for text, calls in docs["zh"]:
            t0 = clock(); jieba.lcut(text); t1 = clock()
            A.find_activities(text, "zh"); t2 = clock()
            for c in calls:
                A.activity_for_unit(*c)
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
        print(f"  activity_for_unit en    {ratio(['unit_en'], 'spacy')} spaCy (target <= 0.2)")
    if docs["zh"]:
        print(f"  activities zh           {ratio(['find_zh', 'unit_zh'], 'jieba')} jieba (target <= 0.15)"
              f"  [find {ratio(['find_zh'], 'jieba')}, unit {ratio(['unit_zh'], 'jieba')}]")

if __name__ == "__main__":
    main()
