"""Throughput of the Chinese path against bare `jieba.lcut`, in one run over the same texts.

    python benchmarks/bench_zh.py [--texts DIR] [--docs N] [--rounds R]

Texts: real Chinese bulletins stitched to ~800 characters (pipeline/bench_texts.py) from
--texts (default: the dev set when ../shared is present, else corpus/texts). Loading is
timed apart (once per process for both); every contender is warmed on other documents, then
each round times all of them on the same fresh documents (a pass over texts already seen
would hit per-text caches); median [min-max] of throughput and of the ratios over the rounds.
Reports: bare jieba.lcut; the Chinese counts path (clean + find_counts_zh); the whole
pipeline on a Chinese document (clean + counts + places + activities + validate); the ratio
of each to bare jieba (the target: the Chinese path at least half as fast as bare jieba).
"""
from __future__ import annotations

import argparse
import logging
import statistics
import time

from _texts import default_texts, texts_by_round

def cpu(func, texts: list[str]) -> float:
    start = time.process_time()          # CPU time: steadier than wall time on a busy machine
    for text in texts:
        func(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default=default_texts())
    parser.add_argument("--docs", type=int, default=50, help="documents per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import jieba

    from pipeline import zh
    from pipeline.clean import clean_text
    from pipeline.config import load_config
    from pipeline.core import process_source
    from pipeline.extract import link
    from pipeline.extract.counts.zh import find_counts_zh
    from pipeline.extract.doc import DocView
    from pipeline.ingest import Source

    jieba.setLogLevel(logging.WARNING)
    start = time.perf_counter()
    jieba.initialize()
    bare_load = time.perf_counter() - start
    start = time.perf_counter()
    zh.pos_tokenizer()
    ours_load = time.perf_counter() - start
    config = load_config()
    fixes = config.clean.fixes

    def counts_path(text: str):
        return find_counts_zh(DocView(clean_text(text, "zh", fixes)[0], "zh"))

    def counts_path_unlinked(text: str):
        """The same without the activity link (link.count_type_zh), to show its share."""
        linked = link.count_type_zh
        link.count_type_zh = lambda *args, **kwargs: None
        try:
            return counts_path(text)
        finally:
            link.count_type_zh = linked

    def whole_pipeline(text: str):
        return process_source(Source(name="bench", path=None, data=text.encode("utf-8")), config)

    warm, rounds = texts_by_round(args.texts, "zh", args.docs, args.rounds)
    if not warm:
        raise SystemExit(f"no Chinese bulletin in {args.texts}")
    contenders = {"bare jieba.lcut": lambda t: jieba.lcut(t), "clean + counts_zh": counts_path,
                  "  without activity link": counts_path_unlinked, "whole pipeline (zh)": whole_pipeline}
    for func in contenders.values():
        for text in warm:
            func(text)
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    for r, texts in enumerate(rounds):
        for name in (list(contenders) if r % 2 == 0 else list(contenders)[::-1]):
            seconds[name].append(cpu(contenders[name], texts))
    chars = sum(map(len, rounds[0]))
    print(f"load: bare jieba {bare_load:.2f}s; pipeline jieba + user dictionary + tags {ours_load:.2f}s")
    print(f"real text from {args.texts}: {args.docs} documents (~{chars // args.docs} chars) per round, "
          f"{args.rounds} rounds; median [min-max]")
    bare = seconds["bare jieba.lcut"]
    for name, values in seconds.items():
        rate = [sum(map(len, texts)) / s / 1000 for texts, s in zip(rounds, values)]
        ratio = [b / s for b, s in zip(bare, values)]
        print(f"  {name:24} {statistics.median(rate):8.1f} kchar/s   ratio to bare "
              f"{statistics.median(ratio):5.2f} [{min(ratio):.2f}-{max(ratio):.2f}]")

if __name__ == "__main__":
    main()
