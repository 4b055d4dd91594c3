"""The run's transaction in isolation: interrupts that code in between swallows, and a PDF drawn whole or not at
all."""

from __future__ import annotations

import contextlib
import os
import signal

import pytest

from newsreport import transaction
from newsreport.errors import Interrupted, RunFailed
from newsreport.pdf import write_pdf


def test_an_interrupt_that_the_code_inside_swallows_is_raised_again_when_it_returns():
    before = signal.getsignal(signal.SIGINT)  # Python's own, or "ignored" in a job started in the background
    swallowed = []
    with pytest.raises(Interrupted) as raised, transaction.interrupts_kept():
        try:  # as WeasyPrint does around every image it draws
            os.kill(os.getpid(), signal.SIGINT)  # a real signal, delivered to this thread
        except BaseException as exception:  # noqa: BLE001
            swallowed.append(exception)
    assert isinstance(swallowed[0], Interrupted) and raised.value.signum == signal.SIGINT
    assert signal.getsignal(signal.SIGINT) is before  # the handlers are put back


def test_an_interrupt_noted_while_the_packages_load_stops_the_run_as_it_starts():
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        transaction.interrupts_noted()  # what python -m newsreport does first
        with contextlib.suppress(BaseException):  # an import that makes something else of it (a Rust extension panics)
            os.kill(os.getpid(), signal.SIGINT)  # a real signal
        assert transaction.noted_interrupt().signum == signal.SIGINT
        started = []
        with pytest.raises(Interrupted), transaction.interrupts_kept():
            started.append("the run")
        assert started == []
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def test_a_figure_the_renderer_cannot_draw_fails_the_pdf_instead_of_leaving_a_blank(tmp_path):
    page = '<html lang="en"><head><title>T</title></head><body><p>Text</p><img src="missing.svg" alt="x"></body></html>'
    with pytest.raises(RunFailed, match=r"report.pdf could not be drawn whole \(.*missing.svg"):
        write_pdf(page, tmp_path / "report.pdf", base=tmp_path)


def test_an_interrupt_whose_exception_is_lost_stops_the_run_at_its_next_check():
    reached = []
    with pytest.raises(Interrupted), transaction.interrupts_kept():
        with contextlib.suppress(Interrupted):  # lost, as when it lands in a garbage collector's callback
            os.kill(os.getpid(), signal.SIGTERM)  # a real signal
        reached.append("before the check")
        transaction.check_interrupted()
        reached.append("after the check")
    assert reached == ["before the check"]


@pytest.mark.parametrize("text", ['[1, 2]', '{"notebooks": 5}', '{"notebooks": [1]}', '{"rendered": 3}',
                                  '{"notebooks": [{"name": "01_load_corpus", "outputs": 5}]}'])
def test_a_manifest_edited_by_hand_reuses_nothing_it_cannot_vouch_for(tmp_path, text):
    from newsreport.manifest import read_manifest

    (tmp_path / "manifest.json").write_text(text)
    manifest = read_manifest(tmp_path / "manifest.json")
    assert manifest.get("notebooks", []) == [] and isinstance(manifest.get("rendered", {}), dict)


def test_a_journal_that_cannot_be_written_changes_nothing_and_leaves_no_journal(tmp_path, monkeypatch):
    out, staging = tmp_path / "out", tmp_path / "staging"
    (out / "report").mkdir(parents=True)
    (out / "report" / "report.html").write_text("old")
    (staging / "report").mkdir(parents=True)
    (staging / "report" / "report.html").write_text("new")
    transaction.build_folder(out).mkdir()

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(RunFailed, match=r"could not write .*journal.json \(No space left on device\); nothing"):
        transaction.promote(staging, out, outputs=("report",))
    assert (out / "report" / "report.html").read_text() == "old"
    assert not [p.name for p in transaction.build_folder(out).iterdir() if "journal" in p.name]


def test_a_damaged_journal_is_undone_as_far_as_it_can_tell(tmp_path):
    """A journal is written whole or not at all; one damaged since (an empty file) still puts back what the
    promotion had moved aside, instead of failing every run after it."""
    out = tmp_path
    build = transaction.build_folder(out)
    (build / "previous" / "report").mkdir(parents=True)
    (build / "previous" / "report" / "report.html").write_text("old")
    (out / "report").mkdir()
    (out / "report" / "report.html").write_text("half-promoted")
    (out / "figures").mkdir()
    (out / "figures" / "a.svg").write_text("kept")
    (build / "journal.json").write_text("")
    done = transaction.recover(out)
    assert (out / "report" / "report.html").read_text() == "old" and (out / "figures" / "a.svg").read_text() == "kept"
    assert not (build / "journal.json").exists() and done[0].startswith("undid an interrupted promotion")
