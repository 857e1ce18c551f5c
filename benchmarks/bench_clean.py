"""Cleaning time against the bare baselines on the same synthetic texts, in one run:
English vs spacy.blank("en") + sentencizer, Chinese vs jieba.lcut (CPU time, best of 3).

    .venv/bin/python benchmarks/bench_clean.py [N]
"""
from __future__ import annotations

import sys
import time

from pipeline.bench import synthetic_bulletin
from pipeline.clean import clean_text
from pipeline.config import load_config


def _best(func, texts, repeats=3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for text in texts:
            func(text)
        best = min(best, time.process_time() - start)
    return best


def main(n: int = 100) -> None:
    import jieba
    import spacy

    fixes = load_config().clean.fixes
    english = [synthetic_bulletin(i, "en") for i in range(n)]
    chinese = [synthetic_bulletin(i, "zh") for i in range(n)]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp(english[0]), jieba.lcut(chinese[0])
    clean_text(english[0], "en", fixes), clean_text(chinese[0], "zh", fixes)
    clean_en = _best(lambda t: clean_text(t, "en", fixes), english)
    spacy_en = _best(nlp, english)
    clean_zh = _best(lambda t: clean_text(t, "zh", fixes), chinese)
    jieba_zh = _best(jieba.lcut, chinese)
    print(f"en: clean {clean_en / n * 1000:.2f} ms/doc, spaCy {spacy_en / n * 1000:.2f} ms/doc, "
          f"ratio {clean_en / spacy_en:.3f}")
    print(f"zh: clean {clean_zh / n * 1000:.2f} ms/doc, jieba {jieba_zh / n * 1000:.2f} ms/doc, "
          f"ratio {clean_zh / jieba_zh:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
