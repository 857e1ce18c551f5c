"""Cost of the count extractors against their bare tokenisers, as ratios from one run.

    python benchmarks/bench_counts.py [--docs N] [--rounds R] [--whole] [--profile en|zh]

English: `find_counts(view)` given the spaCy doc (already made), against bare
`spacy.blank("en")` + sentencizer on the same ~1,000-word bulletins. Target: counts cost
<= 0.8x the tokenizer. Chinese: `find_counts(view)` (the view made in the timed call) against
bare `jieba.lcut` on the same ~800-character bulletins. Target: <= 0.5x.

Texts are real bulletins stitched by pipeline/bench_texts.py from --texts (default: the dev
set when ../shared is present, else corpus/texts). Each round times the baseline and the
extractor on *fresh* texts (what a unit's own words say is kept per unit string: repeating a
text would flatter later passes), CPU time; the median ratio over the rounds is reported
(the machine is shared and noisy: ratios, not absolute figures, are what to compare).
"own" rows time the extractors with the activity link (link.count_type_en / count_type_zh, owned
by the activities code) stubbed out. `--whole` also times the whole pipeline (process_source) per language against the baseline.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import statistics
import time

from _texts import default_texts, texts_by_round


def cpu(func, items) -> float:
    start = time.process_time()
    for item in items:
        func(item)
    return time.process_time() - start


@contextlib.contextmanager
def no_activity_link():
    """The extractors with the count -> activity link (link.count_type_en / count_type_zh)
    stubbed out: their own cost ("own")."""
    from pipeline.extract import link

    linked = link.count_type_en, link.count_type_zh
    link.count_type_en = link.count_type_zh = lambda *args, **kwargs: None
    try:
        yield
    finally:
        link.count_type_en, link.count_type_zh = linked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="texts per round and language")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--whole", action="store_true", help="also time the whole pipeline")
    parser.add_argument("--profile", choices=("en", "zh"), help="cProfile one extractor (activity link stubbed) instead")
    parser.add_argument("--texts", default=default_texts(), help="folder of real bulletins to stitch")
    args = parser.parse_args()

    import jieba

    from pipeline import zh as zh_tools
    from pipeline.extract.counts.en import find_counts_en
    from pipeline.extract.counts.zh import find_counts_zh as find_counts_zh_view
    from pipeline.extract.doc import DocView
    from pipeline.nlp import english

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    zh_tools.pos_tokenizer()
    nlp = english()
    rounds = args.rounds + 1                       # round 0 warms up
    en_texts = texts_by_round(args.texts, "en", args.docs, 2 * rounds)[1]   # fresh texts per round;
    zh_texts = texts_by_round(args.texts, "zh", args.docs, 2 * rounds)[1]   # the second half for --whole

    def find_counts_zh(text):
        return find_counts_zh_view(DocView(text, "zh"))

    def en_docs(texts):
        # tokenised outside the timed extractor
        return [DocView(t, "en", spacy_doc=nlp(t)) for t in texts]

    if args.profile:
        import cProfile
        import pstats

        texts = [t for ts in (en_texts if args.profile == "en" else zh_texts) for t in ts]
        items = en_docs(texts) if args.profile == "en" else texts
        func = find_counts_en if args.profile == "en" else find_counts_zh
        prof = cProfile.Profile()
        with no_activity_link():
            prof.runcall(lambda: [func(x) for x in items])
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return

    if args.whole:
        from pipeline.config import load_config
        from pipeline.core import process_source
        from pipeline.ingest import Source

        config = load_config()

        def whole(text):
            return process_source(Source(name="bench", path=None, data=text.encode("utf-8")), config)

    results: dict[str, list[float]] = {}
    for r in range(rounds):
        docs = en_docs(en_texts[r])
        base_en = cpu(nlp, en_texts[r])
        ours_en = cpu(find_counts_en, docs)
        base_zh = cpu(jieba.lcut, zh_texts[r])
        ours_zh = cpu(find_counts_zh, zh_texts[r])
        with no_activity_link():
            own_en = cpu(find_counts_en, en_docs(en_texts[r]))
            own_zh = cpu(find_counts_zh, zh_texts[r])
        row = {"en base ms/doc": base_en, "en counts ms/doc": ours_en, "en own ms/doc": own_en,
               "zh base ms/doc": base_zh, "zh counts ms/doc": ours_zh, "zh own ms/doc": own_zh}
        if args.whole:
            fresh_en, fresh_zh = en_texts[rounds + r], zh_texts[rounds + r]
            row["en whole/base"] = cpu(nlp, fresh_en) / cpu(whole, fresh_en)
            row["zh whole/base"] = cpu(jieba.lcut, fresh_zh) / cpu(whole, fresh_zh)
        if r == 0:
            continue
        for key, value in row.items():
            results.setdefault(key, []).append(value * 1000 / args.docs if "ms" in key else value)
        results.setdefault("en counts / base", []).append(ours_en / base_en)
        results.setdefault("zh counts / base", []).append(ours_zh / base_zh)
        results.setdefault("en own / base", []).append(own_en / base_en)
        results.setdefault("zh own / base", []).append(own_zh / base_zh)

    print(f"{args.docs} texts x {args.rounds} rounds per language (~1,000 words en, ~800 chars zh); medians")
    for key, values in results.items():
        print(f"  {key:18} {statistics.median(values):8.3f}   (min {min(values):.3f}, max {max(values):.3f})")
    print("targets: en counts / base <= 0.8, zh counts / base <= 0.5;"
          " whole/base (throughput ratio) en >= 0.3, zh >= 0.5")


if __name__ == "__main__":
    main()
