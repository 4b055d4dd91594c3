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
    assert {"corpus.csv", "data_quality.csv", "removed_lines.csv", "term_frequency.csv"} <= {
        p.name for p in (report / "tables").iterdir()}
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
    assert "executed notebook kept in" in err and (report / "failed" / "01_load_corpus.ipynb").is_file()
    assert [p.name for p in (project / ".build").iterdir()] == ["lock"]  # no staging left behind


def executed(capsys) -> list[str]:
    return sorted(line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("executed "))


def test_second_run_with_nothing_changed_executes_no_notebook(project, capsys):
    assert main(["--root", str(project)]) == 0
    capsys.readouterr()
    assert main(["--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "executed" not in out and "nothing changed" in out


def test_changing_a_parameter_reruns_exactly_the_notebooks_that_declare_it(project, capsys):
    from newsreport.pipeline import plan

    assert main(["--root", str(project)]) == 0
    capsys.readouterr()
    declaring = sorted(s.notebook.name for s in plan(project) if "top_n" in s.declared)
    assert declaring  # a parameter used by some notebooks but not by 01
    assert main(["--root", str(project), "-p", "top_n", "7"]) == 0
    assert executed(capsys) == declaring


def test_editing_a_lexicon_reruns_only_the_notebooks_that_read_it(project, capsys):
    from newsreport.pipeline import plan

    assert main(["--root", str(project)]) == 0
    capsys.readouterr()
    stopwords = project / "data" / "lexicons" / "stopwords.yaml"
    stopwords.write_text(stopwords.read_text().replace("en: [", "en: [amman, "))
    assert main(["--root", str(project)]) == 0
    assert executed(capsys) == sorted(s.notebook.name for s in plan(project) if "stopwords_lexicon" in s.declared)
    assert "amman," not in (project / "report" / "tables" / "term_frequency.csv").read_text()


def test_force_and_only(project, capsys):
    from newsreport.pipeline import plan

    names = [s.notebook.name for s in plan(project)]
    assert main(["--root", str(project)]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "--force"]) == 0
    assert executed(capsys) == names
    assert main(["--root", str(project), "--only", names[-1].removesuffix(".ipynb")]) == 0
    assert executed(capsys) == [names[-1]]
    assert main(["--root", str(project), "--only", "99_nothing"]) == 2
    assert "no such notebook" in capsys.readouterr().err


def test_manifest_traces_inputs_parameters_and_notebooks(project):
    import json

    assert main(["--root", str(project)]) == 0
    manifest = json.loads((project / "report" / "manifest.json").read_text())
    assert "data/raw/en_amman.txt" in manifest["inputs"]
    assert len(manifest["inputs"]["data/raw/en_amman.txt"]) == 64
    assert manifest["parameters"]["top_n"] == 20
    assert [nb["name"] for nb in manifest["notebooks"]][0] == "01_load_corpus"
    assert "report/tables/corpus.csv" in manifest["notebooks"][0]["outputs"]
    assert manifest["packages"]["papermill"]
