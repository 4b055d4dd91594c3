"""A run is a transaction: one run at a time per output folder, outputs built aside and moved into place
whole or not at all, and whatever a killed run left behind cleaned up by the next.

Everything a run writes goes to ``<output_root>/.build/staging`` first. Promotion swaps each output
(a folder such as ``report/tables``, or a file such as ``report/report.pdf``) for its staged copy by
renames, with a journal: the old outputs are moved into ``.build/previous``, the new ones into place,
and only then is the journal removed (the commit) and the old outputs deleted. If a rename fails, the
ones done are undone; if the process dies before the commit, the next run undoes them from the
journal before doing anything else. Either way the previous outputs come back whole.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsreport.errors import UNCHANGED, Busy, InputError, Interrupted, RunFailed

BUILD = ".build"
OUTPUTS = (  # what a run replaces, relative to output_root
    "data/processed", "figures", "report/tables", "report/executed", "report/failed",
    "report/manifest.json", "report/report.html", "report/report.pdf",
)
SOCKETS_PREFIX = "newsreport-"  # temporary folders of kernel sockets: newsreport-<pid>-...


def build_folder(out: Path) -> Path:
    return out / BUILD


def staging_folder(out: Path) -> Path:
    """Where a run builds its outputs: one fixed place (one run at a time), so that paths written into
    executed notebooks are the same from run to run."""
    return build_folder(out) / "staging"


@contextlib.contextmanager
def locked(out: Path, *, wait: bool = False, echo: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the output folder's lock for the block: a second run refuses (``Busy``), or waits with ``wait``."""
    from filelock import FileLock, Timeout

    build = build_folder(out)
    build.mkdir(parents=True, exist_ok=True)
    owner = build / "owner"
    lock = FileLock(build / "lock")
    try:
        lock.acquire(blocking=False)
    except Timeout:
        holder = _read_owner(owner)
        if not wait:
            raise Busy(f"another run ({holder}) is writing to {out}; wait for it to finish, or pass --wait") from None
        echo(f"waiting for the run ({holder}) writing to {out} to finish")
        lock.acquire()
    try:
        started = datetime.datetime.now().isoformat(timespec="seconds")
        owner.write_text(json.dumps({"pid": os.getpid(), "started": started}), encoding="utf-8")
        yield
    finally:
        with contextlib.suppress(OSError):
            owner.unlink()
        lock.release()


def _read_owner(path: Path) -> str:
    try:
        owner = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {owner['pid']}, started {owner['started']}"
    except (OSError, ValueError, KeyError):
        return "pid unknown"


def recover(out: Path) -> list[str]:
    """Put the outputs back as the last committed run left them, and remove what killed runs left behind
    (a half-done promotion, the staging folder, kernel socket folders). Call it holding the lock.
    Returns what was done, for the run's log."""
    done = []
    build = build_folder(out)
    journal = build / "journal.json"
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # written whole or not at all; damaged since: undo what it can tell
            moved = [name for name in OUTPUTS if (build / "previous" / name).exists()]
            plan = {"outputs": moved, "existed": moved}
        _roll_back(out, plan)
        journal.unlink()
        done.append("undid an interrupted promotion: the previous outputs are back in place")
    for leftover in (build / "previous", staging_folder(out), *build.glob("run-*")):
        if leftover.exists():
            _clear(leftover, out)
            done.append(f"removed {leftover.relative_to(out)} left by an earlier run")
    for sockets in Path(tempfile.gettempdir()).glob(f"{SOCKETS_PREFIX}*-*"):
        pid = sockets.name.removeprefix(SOCKETS_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and sockets.stat().st_uid == os.getuid():
            shutil.rmtree(sockets, ignore_errors=True)
    return done


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_folder(folder: Path, *, what: str) -> None:
    """``folder`` can be written, or made: refused naming the first of it and its parents that is there."""
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"{what} {existing} is a file, not a folder; choose a folder")
    try:  # a folder made and removed at once: permissions, read-only and pseudo file systems (/proc) all say no
        os.rmdir(tempfile.mkdtemp(dir=existing, prefix=".newsreport-check-"))
    except OSError as exc:
        raise InputError(f"{what} {existing} cannot be written ({exc.strerror or exc}); make it writable or choose "
                         "a folder you can write") from None


def check_writable(out: Path) -> None:
    """The output folder is a folder that can be written (or can be made) and every output in it can be replaced:
    refused before any notebook starts, naming the first that cannot; nothing is left written."""
    check_folder(out / BUILD, what="parameter 'output_root':")  # where the lock and the staging folder go
    for relative in (BUILD, *OUTPUTS):
        path = out / relative
        existing = path
        while not existing.exists():
            existing = existing.parent
        checks = [existing] if existing != path else [path, path.parent]
        for checked in checks:
            if checked.is_dir() and not os.access(checked, os.W_OK | os.X_OK) or (
                    checked.is_file() and not os.access(checked, os.W_OK)):
                shown = checked.relative_to(out) if checked.is_relative_to(out) else checked
                raise InputError(f"output {shown} cannot be written (its permissions or attributes forbid it); "
                                 "make it writable (chmod u+w, chattr -i) or choose another output_root")


def promote(staging: Path, out: Path, *, outputs: tuple[str, ...] = OUTPUTS) -> None:
    """Swap every output for its staged copy, all or none (see the module's docstring).

    An output the staging folder lacks is removed (``report/failed`` after a successful run). Hidden
    files of a replaced folder (``.gitkeep``) are carried over. A failure raises ``RunFailed`` naming
    the output, with the previous outputs back in place.
    """
    build = build_folder(out)
    previous = build / "previous"
    _clear(previous, out)  # before anything moves: the old outputs must have an empty place to go
    existed = [name for name in outputs if (out / name).exists()]
    for name in existed:
        if (out / name).is_dir() and (staging / name).is_dir():
            for hidden in (out / name).glob(".*"):
                if hidden.is_file() and not (staging / name / hidden.name).exists():
                    shutil.copy2(hidden, staging / name / hidden.name)
    plan = {"outputs": list(outputs), "existed": existed}
    journal = build / "journal.json"
    try:
        _write_synced(journal, json.dumps(plan))
    except OSError as exc:
        raise RunFailed(f"could not write {journal} ({exc.strerror}); {UNCHANGED}") from None
    try:
        for name in existed:
            _rename(out / name, previous / name)
        for name in outputs:
            if (staging / name).exists():
                _rename(staging / name, out / name)
    except OSError as exc:
        _roll_back(out, plan)
        journal.unlink()
        raise RunFailed(f"could not move {_named(exc, out)} into place ({exc.strerror}); {UNCHANGED}") from None
    journal.unlink()  # the commit: from here on the new outputs stand
    shutil.rmtree(previous, ignore_errors=True)


def _clear(folder: Path, out: Path) -> None:
    """Remove a folder of the build area, or refuse the run naming what stays (a file an earlier run left there
    that cannot be deleted): nothing may be moved onto it."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        stuck = next((p for p in sorted(folder.rglob("*")) if not p.is_dir()), folder)
        raise InputError(f"{stuck.relative_to(out)} was left by an earlier run and cannot be removed (its permissions "
                         "or attributes forbid it): make it removable (chmod u+w, chattr -i) and run again; nothing "
                         "was changed")


def _roll_back(out: Path, plan: dict) -> None:
    """Undo a promotion: new outputs out, previous ones back (each step safe to repeat)."""
    previous = build_folder(out) / "previous"
    for name in plan["outputs"]:
        target, kept = out / name, previous / name
        if name in plan["existed"]:
            if kept.exists():
                _remove(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                kept.rename(target)
        else:
            _remove(target)
    shutil.rmtree(previous, ignore_errors=True)


def link(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (no bytes copied), or a copy where the file system cannot link."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _rename(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    source.rename(target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _named(exc: OSError, out: Path) -> str:
    for name in (exc.filename, exc.filename2):
        if name and Path(name).is_relative_to(out) and BUILD not in Path(name).relative_to(out).parts:
            return str(Path(name).relative_to(out))
    return str(exc.filename or out)


def _write_synced(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all (a full disk leaves no empty journal), and on the disk before a rename
    that follows."""
    partial = path.with_name(f".{path.name}.tmp")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


_received: list[int] = []  # the SIGINT and SIGTERM received in ``interrupts_kept``, lost on the way or not


_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # what stops a run: Ctrl-C, and a polite kill


def _interrupt(number: int, _frame: object) -> None:
    _received.append(number)
    raise Interrupted(number)


def interrupts_noted() -> None:
    """From now on SIGINT and SIGTERM raise ``Interrupted`` and are remembered (``noted_interrupt``), until a run
    keeps them (``interrupts_kept``): what ``python -m newsreport`` does first, so that Ctrl-C while the packages
    load is one line too, whatever an import makes of the exception (a Rust extension panics)."""
    for signum in _SIGNALS:
        signal.signal(signum, _interrupt)


def noted_interrupt() -> Interrupted | None:
    """The interrupt that arrived since ``interrupts_noted``, or in the run's block; None when none did."""
    return Interrupted(_received[0]) if _received else None


@contextlib.contextmanager
def interrupts_kept() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` at once, and again wherever ``check_interrupted`` is called and
    when the block ends, should the exception have been lost on the way: caught by code in the block (WeasyPrint
    catches everything raised while it draws an image, and goes on), or raised inside a garbage collector's
    callback, where Python prints "Exception ignored" and carries on."""
    if signal.getsignal(signal.SIGINT) is not _interrupt:  # the outermost block of a new run, nothing noted before
        _received.clear()
    check_interrupted()  # one noted before the block (while the packages loaded), its exception lost on the way
    handlers = {signum: signal.signal(signum, _interrupt) for signum in _SIGNALS}
    unraisable = sys.unraisablehook

    def quiet(lost: Any) -> None:  # an interrupt lost in a callback is remembered: no "Exception ignored" for it
        if not isinstance(lost.exc_value, Interrupted):
            unraisable(lost)

    sys.unraisablehook = quiet
    try:
        yield
    except BaseException:
        check_interrupted()
        raise
    finally:
        sys.unraisablehook = unraisable
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    check_interrupted()


def check_interrupted() -> None:
    """Raise ``Interrupted`` when a signal arrived in ``interrupts_kept`` (its own exception may have been lost)."""
    if (interrupted := noted_interrupt()) is not None:
        raise interrupted from None


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM held back while the block runs (a promotion is never cut in half); one that
    arrived is raised as ``Interrupted`` when the block is done."""
    received: list[int] = []
    handlers = {signum: signal.signal(signum, lambda number, _frame: received.append(number))
                for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    if received:
        raise Interrupted(received[0], committed=True)
