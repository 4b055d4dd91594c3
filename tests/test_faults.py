"""Fault injection: each promise of "What a run guarantees" (README), broken for real and checked.

A real failed notebook followed by a re-run, a notebook run by hand over the report's tables, a real
folder that cannot be written, real links out of the corpus folder, a real SIGINT and SIGKILL sent to a
real run, two real runs at once, and two forced runs compared byte for byte. Every test works on its
own copy of the project the session built (the fixture corpus, with a hostile link and a subfolder in it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import papermill
import psutil
import pytest
from conftest import SECRET

from newsreport import transaction
from newsreport.cli import main
from newsreport.errors import InputError, RunFailed

pytestmark = pytest.mark.slow

def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder (links not followed) with its SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def outputs(project: Path) -> dict[str, str]:
    """The outputs a reader and the next run rely on: report, tables, figures, corpus table."""
    found = {}
    for folder in ("report", "figures", "data/processed"):
        found |= {f"{folder}/{name}": digest for name, digest in tree(project / folder).items()}
    return found


@pytest.fixture
def project(built_copy) -> Path:
    return built_copy


def error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err, err
    return err


# --- what the corpus folder may hold ------------------------------------------------------------------


def test_a_link_out_of_the_corpus_folder_is_listed_never_read(built):
    report = built / "report"
    quality = pd.read_csv(report / "tables" / "data_quality.csv")
    listed = " | ".join(quality["detail"])
    assert f"passwd.txt: a link to {SECRET}, outside the corpus folder; not read" in listed
    assert "2019/: a subfolder (1 file); subfolders are not read" in listed
    loaded = sorted(pd.read_csv(report / "tables" / "corpus.csv")["doc_id"])
    assert loaded == ["ar_tunis", "en_amman", "fr_rabat", "hostile"]
    secret_line = SECRET.read_text().splitlines()[0]
    for name in ("report.html", "tables/corpus.csv", "tables/term_frequency.csv"):
        assert secret_line not in (report / name).read_text(encoding="utf-8"), name
    assert secret_line.encode() not in (built / "data" / "processed" / "corpus.parquet").read_bytes()
    inputs = json.loads((report / "manifest.json").read_text())["inputs"]
    assert "data/raw/passwd.txt" not in inputs and not any("2019" in name for name in inputs)
    assert {"data/raw/en_amman.txt", "data/raw/metadata.csv"} <= set(inputs)


# --- failures -------------------------------------------------------------------------------------------


def test_a_failed_notebook_is_never_reused_nor_rendered(project, capsys):
    before = outputs(project)
    notebook = project / "notebooks" / "03_mention_timeline.ipynb"
    source = notebook.read_text()
    notebook.write_text(source.replace("counts, hits = mentions.counted(", "counts, hits = 1 / 0, ("))
    assert "1 / 0" in notebook.read_text()
    assert main(["--root", str(project)]) == 1
    err = error_line(capsys)
    assert err.startswith("error: 03_mention_timeline.ipynb failed at cell 4: ZeroDivisionError: division by zero")
    assert "report/failed/03_mention_timeline.ipynb" in err
    kept = outputs(project)
    assert kept.pop("report/failed/03_mention_timeline.ipynb")  # for debugging, outside the report
    assert kept == before, "a failed run changed the outputs"
    assert "ZeroDivisionError" in (project / "report" / "failed" / "03_mention_timeline.ipynb").read_text()

    notebook.write_text(source)  # the analyst puts the notebook back as it was: the last good run stands whole
    assert main(["--root", str(project)]) == 0
    assert ("removed report/failed/ (03_mention_timeline.ipynb): the failed run's notebooks, this run succeeded"
            in capsys.readouterr().out)
    page = (project / "report" / "report.html").read_text(encoding="utf-8")
    assert "ZeroDivisionError" not in page and not (project / "report" / "failed").exists()
    after = outputs(project)
    assert after["report/executed/03_mention_timeline.ipynb"] == before["report/executed/03_mention_timeline.ipynb"]
    assert {k: v for k, v in after.items() if k.startswith("report/tables/")} == {
        k: v for k, v in before.items() if k.startswith("report/tables/")}


def test_a_notebook_run_by_hand_over_the_tables_is_detected_and_rerun(project, capsys):
    table = project / "report" / "tables" / "term_frequency.csv"
    original = table.read_bytes()
    executed = project / "scratch" / "02.ipynb"
    executed.parent.mkdir()
    papermill.execute_notebook(  # as an analyst would, into the project's own report/tables
        str(project / "notebooks" / "02_term_frequency.ipynb"), str(executed),
        parameters={"project_root": str(project), "top_n": 5, "min_length": 4},
        cwd=str(project / "notebooks"), progress_bar=False, kernel_name="python3",
    )
    assert table.read_bytes() != original
    capsys.readouterr()
    assert main(["--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "re-running 02_term_frequency.ipynb: figures/top_terms.png changed since the last run" in out
    assert table.read_bytes() == original  # the report and its tables agree again


def test_an_unwritable_output_folder_is_refused_before_any_notebook(project, capsys):
    tables = project / "report" / "tables"
    before = outputs(project)
    with unwritable(tables):
        started = time.perf_counter()
        assert main(["--root", str(project), "--force"]) == 2
        assert time.perf_counter() - started < 5
        err = error_line(capsys)
        assert err.startswith("error: output report/tables cannot be written")
        assert outputs(project) == before
        assert not (project / ".build" / "staging").exists()


def test_an_index_folder_that_cannot_be_written_is_named_before_any_notebook(project, tmp_path, capsys):
    """The index is kept in the project's .build whatever the output folder: refused naming .build, not the
    output folder, before a notebook starts."""
    build = project / ".build"
    shutil.rmtree(build / "index", ignore_errors=True)  # a cache: made again by the run
    build.mkdir(exist_ok=True)
    with unwritable(build):
        assert main(["--root", str(project), "-p", "output_root", str(tmp_path / "out")]) == 2
        assert error_line(capsys).startswith(
            f"error: the corpus index (a cache, in the project folder): {build} cannot be written")
        assert not (tmp_path / "out" / "report").exists()


def new_generation(out: Path) -> Path:
    """A complete staged generation of outputs, each different from the live one."""
    staging = transaction.staging_folder(out)
    for name in transaction.OUTPUTS:
        target = staging / name
        if (out / name).is_dir() or "." not in Path(name).name:
            target.mkdir(parents=True, exist_ok=True)
            (target / "new.txt").write_text("new")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("new")
    return staging


def test_a_promotion_that_fails_halfway_puts_every_previous_output_back(project):
    before = outputs(project)
    staging = new_generation(project)
    # the last output to move in cannot move: every old output is aside and the others are in by then
    with unwritable(staging / "report" / "report.pdf"), pytest.raises(
            RunFailed, match=r"could not move report/report.pdf into place"):
        transaction.promote(staging, project)
    assert outputs(project) == before
    assert not (project / ".build" / "previous").exists() and not (project / ".build" / "journal.json").exists()
    transaction.promote(new_generation(project), project)  # and when nothing is in the way, all of it moves
    assert (project / "report" / "report.pdf").read_text() == "new"
    assert sorted(p.name for p in (project / "figures").iterdir()) == [".gitkeep", "new.txt"]  # hidden files stay


def test_an_old_output_that_cannot_be_removed_stops_the_next_promotion_before_it_changes_anything(project):
    if os.geteuid() != 0:
        pytest.skip("needs chattr +i: a file root cannot delete inside a folder that moves")
    subprocess.run(["chattr", "+i", str(project / "report" / "tables" / "term_frequency.csv")], check=True)
    stuck = project / ".build" / "previous" / "report" / "tables" / "term_frequency.csv"  # where it goes
    try:
        transaction.promote(new_generation(project), project)  # the new outputs stand; the old tables cannot all go
        assert stuck.is_file() and (project / "report" / "tables" / "new.txt").is_file()
        before = outputs(project)
        message = ("^.build/previous/report/tables/term_frequency.csv was left by an earlier run and cannot be removed "
                   r"\(its permissions or attributes forbid it\): make it removable \(chmod u\+w, chattr -i\) and "
                   "run again; nothing was changed$")
        with pytest.raises(InputError, match=message):
            transaction.recover(project)  # what a run does first
        with pytest.raises(InputError, match=message):
            transaction.promote(new_generation(project), project)  # it used to delete the live tables here
        assert outputs(project) == before
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)
    assert transaction.recover(project) == ["removed .build/previous left by an earlier run",
                                            "removed .build/staging left by an earlier run"]


def test_an_interrupt_while_the_pdf_is_drawn_is_never_lost(project):
    before = outputs(project)
    run = start(project, "-p", "report_title", "Another title")  # the notebooks reused: the report drawn again
    printed = []
    for line in run.stdout:  # the four notebooks done (skipped, or run), then the renderer starts
        printed.append(line)
        if sum(line.startswith(("skipped ", "executed ")) for line in printed) == 4:
            break
    else:
        raise AssertionError(f"the run ended before its notebooks were done: {printed} {run.stderr.read()}")
    time.sleep(2.0)  # the renderer is at work: WeasyPrint catches whatever is raised while it draws a figure
    run.send_signal(signal.SIGINT)
    assert run.wait(timeout=60) == 130
    assert outputs(project) == before


def test_an_interrupt_the_renderer_swallows_still_stops_the_run_before_the_promotion(project, monkeypatch, capsys):
    from newsreport import render

    drawn = render.render_report

    def swallowing(*args, **kwargs) -> None:
        drawn(*args, **kwargs)  # the report drawn whole, then a real signal that the renderer swallows
        with contextlib.suppress(BaseException):  # as WeasyPrint does around every image it draws
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(render, "render_report", swallowing)
    before = outputs(project)
    assert main(["--root", str(project), "-p", "report_title", "Another title"]) == 130
    assert outputs(project) == before
    assert capsys.readouterr().err.strip().endswith("nothing was changed: the previous report, tables and figures "
                                                    "are as they were")


def test_a_promotion_killed_halfway_is_undone_by_the_next_run(project):
    out = project
    before = outputs(project)
    build = out / ".build"
    # the state a SIGKILL between two renames leaves: two outputs swapped, the journal still there
    plan = {"outputs": list(transaction.OUTPUTS),
            "existed": [name for name in transaction.OUTPUTS if (out / name).exists()]}
    (build / "journal.json").write_text(json.dumps(plan))
    for name in ("report/tables", "figures"):
        (build / "previous" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).rename(build / "previous" / name)
        (out / name).mkdir()
        (out / name / "half.txt").write_text("new")
    done = transaction.recover(out)
    assert done and done[0].startswith("undid an interrupted promotion")
    assert outputs(project) == before


# --- signals and concurrent runs ------------------------------------------------------------------------


def start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsreport", "--root", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # lines come as printed


def wait_for_line(process: subprocess.Popen, text: str, *, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        if text in line:
            return
        assert time.monotonic() < deadline, f"no line with {text!r}"
    raise AssertionError(f"the run ended before printing {text!r}: {process.stderr.read()}")


def kernels_of(pid: int) -> list[psutil.Process]:
    """Kernel processes started by the run of ``pid`` (their socket folder is named for it)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if any(f"{transaction.SOCKETS_PREFIX}{pid}-" in part for part in process.info["cmdline"] or []):
                found.append(process)
    return found


def test_ctrl_c_stops_the_run_cleanly_and_changes_nothing(project):
    before = outputs(project)
    run = start(project, "--force")
    wait_for_line(run, "executed 01_load_corpus.ipynb")
    run.send_signal(signal.SIGINT)
    assert run.wait(timeout=30) == 130
    assert run.stderr.read().strip().splitlines() == [
        "interrupted (SIGINT): nothing was changed: the previous report, tables and figures are as they were"]
    assert outputs(project) == before
    assert sorted(p.name for p in (project / ".build").iterdir()) == ["index", "lock"]  # the index is a cache
    time.sleep(1)
    assert kernels_of(run.pid) == []


def test_a_lexicon_saved_while_the_report_is_made_is_never_half_in_it(project):
    """03 counted with the lexicon as it was; the appendix would print it as it is: the run is not promoted."""
    before = outputs(project)
    lexicon = project / "data" / "lexicons" / "entities.yaml"
    run = start(project, "-p", "evidence_per_entity", "4")  # 03 runs again, then the report is drawn
    wait_for_line(run, "executed 03_mention_timeline.ipynb")
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n  - name: Police Cooperation Test\n    type: concept\n"
                       "    aliases:\n      en: [police]\n", encoding="utf-8")
    assert run.wait(timeout=120) == 1
    assert run.stderr.read().strip().splitlines() == [
        "error: data/lexicons/entities.yaml changed while the report was being made: run again; nothing was changed: "
        "the previous report, tables and figures are as they were"]
    assert outputs(project) == before and not (project / ".build" / "staging").exists()


def test_ctrl_c_while_the_packages_are_imported_is_one_line_too(project):
    for delay in (0.3, 0.6):  # once Python has started: while the packages load, or as the run's handler comes in
        run = start(project, "--force")
        time.sleep(delay)
        run.send_signal(signal.SIGINT)
        code = run.wait(timeout=30)
        lines = run.stderr.read().strip().splitlines()
        assert code == 130, (delay, lines, run.stdout.read())
        assert len(lines) == 1 and lines[0].startswith("interrupted (SIGINT): nothing was changed"), lines


def test_a_file_put_among_the_outputs_by_hand_is_removed_by_a_run_that_changes_nothing(project, capsys):
    """The tables the manifest vouches for are all the tables there are."""
    before = outputs(project)
    (project / "report" / "tables" / "zz.csv").write_text("a,b\n1,2\n")
    assert main(["--root", str(project)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "removed report/tables/zz.csv: no output of the report (put there by hand?)",
        "nothing changed: all 4 notebooks and the report are up to date"]
    assert outputs(project) == before


def test_a_killed_run_leaves_nothing_the_next_run_does_not_remove(project, capsys):
    before = outputs(project)
    run = start(project, "--force")
    wait_for_line(run, "executed 01_load_corpus.ipynb")
    run.kill()
    run.wait(timeout=30)
    assert (project / ".build" / "staging").is_dir()  # what SIGKILL leaves
    for process in kernels_of(run.pid):  # its kernels notice their parent is gone and stop
        with contextlib.suppress(psutil.Error):
            process.wait(timeout=15)
    assert outputs(project) == before
    assert main(["--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "removed .build/staging left by an earlier run" in out and "nothing changed" in out
    assert sorted(p.name for p in (project / ".build").iterdir()) == ["index", "lock"]
    assert not list(Path(tempfile.gettempdir()).glob(f"{transaction.SOCKETS_PREFIX}{run.pid}-*"))


def test_a_second_run_on_the_same_output_folder_refuses_or_waits(project, capsys):
    first = start(project, "--force")
    wait_for_line(first, "executed 01_load_corpus.ipynb")
    assert main(["--root", str(project)]) == 75
    err = error_line(capsys)
    assert err.startswith(f"error: another run (pid {first.pid}, started ") and "pass --wait" in err
    waiting = start(project, "--wait")
    assert waiting.stdout.readline().startswith(f"waiting for the run (pid {first.pid}")
    assert first.wait(timeout=120) == 0
    assert waiting.wait(timeout=120) == 0
    assert "nothing changed" in waiting.stdout.read()


def test_two_forced_runs_give_byte_identical_reports(project):
    before = outputs(project)
    assert main(["--root", str(project), "--force"]) == 0
    after = outputs(project)
    assert after.keys() == before.keys()
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["report/manifest.json"]  # run times are kept there, and only there
    manifest = json.loads((project / "report" / "manifest.json").read_text())
    assert all(nb["status"] == "executed" for nb in manifest["notebooks"])


@contextlib.contextmanager
def unwritable(path: Path):
    """A file or folder that cannot be changed or moved: immutable (chattr +i) as root; else the folder
    (a file's own folder) made read-only, since root ignores permissions and a read-only file still moves."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("this file system has no immutable attribute (chattr +i), and root ignores permissions")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        folder = path if path.is_dir() else path.parent
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
