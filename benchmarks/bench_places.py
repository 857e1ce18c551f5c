"""Cost of `find_places` per document against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_places.py [--dev DIR] [--train] [--synthetic N] [--repeat R] [--compare CHECKOUT]

Texts: the dev set's bulletins (when ../shared is present; with --train the train set's too,
less the check set), corpus/texts, and N synthetic
English (~1,000 words) and Chinese (~800 characters) bulletins made by shuffling their
sentences. Reports the gazetteer and place-index load time (once per process), then per
language: ms/doc of bare `spacy.blank("en")` tokenizer + sentencizer (English) or bare
`jieba.lcut` (Chinese), of `find_places` (on a fresh `DocView` per text), and their ratio. CPU
time (process_time), after a warm-up pass; the machine is shared, so compare ratios from one
run, not absolute figures. `--compare` times the `find_places` of another checkout (a folder
with pipeline/ and configs/, e.g. `git worktree add /tmp/old HEAD~1`) over the same texts too,
the two interleaved round by round: the median of the per-round ratios is the figure to quote.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import logging
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpus(dev: Path, synthetic: int, train: bool = False, seed: int = 11) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"en": [], "zh": []}
    folders = [dev / "texts", REPO / "corpus" / "texts"] + ([dev.parent / "train" / "texts"] if train else [])
    check = {line.strip() for line in (REPO / "corpus" / "splits" / "train_check.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")}
    for folder in folders:
        for p in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if p.stem not in check:     # the check set is only ever scored
                texts["zh" if p.name.startswith("zh") else "en"].append(p.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    en_sents = [s for t in texts["en"] for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    zh_sents = [s for t in texts["zh"] for s in re.split(r"(?<=[。！？])|\n+", t) if s and s.strip()]
    for k in range(synthetic if en_sents else 0):
        parts: list[str] = []
        while sum(len(s.split()) for s in parts) < 1000:
            parts.append(rng.choice(en_sents))
        texts["en"].append((" " if k % 2 else "\n").join(parts))
    for k in range(synthetic if zh_sents else 0):
        parts = []
        while sum(map(len, parts)) < 800:
            parts.append(rng.choice(zh_sents))
        texts["zh"].append(("" if k % 2 else "\n").join(parts))
    return texts


def cpu_ms(func, texts: list[str], repeat: int) -> float:
    for text in texts[:5]:
        func(text)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            func(text)
        best = min(best, time.process_time() - start)
    return 1000 * best / max(1, len(texts))


def interleaved(funcs: dict, texts: list[str], rounds: int) -> dict[str, list[float]]:
    """CPU seconds of each function over the texts, round by round, in alternating order."""
    names = list(funcs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            start = time.process_time()
            for text in texts:
                funcs[name](text)
            times[name].append(time.process_time() - start)
    return times


def load_copy(root: Path):
    """`find_places(text, language)` of another checkout, its pipeline/ imported as the package
    `pipeline_compare` (relative imports keep it apart from this one)."""
    package = root / "pipeline"
    spec = importlib.util.spec_from_file_location("pipeline_compare", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    find = importlib.import_module("pipeline_compare.extract.places").find_places
    if list(inspect.signature(find).parameters) != ["view"]:
        return find
    view_class = importlib.import_module("pipeline_compare.extract.doc").DocView
    return lambda text, language: find(view_class(text, language))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--train", action="store_true", help="also the train set's bulletins (not the check set)")
    parser.add_argument("--synthetic", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest is reported")
    parser.add_argument("--compare", type=Path, help="another checkout whose find_places to time on the same texts")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)

    start = time.perf_counter()
    from pipeline.gazetteer import load_gazetteer
    load_gazetteer()
    gaz_s = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.extract.data import DataFiles
    from pipeline.extract.doc import DocView
    from pipeline.extract.places import find_places
    from pipeline.extract.places import lexicon as pl
    from pipeline.extract.places.towns import town_index
    from pipeline.extract.places.zh import zh_names
    data = pl.place_data(DataFiles.at())
    data.build(zh_names), data.pinyin, data.build(pl.institutions), data.build(pl.countries), data.build(town_index)
    data.build(pl.en_name_prefixes)
    idx_s = time.perf_counter() - start
    print(f"load: gazetteer {gaz_s * 1000:.0f} ms, place indexes {idx_s * 1000:.0f} ms (once per process)")

    import jieba
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    jieba.lcut("预热")
    old = load_copy(args.compare) if args.compare else None

    texts = corpus(args.dev, args.synthetic, args.train)
    for lang, base_name, base in (("en", "spacy.blank+sentencizer", nlp), ("zh", "jieba.lcut", jieba.lcut)):
        docs = texts[lang]
        if not docs:
            continue
        size = sum(len(t.split()) for t in docs) / len(docs) if lang == "en" else sum(map(len, docs)) / len(docs)
        unit = "words" if lang == "en" else "chars"
        base_ms = cpu_ms(base, docs, args.repeat)
        new_ms = cpu_ms(lambda t: find_places(DocView(t, lang)), docs, args.repeat)
        per = 1000 if lang == "en" else 800
        print(f"{lang}: {len(docs)} docs, {size:.0f} {unit}/doc")
        print(f"  {base_name:28s} {base_ms:7.2f} ms/doc")
        print(f"  {'find_places':28s} {new_ms:7.2f} ms/doc  = {new_ms / size * per:.2f} ms per {per} {unit}, "
              f"{new_ms / base_ms:.2f}x the baseline's time")
        if old is not None:
            for text in docs:
                old(text, lang)
            times = interleaved({"new": lambda t: find_places(DocView(t, lang)), "old": lambda t: old(t, lang)},
                                docs, max(args.repeat, 5))
            old_ms = 1000 * statistics.median(times["old"]) / len(docs)
            ratio = statistics.median(n / o for n, o in zip(times["new"], times["old"]))
            print(f"  {'find_places (compare)':28s} {old_ms:7.2f} ms/doc  = {old_ms / size * per:.2f} ms per "
                  f"{per} {unit}; this checkout's time / the other's: {ratio:.3f} (median of "
                  f"{len(times['old'])} interleaved rounds)")


if __name__ == "__main__":
    main()
