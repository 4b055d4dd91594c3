"""Running a step on partitions of the corpus: in this process, on every core, or on a Dask cluster.

A step is a top-level function (so that it pickles) applied to each partition; it returns an
aggregate, and only aggregates come back. Results are returned in partition order whatever order
the partitions finish in, so the engine never changes a table. Both engines report progress as
partitions finish (tqdm on stderr), and stay quiet when stderr is not a terminal.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from tqdm import tqdm

from newsreport.errors import InputError

Engine = Literal["local", "dask"]
ENGINES = ("local", "dask")
SERIAL_BELOW = 1000  # rows: partitions holding fewer in all are run in this process (workers cost more)

P = TypeVar("P")
R = TypeVar("R")


@dataclass(frozen=True)
class EngineOptions:
    """Where partitioned work runs: ``local`` (this process, or a pool of ``workers`` processes, 0 = one
    per core) or ``dask`` (the scheduler at ``dask_scheduler``, else a local cluster), on partitions of
    ``partition_size`` documents."""

    engine: Engine = "local"
    workers: int = 0
    dask_scheduler: str | None = None
    partition_size: int = 2000

    def map(self, func: Callable[[P], R], partitions: Iterable[P], *, label: str = "partitions",
            progress: bool | None = None, serial_below: int = SERIAL_BELOW) -> list[R]:
        """``func`` applied to every partition, the results in partition order.

        ``local``: in this process when there is one partition, one worker, or fewer than
        ``serial_below`` rows in all (a partition without ``len`` counts as large), else a pool of
        ``workers`` processes. ``dask``: a ``dask.distributed`` cluster, the scheduler at
        ``dask_scheduler`` when given, else a local cluster of ``workers`` single-threaded worker
        processes made for this call and closed after it. ``func`` must be a top-level function (or
        a ``functools.partial`` of one) so that worker processes can unpickle it.
        """
        if self.engine not in ENGINES:
            raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.workers < 0:
            raise InputError(f"workers must be 0 (one per core) or more, got {self.workers}")
        n_workers = self.workers or cores()
        total = len(partitions) if isinstance(partitions, Sequence) else None
        queued = iter(partitions)
        ahead, rows = [], 0  # small inputs run in this process: look ahead until they are not small
        for part in queued:
            ahead.append(part)
            rows += _rows(part)
            if rows >= serial_below and len(ahead) > 1:
                break
        small = rows < serial_below or len(ahead) <= 1
        partitions = itertools.chain(ahead, queued)  # read on as the work goes: a generator is never held whole
        with tqdm(total=total, desc=label, unit="partition", disable=not show_progress(progress),
                  file=sys.stderr) as bar:
            if self.engine == "dask":
                return _run_dask(func, partitions, scheduler=self.dask_scheduler, workers=n_workers, bar=bar)
            if n_workers == 1 or small:
                return _run_here(func, partitions, bar=bar)
            return _run_pool(func, partitions, workers=n_workers if total is None else min(n_workers, total),
                             bar=bar)


def show_progress(progress: bool | None = None) -> bool:
    """Whether to draw a progress bar: as asked, else only when stderr is a terminal."""
    if progress is not None:
        return progress
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def cores() -> int:
    """The cores this process may use (its CPU affinity where the system says, else the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _rows(part: Any) -> float:
    """A partition's rows (one without ``len`` counts as large)."""
    try:
        return len(part)
    except TypeError:
        return float("inf")


def _run_here(func: Callable[[P], R], partitions: Iterable[P], *, bar: tqdm) -> list[R]:
    results = []
    for part in partitions:
        results.append(func(part))
        bar.update()
    return results


def _run_pool(func: Callable[[P], R], partitions: Iterable[P], *, workers: int, bar: tqdm) -> list[R]:
    """A process pool fed a few partitions ahead of its workers, so that waiting ones stay unpickled (or unread)."""
    results: dict[int, Any] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(func))
    try:
        running: dict[Future, int] = {}
        queued = iter(enumerate(partitions))
        for number, part in queued:
            running[pool.submit(func, part)] = number
            if len(running) >= 2 * workers:
                break
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                results[running.pop(future)] = future.result()
                bar.update()
                if (following := next(queued, None)) is not None:
                    running[pool.submit(func, following[1])] = following[0]
    except BaseException:  # an interrupt, or a partition that failed: stop the workers now, not when they are done
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[number] for number in range(len(results))]


def _context(func: Callable) -> multiprocessing.context.BaseContext:
    """Workers forked from a clean server process that has imported ``func``'s module (never from this
    process, whose threads, a notebook's or Dask's, a fork would copy mid-flight)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    module = getattr(getattr(func, "func", func), "__module__", None)
    context.set_forkserver_preload([m for m in ("pandas", module) if m and m != "__main__"])
    return context


def _run_dask(
    func: Callable[[P], R], partitions: Iterable[P], *, scheduler: str | None, workers: int, bar: tqdm
) -> list[R]:
    """Partitions scattered to the workers a few at a time, results gathered in partition order."""
    from distributed import Client, LocalCluster, as_completed

    if scheduler:
        cluster = None
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        ahead = 2 * (len(client.scheduler_info().get("workers", {})) or workers)
        results: dict[int, Any] = {}
        numbers: dict[str, int] = {}
        pending = as_completed()
        queued = iter(enumerate(partitions))

        def submit(number: int, part: P) -> None:
            future = client.submit(func, client.scatter([part], hash=False)[0], pure=False)
            numbers[future.key] = number
            pending.add(future)

        for number, part in queued:
            submit(number, part)
            if pending.count() >= ahead:
                break
        for future in pending:
            results[numbers.pop(future.key)] = future.result()
            bar.update()
            if (following := next(queued, None)) is not None:
                submit(*following)
        return [results[number] for number in range(len(results))]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
