"""Cleaning time against the bare baselines on the same real texts, in one run: English vs
spacy.blank("en") + sentencizer (nlp.pipe), Chinese vs jieba.lcut. CPU time; each contender
warmed on other documents, then R rounds of fresh documents; median [min-max] of the ratios.

    .venv/bin/python benchmarks/bench_clean.py [--texts DIR] [--docs N] [--rounds R]
"""
from __future__ import annotations

import argparse
import time

from _texts import default_texts, median_line, texts_by_round


def cpu(function, texts) -> float:
    start = time.process_time()
    function(texts)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default=default_texts())
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import jieba
    import spacy

    from pipeline.clean import clean_text
    from pipeline.config import load_config

    fixes = load_config().clean.fixes
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    jieba.setLogLevel(60)
    jieba.initialize()
    baselines = {"en": lambda texts: [None for _ in nlp.pipe(texts)],
                 "zh": lambda texts: [jieba.lcut(t) for t in texts]}
    print(f"real text from {args.texts}; {args.docs} documents per round, {args.rounds} rounds")
    for language, base_name in (("en", "spaCy"), ("zh", "jieba")):
        warm, rounds = texts_by_round(args.texts, language, args.docs, args.rounds)
        if not warm:
            continue
        cleaner = lambda texts, lang=language: [clean_text(t, lang, fixes) for t in texts]  # noqa: E731
        baselines[language](warm), cleaner(warm)
        ms, base_ms, ratios = [], [], []
        for r, texts in enumerate(rounds):
            pair = (baselines[language], cleaner) if r % 2 == 0 else (cleaner, baselines[language])
            first, second = cpu(pair[0], texts), cpu(pair[1], texts)
            base, ours = (first, second) if r % 2 == 0 else (second, first)
            ms.append(ours / len(texts) * 1000)
            base_ms.append(base / len(texts) * 1000)
            ratios.append(ours / base)
        print(f"{language}:")
        print(median_line(f"clean ms/doc", ms))
        print(median_line(f"{base_name} ms/doc", base_ms))
        print(median_line(f"clean time / {base_name} time", ratios))


if __name__ == "__main__":
    main()
