"""`bulletins bench`: the pipeline against bare baselines on real bulletins, in one run.

Texts are real bulletins stitched to ~1,000 words (English) or ~800 characters (Chinese)
(bench_texts.py). Every contender is measured the same way:

* In process (CPU time): the baselines (`spacy.blank("en")` + sentencizer through
  `nlp.pipe`; `jieba.lcut`) and the pipeline (`core.process_source` per document) each run a
  warm-up pass over other stitched documents, then R rounds; each round gives all of them
  the same fresh documents, in alternating order. The pipeline is also timed with its
  per-sentence caches cleared before every document (stitched texts repeat paragraphs, which
  such caches reward more than an archive would): a lower bound.
* Whole process (wall time, bench_process.py): `bulletins run --quiet` against a bare
  script over the same files; start-up; then `runner.run` with 1 and W workers in the
  warmed bench process (worker scaling without start-up).

Each figure is the median over the rounds with its min-max; a ratio is computed within each
round (same texts, same moment) and its median reported.
"""
from __future__ import annotations

import functools
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .bench_texts import SIZE_UNIT, Paragraphs, stitched, text_size

# Stitched-document indexes: warm-up and rounds never share a document.
WARM_FIRST, ROUND_FIRST = 1_000_000, 0


@dataclass
class Series:
    """One contender's per-round figures."""
    label: str
    docs: int                                   # documents per round
    size: int                                   # words or characters per round
    unit: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)     # whole process: user + system
    peak_rss_mb: list[float] = field(default_factory=list)

    @property
    def docs_per_s(self) -> list[float]:
        return [self.docs / s if s else 0.0 for s in self.seconds]

    @property
    def size_per_s(self) -> list[float]:
        return [self.size / s if s else 0.0 for s in self.seconds]


@dataclass
class BenchResult:
    texts: str
    corpus: dict[str, dict]
    machine: dict
    settings: dict
    in_process: dict[str, Series] = field(default_factory=dict)
    whole_process: dict[str, Series] = field(default_factory=dict)
    batch: dict[str, Series] = field(default_factory=dict)
    ratios: dict[str, list[float]] = field(default_factory=dict)       # per round
    ratio_labels: dict[str, str] = field(default_factory=dict)
    stages: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def machine_info() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle
                          if line.startswith("model name")), "")
    except OSError:
        pass
    import jieba
    import spacy

    from . import __version__

    return {"system": f"{platform.system()} {platform.machine()}", "cpu": model,
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "spacy": spacy.__version__, "jieba": jieba.__version__, "bulletins": __version__,
            "load_average_before": _load_average()}


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def summary(values: list[float]) -> tuple[float, float, float]:
    """(median, min, max)."""
    return statistics.median(values), min(values), max(values)


def bounded_caches() -> list:
    """The pipeline's bounded lru caches (per word, sentence or window; loaders are unbounded
    or hold one value), found in the loaded pipeline modules."""
    found = {}
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "pipeline" or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper) and (value.cache_parameters()["maxsize"] or 0) > 16:
                found[id(value)] = value
    return list(found.values())


def _cpu_seconds(function, items) -> float:
    started = time.process_time()
    function(items)
    return time.process_time() - started


def in_process(paragraphs: Paragraphs, languages: list[str], sample: int, rounds: int,
               result: BenchResult, progress) -> None:
    import jieba
    import spacy

    from .config import load_config
    from .core import process_source, warm_up
    from .ingest import Source
    from .nlp import WARM_DOCUMENTS

    config = load_config()
    warm_up(config)
    bare = spacy.blank("en")
    bare.add_pipe("sentencizer")

    def spacy_pipe(texts):
        for _ in bare.pipe(texts):
            pass

    def jieba_lcut(texts):
        for text in texts:
            jieba.lcut(text)

    def pipeline(sources):
        for data in sources:
            process_source(Source(name="bench", path=None, data=data), config)

    caches = []

    def pipeline_cold(sources):
        for data in sources:
            for cache in caches:
                cache.cache_clear()
            process_source(Source(name="bench", path=None, data=data), config)

    baseline = {"en": ("spacy_en", 'spacy.blank("en") + sentencizer, nlp.pipe', spacy_pipe),
                "zh": ("jieba_zh", "jieba.lcut", jieba_lcut)}
    # Enough warm-up documents that the pipeline is in its steady state (spaCy memory zones
    # on, as in any long run) before the first timed round.
    warm_count = max(sample, -(-WARM_DOCUMENTS // len(languages)))
    progress(f"in process: warm-up over {warm_count} other documents per language ...")
    jieba.initialize()
    for language in languages:
        warm = stitched(paragraphs, language, warm_count, first=WARM_FIRST)
        baseline[language][2](warm)
        pipeline([t.encode() for t in warm])
    caches.extend(bounded_caches())

    for language in languages:
        key, label, function = baseline[language]
        unit = SIZE_UNIT[language]
        contenders = [(key, label, function, False),
                      (f"pipeline_{language}", f"pipeline ({language}), process_source", pipeline, True),
                      (f"pipeline_{language}_cold", f"pipeline ({language}), caches cleared per doc",
                       pipeline_cold, True)]
        for r in range(rounds):
            progress(f"in process: {language} round {r + 1}/{rounds} ({sample} documents) ...")
            texts = stitched(paragraphs, language, sample, first=ROUND_FIRST + r * sample)
            encoded = [t.encode() for t in texts]
            size = sum(text_size(t, language) for t in texts)
            order = contenders if r % 2 == 0 else contenders[::-1]
            for name, label, function, takes_bytes in order:
                series = result.in_process.setdefault(name, Series(label, sample, size, unit))
                series.seconds.append(_cpu_seconds(function, encoded if takes_bytes else texts))
        base = result.in_process[key]
        for name, label in ((f"pipeline_{language}", f"{language}: pipeline / {baseline[language][1]}"),
                            (f"pipeline_{language}_cold", f"{language}: pipeline, caches cleared / baseline")):
            ours = result.in_process[name]
            ratio_key = f"in_process_{name}_vs_{key}"
            result.ratios[ratio_key] = [b / o for b, o in zip(base.seconds, ours.seconds)]
            result.ratio_labels[ratio_key] = label
        texts = stitched(paragraphs, language, sample, first=ROUND_FIRST)
        result.stages[language] = stage_seconds(texts, config)


def stage_seconds(texts: list[str], config) -> dict[str, float]:
    """Where the time goes: CPU seconds per stage over the texts."""
    from .clean import clean_document
    from .extract import extract_document
    from .ingest import Source, to_document
    from .nlp import memory_zone
    from .validate import build_record, validate_record

    totals = {"ingest": 0.0, "clean": 0.0, "extract": 0.0, "validate": 0.0}
    for i, text in enumerate(texts):
        with memory_zone():
            t0 = time.process_time()
            doc = to_document(Source(name=f"s{i}", path=None, data=text.encode()), config.ingest.max_bytes,
                              config.ingest.max_run_chars)
            t1 = time.process_time()
            clean_document(doc, config.clean.fixes)
            t2 = time.process_time()
            extract_document(doc, **config.extract.model_dump())
            t3 = time.process_time()
            validate_record(build_record(doc))
            t4 = time.process_time()
        for stage, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            totals[stage] += seconds
    return {k: round(v, 3) for k, v in totals.items()}


def run_bench(texts: str | Path, sample: int = 200, documents: int = 500, rounds: int = 5,
              workers: int = 2, whole_process: bool = True, progress=print) -> BenchResult:
    from .bench_process import whole_process_rounds
    from .bench_texts import read_paragraphs

    paragraphs = read_paragraphs(texts)
    languages = [lang for lang in ("en", "zh") if paragraphs.bulletins[lang]]
    if not languages:
        raise ValueError(f"no readable bulletin in {texts}: pass --texts DIR, a folder of "
                         f".txt/.html bulletins")
    corpus = {}
    for lang in ("en", "zh"):
        n, paras, size = paragraphs.count(lang)
        corpus[lang] = {"bulletins": n, "paragraphs": paras, SIZE_UNIT[lang]: size}
    result = BenchResult(texts=str(texts), corpus=corpus, machine=machine_info(),
                         settings={"sample": sample, "documents": documents, "rounds": rounds,
                                   "workers": workers})
    if paragraphs.unreadable:
        result.notes.append(f"{paragraphs.unreadable} files in {texts} could not be read and were left out")
    for lang in ("en", "zh"):
        if lang not in languages:
            result.notes.append(f"no {'English' if lang == 'en' else 'Chinese'} bulletin in {texts}: "
                                f"that language is not measured")
    in_process(paragraphs, languages, sample, rounds, result, progress)
    if whole_process:
        whole_process_rounds(paragraphs, languages, documents, rounds, workers, result, progress)
    result.machine["load_average_after"] = _load_average()
    return result


def _figure(values: list[float], digits: int = 1) -> str:
    median, low, high = summary(values)
    return f"{median:,.{digits}f} [{low:,.{digits}f}-{high:,.{digits}f}]"


def format_result(result: BenchResult) -> str:
    m, s = result.machine, result.settings
    corpus = "; ".join(f"{lang}: {c['bulletins']} bulletins, {c['paragraphs']} paragraphs, "
                       f"{c[SIZE_UNIT[lang]]:,} {SIZE_UNIT[lang]}"
                       for lang, c in result.corpus.items() if c["bulletins"])
    lines = [f"bench on real text from {result.texts} ({corpus}), stitched to ~1,000 words (en) "
             f"/ ~800 characters (zh) per document",
             f"machine: {m['system']}, {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, "
             f"spaCy {m['spacy']}, jieba {m['jieba']}, bulletins {m['bulletins']}; load average "
             f"{m['load_average_before']} before, {m.get('load_average_after', '?')} after",
             "figures: median [min-max] over the rounds; ratios (pipeline/baseline throughput) "
             "computed within each round"]
    if result.in_process:
        lines.append(f"in process, CPU time, {s['sample']} fresh documents per language per round, "
                     f"{s['rounds']} rounds after a warm-up pass:")
        lines += _series_lines(result.in_process, rss=False)
    if result.whole_process:
        lines.append(f"whole process, wall time, {s['documents']} documents per language per round, "
                     f"{s['rounds']} rounds after one untimed run of each:")
        lines += _series_lines(result.whole_process, rss=True)
    if result.batch:
        lines.append("batch in this process (models loaded, no start-up), wall time, same files:")
        lines += _series_lines(result.batch, rss=False)
    lines.append("ratios:")
    for key, values in result.ratios.items():
        lines.append(f"  {result.ratio_labels[key]:<62} {_figure(values, 3)}")
    for language, stages in result.stages.items():
        lines.append(f"stages {language} (CPU s over one round's documents): "
                     + ", ".join(f"{k} {v}" for k, v in stages.items()))
    lines += [f"note: {n}" for n in result.notes]
    return "\n".join(lines)


def _series_lines(table: dict[str, Series], rss: bool) -> list[str]:
    lines = []
    for series in table.values():
        if series.docs == 1:            # start-up: seconds, not a rate
            line = f"  {series.label:<46} {_figure(series.seconds, 2):>24} s"
        else:
            line = (f"  {series.label:<46} {_figure(series.docs_per_s):>24} docs/s "
                    f"{summary(series.size_per_s)[0]:>11,.0f} {series.unit}/s")
        if series.cpu_seconds:
            line += f"  CPU {summary(series.cpu_seconds)[0]:.2f} s"
        if rss and series.peak_rss_mb:
            line += f"  peak RSS {max(series.peak_rss_mb):.0f} MB"
        lines.append(line)
    return lines


def result_dict(result: BenchResult) -> dict:
    data = asdict(result)
    for table in ("in_process", "whole_process", "batch"):
        for name, series in getattr(result, table).items():
            data[table][name]["docs_per_s"] = [round(x, 2) for x in series.docs_per_s]
            data[table][name]["median_docs_per_s"] = round(summary(series.docs_per_s)[0], 2)
    data["median_ratios"] = {k: round(summary(v)[0], 4) for k, v in result.ratios.items()}
    return data
