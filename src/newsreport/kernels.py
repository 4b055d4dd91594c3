"""Kernels started ahead of their notebooks, each with the notebook's own imports already loaded.

A kernel costs seconds to start and its imports (pandas, matplotlib) seconds more; starting them while
an earlier notebook runs hides that time. Every kernel of a run is started here, warm or on demand, so
that an interrupted run can stop them all. Sockets are IPC files in a temporary folder named for this
process (``newsreport-<pid>-...``), which the next run removes if this one was killed.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from newsreport.transaction import SOCKETS_PREFIX

KERNEL = "python3"


class Kernels:
    """The kernels of one run: started ahead (``warm``), handed to their notebook (``take``), all stopped
    at the end (``shutdown``), including any still running a notebook."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=4)  # one per notebook: kernels waiting on 01 hold a thread
        self._warming: dict[str, Future] = {}
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self._closed = False
        self._sockets = Path(tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-"))  # short: IPC path limit

    def warm(self, notebook: Path, *, after: Path | None = None) -> None:
        """Start a notebook's kernel; ``after`` another's is ready, so that one gets the CPU first."""
        import jupyter_client.manager  # noqa: F401  (loaded here first: threads importing one package at once can deadlock)

        ahead = self._warming.get(after.stem) if after is not None else None
        self._warming[notebook.stem] = self._pool.submit(self._start, notebook, ahead)

    def starting(self) -> bool:
        return bool(self._warming)

    def take(self, notebook: Path) -> Any:
        """The kernel manager for a notebook: its warm kernel, else one started now."""
        future = self._warming.pop(notebook.stem, None)
        try:
            if future is not None:
                return future.result()
        except Exception:  # a kernel that failed to warm up: start a plain one
            pass
        return self._start(notebook, None, imports=False)

    def shutdown(self) -> None:
        """Stop every kernel of the run, warm, waiting or busy; remove their sockets."""
        with self._lock:
            self._closed = True
        for future in self._warming.values():
            future.cancel()
        for manager in self._started():
            _stop(manager)
        self._pool.shutdown(wait=True)
        for manager in self._started():  # started while the pool was finishing
            _stop(manager)
        shutil.rmtree(self._sockets, ignore_errors=True)

    def _started(self) -> list[Any]:
        with self._lock:
            return list(self._all)

    def _start(self, notebook: Path, ahead: Future | None, *, imports: bool = True) -> Any:
        from jupyter_client.manager import KernelManager

        if ahead is not None:
            wait([ahead])
        socket = self._sockets / notebook.stem[:2]
        # IPC sockets under an absolute path: nothing listens on TCP, and the kernel (started in the
        # notebook's folder) and this process find the same files.
        manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(socket),
                                connection_file=str(self._sockets / f"{notebook.stem[:2]}.json"))
        with self._lock:
            if self._closed:
                raise RuntimeError("the run is stopping")
            self._all.append(manager)
            manager.start_kernel(cwd=str(notebook.parent))
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            if imports and (lines := import_lines(notebook)):
                self._await_reply(client, client.execute(lines, silent=True, store_history=False))
        finally:
            client.stop_channels()
        # Papermill's client of this kernel: an asynchronous one notices within a second that the kernel
        # died (stopped by an interrupt); a blocking one would wait for output forever.
        manager.client_class = "jupyter_client.asynchronous.AsyncKernelClient"
        return manager

    def release(self, manager: Any) -> None:
        """Stop a notebook's kernel once the notebook is done: it holds the notebook's data."""
        _stop(manager)

    def _await_reply(self, client: Any, msg_id: str, *, timeout: float = 120) -> None:
        """Wait for a kernel's reply, but no longer than the run lasts (a stopped run stops the kernel)."""
        deadline = time.monotonic() + timeout
        while not self._closed and time.monotonic() < deadline:
            try:
                if client.get_shell_msg(timeout=0.2)["parent_header"].get("msg_id") == msg_id:
                    return
            except queue.Empty:
                continue


def _stop(manager: Any) -> None:
    try:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    except Exception:  # already gone
        pass


def import_lines(notebook: Path) -> str:
    """The notebook's own import statements (loading modules has no effect on its results)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            lines += [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    return "\n".join(lines)
