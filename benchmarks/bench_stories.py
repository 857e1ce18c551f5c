"""Story grouping at scale: is time linear and memory bounded as the index grows?

Makes N synthetic records (no pipeline run: records are made directly, with text, figures,
places, dates and activities), a fifth of them copies of an earlier record (mirrors with a
debris line, or other-language versions that share only figures, date and places), and groups
them into an on-disk index, one record at a time. Reports, per chunk of records, the seconds
per 1,000 records and the process's RSS, then the index size, and how many planted copies
joined their source (recall) and how many records joined a story they were not copied from.

    .venv/bin/python benchmarks/bench_stories.py [--records 100000] [--chunk 10000] [--dir DIR]

Flat seconds per 1,000 records across chunks = linear time; flat RSS = bounded memory.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

from pipeline.stories import StoryGrouper, StoryIndex, load_stories_config

_LETTERS = random.Random(3)
# 20,000 pseudo-words of 2-10 letters: unrelated synthetic texts then share about as many
# 5-grams as unrelated bulletins do (estimated Jaccard ~0.02), not the 0.2 of a tiny vocabulary
WORDS = ["".join(_LETTERS.choices("etaoinshrdlucmfwypvbgkjqxz", k=_LETTERS.randint(2, 10)))
         for _ in range(20_000)]
HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 1500)]
ACTIVITIES = ["volunteer_service", "preaching", "film_screening", "meeting", "party_building"]


def _zipf_words(rng: random.Random, vocabulary: list[str], n: int) -> list[str]:
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    return rng.choices(vocabulary, weights=weights, k=n)


def _facts(rng: random.Random) -> dict:
    province = rng.randint(11, 65)
    city = f"{province:02d}{rng.randint(1, 20):02d}"
    county = f"{city}{rng.randint(1, 30):02d}"
    values = [rng.choice([rng.randint(2, 9), rng.randint(10, 99) * 10, rng.randint(100, 99999)])
              for _ in range(rng.randint(1, 6))]
    return {"province": province, "city": city, "county": county, "values": values,
            "date": f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "activity": rng.choice(ACTIVITIES)}


def make_record(i: int, language: str, text: str, facts: dict) -> dict:
    counts, pos = [], 0
    for v in facts["values"]:
        counts.append({"value": v, "low": None, "high": None, "qualifier": "exact",
                       "unit": "people" if language == "en" else "人", "unit_normalized": None,
                       "category": "people", "activity": facts["activity"], "span": [pos, pos + 1],
                       "raw_span": None, "evidence": "x", "repeat_of": None})
        pos += 2
    return {"doc_id": f"s{i:06d}", "language": language, "date": facts["date"], "text": text,
            "source": {"path": None, "sha256": hashlib.sha256(f"{i}:{text}".encode()).hexdigest()},
            "counts": counts, "warnings": [],
            "places": [{"name": f"C{facts['county']}", "level": "county", "adcode": facts["county"] + "",
                        "parents": [facts["city"] + "00", f"{facts['province']:02d}0000"]}],
            "activities": [{"type": facts["activity"]}]}


def records(n: int, seed: int = 7):
    """(record, index of the record it copies or None)."""
    rng = random.Random(seed)
    made: list[tuple[str, dict]] = []       # text and facts of recent originals (bounded)
    for i in range(n):
        if made and rng.random() < 0.2:
            j = rng.randrange(len(made))
            source_i, text, facts = made[j]
            if rng.random() < 0.5:      # mirror: other debris, same text
                debris = " ".join(_zipf_words(rng, WORDS, 12))
                yield make_record(i, "en", debris + "\n" + text, facts), source_i
            else:                       # other language: shares only the facts
                yield make_record(i, "zh", "".join(_zipf_words(rng, HANZI, 700)), facts), source_i
            continue
        text = " ".join(_zipf_words(rng, WORDS, 260))
        facts = _facts(rng)
        made.append((i, text, facts))
        if len(made) > 2000:
            made.pop(rng.randrange(len(made)))
        yield make_record(i, "en", text, facts), None


def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench_stories_"))
    path = folder / "bench.stories.sqlite"
    config = load_stories_config()
    story_of: OrderedDict[int, str] = OrderedDict()   # the check's bookkeeping, bounded
    planted = joined_source = wrong = 0
    print(f"{'records':>8} {'s/1k records':>13} {'RSS MB':>8}")
    with StoryIndex(path, config, force=True) as index:
        grouper = StoryGrouper(index, config)
        started = time.perf_counter()
        for n, (record, source) in enumerate(records(args.records), 1):
            a = grouper.assign(record)
            i = int(record["doc_id"][1:])
            if source is not None and source in story_of:
                planted += 1
                joined_source += a.story_id == story_of[source]
            elif source is None and not a.new_story:
                wrong += 1
            if source is None:
                story_of[i] = a.story_id
                if len(story_of) > 20_000:
                    story_of.popitem(last=False)
            if n % args.chunk == 0:
                now = time.perf_counter()
                print(f"{n:8d} {1000 * (now - started) / args.chunk:13.2f} {rss_mb():8.0f}", flush=True)
                started = now
        index.commit()
    size = sum(p.stat().st_size for p in folder.glob("bench.stories.sqlite*")) / 2 ** 20
    print(f"index {size:.0f} MB on disk; planted copies joined their source: {joined_source}/{planted} "
          f"({joined_source / max(planted, 1):.3f}); originals that joined another story: {wrong}")


if __name__ == "__main__":
    main()
