"""Throughput of the Chinese path against bare `jieba.lcut`, in one run over the same texts.

    python benchmarks/bench_zh.py [--dev DIR] [--synthetic N] [--repeat R]

Texts: the dev set's zh_* bulletins (when ../shared is present) and N synthetic ~800-character
bulletins written from templates here. Loading is timed apart (once per process for both);
throughput is characters per CPU second over R passes (default 1: the first pass is the
honest one, later passes hit per-text caches), after a warm-up on other texts.
Reports: bare jieba.lcut; the Chinese counts path (clean + find_counts_zh); the whole
pipeline on a Chinese document (clean + counts + places + activities + validate); the ratio
of each to bare jieba (the target: the Chinese path at least half as fast as bare jieba).
"""
from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_PLACES = ["金水区", "鼓楼区", "天河区", "城中区", "洪山区", "罗湖区"]
_STREETS = ["丰产路街道", "宁海路街道", "石牌街道", "饮马街街道", "东门街道"]
_SENTENCES = [
    "今年以来,{place}{street}组建志愿服务队{n1}支,招募志愿者{n2}余名,开展宣讲活动{n3}场。",
    "据统计,全区已开展各类文明实践活动{w}万余场次,服务群众超{n4}万人次,累计办理实事{n2}件。",
    "街道把辖区划分为{n1}个网格,每个网格配备不少于{s}名网格员,及时收集群众反映的问题{n3}件。",
    "活动期间,{n1}支慰问小分队走访困难家庭约{n3}户,发放慰问金共计{w}万元。",
    "下一步,{street}将在{n1}个社区推广经验,每月举办不超过{s}场集中服务日活动。",
    "{place}第三届邻里文化节开幕,演出持续了{s}个多小时,逾千名居民到场观看。",
    "宣讲团采取“1+{s}+N”工作模式,开展“七个一”系列宣讲,其中面向青少年的宣讲{n3}场。",
    "2023年3月{s}日,{place}召开座谈会,{n2}名党员干部参加,88岁的老党员作了发言。",
]


def synthetic_bulletins(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [f"{rng.choice(_PLACES)}开展志愿服务活动\n"]
        while sum(map(len, parts)) < 800:
            parts.append(rng.choice(_SENTENCES).format(
                place=rng.choice(_PLACES), street=rng.choice(_STREETS), n1=rng.randint(2, 60),
                n2=rng.randint(20, 900), n3=rng.randint(10, 2000), n4=rng.randint(2, 90),
                w=round(rng.uniform(1, 9), 1), s=rng.randint(2, 9)))
        texts.append("".join(parts))
    return texts


def dev_bulletins(dev: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((dev / "texts").glob("zh_*.txt"))]


def timed(func, warm: list[str], texts: list[str], repeat: int) -> float:
    # warm up on *other* texts: a pass over the timed texts would fill per-text caches
    # (what a unit's own words say is kept per unit string) and flatter later passes
    for text in warm:
        func(text)
    start = time.process_time()          # CPU time: steadier than wall time on a busy machine
    for _ in range(repeat):
        for text in texts:
            func(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--synthetic", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    import jieba

    from pipeline import zh
    from pipeline.clean import clean_text
    from pipeline.config import load_config
    from pipeline.core import process_source
    from pipeline.extract.counts_zh import find_counts_zh
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
        return find_counts_zh(clean_text(text, "zh", fixes)[0])

    def counts_path_unlinked(text: str):
        """The same without the activity link (link.count_type_zh), to show its share."""
        from pipeline.extract import link
        linked = link.count_type_zh
        link.count_type_zh = lambda *args, **kwargs: None
        try:
            return find_counts_zh(clean_text(text, "zh", fixes)[0])
        finally:
            link.count_type_zh = linked

    def whole_pipeline(text: str):
        return process_source(Source(name="bench", path=None, data=text.encode("utf-8")), config)

    warm = synthetic_bulletins(5, seed=1)
    sets = {"synthetic": synthetic_bulletins(args.synthetic)}
    if (args.dev / "texts").is_dir():
        sets["dev zh"] = dev_bulletins(args.dev)
    print(f"load: bare jieba {bare_load:.2f}s; pipeline jieba + user dictionary + tags {ours_load:.2f}s")
    for name, texts in sets.items():
        chars = sum(map(len, texts)) * args.repeat
        bare = timed(lambda t: jieba.lcut(t), warm, texts, args.repeat)
        counts = timed(counts_path, warm, texts, args.repeat)
        unlinked = timed(counts_path_unlinked, warm, texts, args.repeat)
        whole = timed(whole_pipeline, warm, texts, args.repeat)
        print(f"{name}: {len(texts)} texts, {chars // args.repeat} chars, x{args.repeat}")
        for label, seconds in (("bare jieba.lcut", bare), ("clean + counts_zh", counts),
                               ("  without activity link", unlinked),
                               ("whole pipeline (zh)", whole)):
            print(f"  {label:22} {chars / seconds / 1000:8.1f} kchar/s   ratio to bare {bare / seconds:5.2f}")


if __name__ == "__main__":
    main()
