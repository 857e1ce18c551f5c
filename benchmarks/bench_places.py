"""Cost of `find_places` per document against the bare tokenisers, in one run over the same texts.

    python benchmarks/bench_places.py [--texts DIR] [--docs N] [--rounds R] [--compare OLD_PLACES_PY]

Texts: real bulletins stitched to ~1,000 words (English) and ~800 characters (Chinese) by
pipeline/bench_texts.py from --texts (default: the dev set when ../shared is present, else
corpus/texts). Reports the gazetteer and place-index load time (once per process), then per
language: ms/doc of bare `spacy.blank("en")` tokenizer + sentencizer (English) or bare
`jieba.lcut` (Chinese), of `find_places`, and their ratio. CPU time (process_time); every
contender warmed on other documents, then R rounds on the same fresh documents; median
[min-max] over the rounds. The machine is shared: compare ratios from one run.
`--compare` times another copy of places.py (e.g. `git show HEAD~1:pipeline/extract/places.py`)
over the same texts too.
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import statistics
import sys
import time
from pathlib import Path

from _texts import default_texts, texts_by_round


def cpu_ms(func, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        func(text)
    return 1000 * (time.process_time() - start) / max(1, len(texts))


def load_copy(path: Path):
    """Another places.py, imported as a sibling module so its relative imports work."""
    spec = importlib.util.spec_from_file_location("pipeline.extract._places_compare", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.find_places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default=default_texts())
    parser.add_argument("--docs", type=int, default=40, help="documents per round and language")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another places.py to time on the same texts")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)

    start = time.perf_counter()
    from pipeline.gazetteer import load_gazetteer
    load_gazetteer()
    gaz_s = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.extract import place_lexicon as pl
    from pipeline.extract import places
    from pipeline.extract.place_towns import town_index
    pl.lexicon(), pl.institutions(), pl.pinyin_chars(), pl.zh_index(), pl.zh_lengths(), pl.zh_suffixes(), town_index()
    idx_s = time.perf_counter() - start
    print(f"load: gazetteer {gaz_s * 1000:.0f} ms, place indexes {idx_s * 1000:.0f} ms (once per process)")

    import jieba
    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    jieba.lcut("预热")
    old = load_copy(args.compare) if args.compare else None

    for lang, base_name, base in (("en", "spacy.blank+sentencizer", nlp), ("zh", "jieba.lcut", jieba.lcut)):
        warm, rounds = texts_by_round(args.texts, lang, args.docs, args.rounds)
        if not warm:
            continue
        contenders = {base_name: base, "find_places": lambda t, lang=lang: places.find_places(t, lang)}
        if old is not None:
            contenders["find_places (compare)"] = lambda t, lang=lang: old(t, lang)
        for func in contenders.values():
            cpu_ms(func, warm)
        ms: dict[str, list[float]] = {name: [] for name in contenders}
        for r, texts in enumerate(rounds):
            for name in (list(contenders) if r % 2 == 0 else list(contenders)[::-1]):
                ms[name].append(cpu_ms(contenders[name], texts))
        unit = "words" if lang == "en" else "chars"
        size = statistics.median(sum(len(t.split()) if lang == "en" else len(t) for t in texts) / len(texts)
                                 for texts in rounds)
        print(f"{lang}: {args.docs} docs x {args.rounds} rounds, ~{size:.0f} {unit}/doc; median [min-max]")
        for name, values in ms.items():
            ratio = [v / b for v, b in zip(values, ms[base_name])]
            print(f"  {name:28s} {statistics.median(values):7.2f} ms/doc  {statistics.median(ratio):.2f}x "
                  f"the baseline's time [{min(ratio):.2f}-{max(ratio):.2f}]")

if __name__ == "__main__":
    main()
