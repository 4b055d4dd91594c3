"""The command line end to end, on a throw-away copy of the project with the fixture corpus."""

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from newsreport.cli import main

pytestmark = pytest.mark.slow


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_run_builds_the_report_and_never_writes_raw_data(project, capsys):
    raw = digest(project / "data" / "raw")
    assert main(["--root", str(project)]) == 0
    report = project / "report"
    pdf = PdfReader(report / "report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Loading the corpus" in text and "Data quality" in text and "Documents over time" in text
    assert "import " not in text  # no code
    html = (report / "report.html").read_text()
    assert "en_amman" in html and "<script" not in html
    assert sorted(p.name for p in (report / "tables").iterdir()) == [
        "corpus.csv", "data_quality.csv", "removed_lines.csv"]
    assert digest(project / "data" / "raw") == raw
    progress = capsys.readouterr().out
    assert "executed 01_load_corpus.ipynb in" in progress and "rendered report" in progress


def test_same_input_gives_byte_identical_tables(project):
    assert main(["--root", str(project)]) == 0
    first = digest(project / "report" / "tables")
    assert main(["--root", str(project)]) == 0
    assert digest(project / "report" / "tables") == first


def test_bad_parameter_stops_before_any_notebook(project, capsys):
    assert main(["--root", str(project), "-p", "figure_dpi", "lots"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: parameter 'figure_dpi'") and "\n" not in err
    assert not (project / "report" / "executed").exists()


def test_corpus_option_and_its_errors(project, tmp_path, capsys):
    assert main(["--root", str(project), "--corpus", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--root", str(project), "--corpus", str(empty)]) == 2
    assert "has no article files" in capsys.readouterr().err


def test_bad_metadata_is_one_line_before_any_notebook(project, capsys):
    (project / "data" / "raw" / "metadata.csv").write_text("doc_id,date\nen_amman,12/03/2016\n")
    assert main(["--root", str(project)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "error: metadata.csv row 2, column 'date': '12/03/2016' is not a date; write it as YYYY-MM-DD"


def test_failing_notebook_keeps_the_previous_report(project, capsys):
    assert main(["--root", str(project)]) == 0
    report = project / "report"
    before = digest(report / "tables"), (report / "report.pdf").read_bytes()
    notebook = project / "notebooks" / "01_load_corpus.ipynb"
    notebook.write_text(notebook.read_text().replace("documents = loaded.documents", "documents = 1 / 0"))
    assert main(["--root", str(project)]) == 1
    err = capsys.readouterr().err.strip()
    assert "01_load_corpus.ipynb failed at cell 4: ZeroDivisionError: division by zero" in err
    assert (digest(report / "tables"), (report / "report.pdf").read_bytes()) == before
    assert (report / "executed" / "01_load_corpus.ipynb").is_file()
    assert not list((project / ".build").iterdir())
