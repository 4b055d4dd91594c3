"""The scale benchmark: the report's analysis stage on generated corpora, with each engine, against CountVectorizer.

For each size (10,000 and 100,000 articles unless given), a deterministic corpus is generated from
the seed articles (``generate_corpus.py``, not timed); then, in this one run, are timed:

- the analysis stage with each engine (``newsreport.analysis.analyse``): tokens, term counts with
  bigrams, entity and theme matching, the term frequency table and the mention timeline;
- scikit-learn's ``CountVectorizer().fit_transform`` on the same texts, as a reference.

Peak memory is the largest sum of the resident set sizes of this process and all its children
(pool workers, Dask nannies and workers), sampled every 50 ms by a thread with psutil while the step
runs; shared pages are counted once per process, so it errs high. The last line is machine-readable:

    RESULT docs=100000 analysis_s=… countvectorizer_s=… ratio=… peak_rss_gb=… growth_10k_to_100k=…

where analysis_s is the local engine's time at the largest size, ratio = analysis_s /
countvectorizer_s, peak_rss_gb the largest peak of any timed step, and growth the local engine's
time at the largest size over its time at the smallest.

    python benchmarks/scale.py                      # 10,000 and 100,000 articles, both engines
    python benchmarks/scale.py 2000 20000 --engines local
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import psutil
from generate_corpus import ROOT, generate
from sklearn.feature_extraction.text import CountVectorizer

from newsreport import analysis, lexicon
from newsreport.engine import ENGINES, cores

LEXICONS = ROOT / "data" / "lexicons"


@dataclass
class Timing:
    docs: int
    step: str  # analysis or countvectorizer
    engine: str
    seconds: float
    peak_rss_gb: float

    def line(self) -> str:
        return (f"docs={self.docs} step={self.step} engine={self.engine} seconds={self.seconds:.2f} "
                f"docs_per_s={self.docs / self.seconds:.0f} peak_rss_gb={self.peak_rss_gb:.2f}")


class PeakMemory:
    """The largest resident memory of this process and its children while the block runs, sampled."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process(os.getpid())
        while True:
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a child that ended in between
                    total += process.memory_info().rss
            self.peak = max(self.peak, total)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(label: tuple[int, str, str], run: Callable[[], object]) -> Timing:
    """Time ``run`` (docs, step, engine) and sample the memory it takes."""
    gc.collect()
    with PeakMemory() as memory:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    timing = Timing(*label, seconds, memory.peak / 1e9)
    print(timing.line(), flush=True)
    return timing


def analysis_stage(documents, *, engine: str, workers: int, partition_size: int, scheduler: str | None) -> None:
    """What the benchmark times: the partitioned analysis, merged, and the tables made from it."""
    result = analysis.analyse(
        documents, engine=engine, workers=workers, partition_size=partition_size, scheduler=scheduler,
        entity_aliases=lexicon.load_lexicon(LEXICONS / "entities.yaml"),
        theme_aliases=lexicon.load_lexicon(LEXICONS / "themes.yaml"), stopwords_file=LEXICONS / "stopwords.yaml",
    )
    analysis.term_frequency(result)
    analysis.mention_timeline(result)


def measure(n: int, args: argparse.Namespace) -> list[Timing]:
    """The timings of one corpus size: the analysis with each engine, then CountVectorizer."""
    start = time.perf_counter()
    documents = generate(n, seed=args.seed)
    print(f"docs={n} generated in {time.perf_counter() - start:.1f}s "
          f"({documents['text'].str.len().sum() / 1e6:.0f} M characters)", flush=True)
    timings = [
        timed((n, "analysis", engine), partial(analysis_stage, documents, engine=engine, workers=args.workers,
                                               partition_size=args.partition_size, scheduler=args.scheduler))
        for engine in args.engines
    ]
    texts = documents["text"].tolist()
    timings.append(timed((n, "countvectorizer", "sklearn"), partial(CountVectorizer().fit_transform, texts)))
    return timings


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000], help="corpus sizes (articles)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--partition-size", type=int, default=analysis.PARTITION_SIZE)
    parser.add_argument("--scheduler", default=None, help="a Dask scheduler address (default: a local cluster)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    print(f"machine: {cores()} cores, {psutil.virtual_memory().total / 1e9:.1f} GB; engines {', '.join(args.engines)}; "
          f"workers {args.workers or cores()}; partitions of {args.partition_size} articles", flush=True)
    timings = [timing for n in sizes for timing in measure(n, args)]
    first, last = sizes[0], sizes[-1]
    reference = "local" if "local" in args.engines else args.engines[0]

    def seconds(n: int, step: str, engine: str) -> float:
        return next(t.seconds for t in timings if (t.docs, t.step, t.engine) == (n, step, engine))

    for n in sizes:
        reference_s = seconds(n, "countvectorizer", "sklearn")
        ratios = " ".join(f"ratio_{engine}={seconds(n, 'analysis', engine) / reference_s:.2f}"
                          for engine in args.engines)
        print(f"docs={n} {ratios}")
    analysis_s = seconds(last, "analysis", reference)
    countvectorizer_s = seconds(last, "countvectorizer", "sklearn")
    growth = analysis_s / seconds(first, "analysis", reference)
    print(f"RESULT docs={last} analysis_s={analysis_s:.2f} countvectorizer_s={countvectorizer_s:.2f} "
          f"ratio={analysis_s / countvectorizer_s:.2f} peak_rss_gb={max(t.peak_rss_gb for t in timings):.2f} "
          f"growth_{size_label(first)}_to_{size_label(last)}={growth:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
