"""Throughput and memory of the pipeline against bare baselines, in one run over the same texts.

* English: the whole pipeline per document vs `spacy.blank("en")` tokenizer + sentencizer.
* Chinese: the whole pipeline per document vs `jieba.lcut`.
* Batch: `runner.run` over N synthetic files with 1 and with W workers; peak RSS of the
  parent and of the largest worker (ru_maxrss), to check memory stays flat as N grows.

Texts are synthetic, deterministic (seeded) bulletins: English ~1,000 words, Chinese ~800
characters, written from sentence templates in the style of the corpus.
"""
from __future__ import annotations

import random
import resource
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

_EN_PLACES = ["Hongshan District", "Jinshui District", "Luohu District", "Gulou District", "Tianhe District"]
_EN_SENTENCES = [
    "Up to now, {place} has carried out {n1} preaching activities, covering more than {n2:,} residents.",
    "A total of {n3} volunteer service teams were set up in {s} communities, with {n4} volunteers.",
    "In the past year, the street held {n1} lectures and {s} symposiums on the spirit of the plenary session.",
    "More than {n2:,} copies of publicity materials were distributed, and {n3} grid members visited households.",
    "The district organized {s} training sessions for {n4} cadres, and about {w} million people took part online.",
    "According to statistics, {n1} problems reported by the masses were solved, and {n3} practical things were done.",
    "Party members from {s} units went to the grassroots to carry out publicity, reaching nearly {n2:,} people.",
    "The civilization practice station held {n4} cultural performances and {n1} film screenings in the villages.",
]
_ZH_PLACES = ["洪山区", "金水区", "罗湖区", "鼓楼区", "天河区"]
_ZH_SENTENCES = [
    "今年以来，{place}组建志愿服务队{n1}支，招募志愿者{n2}余名，开展宣讲活动{n3}场。",
    "据统计，全区已开展各类文明实践活动{w}万余场次，服务群众超{n4}万人次，累计办理实事{n2}件。",
    "街道把辖区划分为{n1}个网格，每个网格配备不少于{s}名网格员，收集群众反映的问题{n3}件。",
    "{place}组织党员干部深入基层开展政策宣讲{n3}场次，覆盖群众{n2}余人。",
    "各社区举办专题讲座{s}场、座谈会{n1}次，发放宣传资料{n2}余份。",
]


def synthetic_bulletin(i: int, language: str) -> str:
    """Deterministic bulletin number i: English ~1,000 words, Chinese ~800 characters."""
    rng = random.Random(f"{language}-{i}")
    places, sentences = (_EN_PLACES, _EN_SENTENCES) if language == "en" else (_ZH_PLACES, _ZH_SENTENCES)
    place = rng.choice(places)
    title = f"{place} news: bulletin {i}\n" if language == "en" else f"{place}工作简报第{i}期\n"
    parts, size = [title], 0
    target = 1000 if language == "en" else 800
    while size < target:
        sentence = rng.choice(sentences).format(
            place=place, n1=rng.randint(2, 999), n2=rng.randint(1000, 90000), n3=rng.randint(2, 500),
            n4=rng.randint(10, 3000), s=rng.randint(2, 60), w=rng.randint(1, 9))
        parts.append(sentence + ("\n" if rng.random() < 0.2 else (" " if language == "en" else "")))
        size += len(sentence.split()) if language == "en" else len(sentence)
    return "".join(parts)


@dataclass
class Rate:
    docs: int
    seconds: float
    words: int

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class BenchResult:
    documents: int
    sample: int
    workers: int
    rates: dict[str, dict] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024      # ru_maxrss is KiB on Linux


def _time(function, texts, count_words) -> Rate:
    started = time.process_time()
    for text in texts:
        function(text)
    return Rate(len(texts), time.process_time() - started, sum(count_words(t) for t in texts))


def _stage_seconds(texts, config) -> dict[str, float]:
    """Where the time goes: CPU seconds per stage over the sample."""
    from .clean import clean_document
    from .extract import extract_document
    from .ingest import Source, to_document
    from .validate import build_record, validate_record

    totals = {"ingest": 0.0, "clean": 0.0, "extract": 0.0, "validate": 0.0}
    for i, text in enumerate(texts):
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


def run_bench(documents: int = 1000, sample: int = 100, workers: int = 2, progress=print) -> BenchResult:
    import jieba
    import spacy

    from .config import load_config
    from .core import process_source, warm_up
    from .ingest import Source
    from .runner import run

    config = load_config()
    warm_up(config)
    jieba.initialize()
    bare = spacy.blank("en")
    bare.add_pipe("sentencizer")
    result = BenchResult(documents=documents, sample=sample, workers=workers)

    en = [synthetic_bulletin(i, "en") for i in range(sample)]
    zh = [synthetic_bulletin(i, "zh") for i in range(sample)]
    words = lambda t: len(t.split())           # noqa: E731
    chars = len

    def pipeline(text):
        process_source(Source(name="b", path=None, data=text.encode()), config)

    progress(f"per-document throughput over {sample} English and {sample} Chinese bulletins ...")
    rates = {
        "spacy_blank_en": _time(bare, en, words),
        "pipeline_en": _time(pipeline, en, words),
        "jieba_lcut": _time(jieba.lcut, zh, chars),
        "pipeline_zh": _time(pipeline, zh, chars),
    }
    result.stages = {"en": _stage_seconds(en, config), "zh": _stage_seconds(zh, config)}
    result.peak_rss_mb["after_per_document"] = round(_peak_rss_mb(resource.RUSAGE_SELF), 1)

    progress(f"batch run over {documents} files (half English, half Chinese) with 1 and {workers} workers ...")
    with tempfile.TemporaryDirectory(prefix="bulletins-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(documents):
            language = "en" if i % 2 else "zh"
            (folder / f"{language}_{i:06d}.txt").write_text(synthetic_bulletin(i, language), encoding="utf-8")
        total_words = sum(len((folder / n).read_text().split()) if n.startswith("en") else
                          len((folder / n).read_text()) for n in sorted(p.name for p in folder.iterdir()))
        for n in (1, workers):
            started = time.perf_counter()
            summary = run([str(folder)], config, output=str(Path(tmp) / f"out{n}.jsonl"), workers=n)
            seconds = time.perf_counter() - started
            assert summary.errors == 0, summary.error_rows[:3]
            rates[f"batch_{n}_workers"] = Rate(documents, seconds, total_words)
    result.peak_rss_mb["parent"] = round(_peak_rss_mb(resource.RUSAGE_SELF), 1)
    result.peak_rss_mb["largest_worker"] = round(_peak_rss_mb(resource.RUSAGE_CHILDREN), 1)

    result.rates = {k: {"docs_per_s": round(r.docs_per_s, 1), "words_per_s": round(r.words_per_s),
                        "docs": r.docs} for k, r in rates.items()}
    result.ratios = {
        "en_pipeline_vs_spacy_blank": round(rates["pipeline_en"].docs_per_s / rates["spacy_blank_en"].docs_per_s, 3),
        "zh_pipeline_vs_jieba": round(rates["pipeline_zh"].docs_per_s / rates["jieba_lcut"].docs_per_s, 3),
        f"{workers}_workers_vs_1": round(rates[f"batch_{workers}_workers"].docs_per_s
                                         / rates["batch_1_workers"].docs_per_s, 3),
    }
    return result


def format_result(result: BenchResult) -> str:
    lines = [f"bench: {result.documents} documents in the batch runs, {result.sample} per language "
             f"for per-document rates (CPU time; batch runs wall time)"]
    for name, rate in result.rates.items():
        lines.append(f"  {name:<22} {rate['docs_per_s']:>9.1f} docs/s {rate['words_per_s']:>11,} words/s")
    for name, ratio in result.ratios.items():
        lines.append(f"  ratio {name:<30} {ratio:.3f}")
    for language, stages in result.stages.items():
        lines.append(f"  stages {language} (CPU s): " + ", ".join(f"{k} {v}" for k, v in stages.items()))
    lines.append("  peak RSS MB: " + ", ".join(f"{k} {v}" for k, v in result.peak_rss_mb.items()))
    lines.append("  (words/s: English words, Chinese characters)")
    return "\n".join(lines)


def result_dict(result: BenchResult) -> dict:
    return asdict(result)
