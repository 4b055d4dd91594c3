"""The command line end to end: the report the session built (``built``), and runs on copies of it."""

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT, write_fixture_corpus
from pypdf import PdfReader

from newsreport.cli import main
from newsreport.pipeline import longest_first, plan

pytestmark = pytest.mark.slow


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def executed(capsys) -> list[str]:
    return sorted(line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("executed "))


def test_the_run_builds_the_report_and_never_writes_raw_data(built, tmp_path):
    report = built / "report"
    pdf = PdfReader(report / "report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Loading the corpus" in text and "Data quality" in text and "Documents over time" in text
    assert "import " not in text  # no code
    html = (report / "report.html").read_text()
    assert "en_amman" in html and "<script" not in html
    assert {"corpus.csv", "data_quality.csv", "removed_lines.csv", "term_frequency.csv"} <= {
        p.name for p in (report / "tables").iterdir()}
    fresh = write_fixture_corpus(tmp_path / "fresh")
    raw = digest(built / "data" / "raw")
    assert {name: raw[name] for name in digest(fresh)} == digest(fresh)  # the raw files as they were written


def test_the_manifest_traces_inputs_parameters_and_notebooks(built):
    manifest = json.loads((built / "report" / "manifest.json").read_text())
    assert "data/raw/en_amman.txt" in manifest["inputs"]
    assert len(manifest["inputs"]["data/raw/en_amman.txt"]) == 64
    assert manifest["parameters"]["top_n"] == 20
    assert [nb["name"] for nb in manifest["notebooks"]][0] == "01_load_corpus"
    outputs = manifest["notebooks"][0]["outputs"]
    assert len(outputs["report/tables/corpus.csv"]) == 64  # every output with its SHA-256
    assert manifest["packages"]["papermill"]
    assert set(manifest["rendered"]["files"]) == {"report/report.html", "report/report.pdf"}


def test_a_bad_parameter_stops_before_any_notebook(project, capsys):
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
    assert err == ("error: metadata.csv row 2, column 'date': '12/03/2016' is not a date from 1800 to 2099; write it "
                   "as YYYY-MM-DD")


def test_a_second_run_with_nothing_changed_executes_no_notebook(built_copy, capsys):
    assert main(["--root", str(built_copy)]) == 0
    out = capsys.readouterr().out
    assert "executed" not in out and "nothing changed" in out


def test_changing_a_parameter_reruns_exactly_the_notebooks_that_declare_it(built_copy, capsys):
    declaring = sorted(s.notebook.name for s in plan(built_copy) if "top_n" in s.declared)
    assert declaring  # a parameter used by some notebooks but not by 01
    assert main(["--root", str(built_copy), "-p", "top_n", "7"]) == 0
    assert executed(capsys) == declaring


def test_editing_a_lexicon_reruns_only_the_notebooks_that_read_it(built_copy, capsys):
    stopwords = built_copy / "data" / "lexicons" / "stopwords.yaml"
    stopwords.write_text(stopwords.read_text().replace("en: [", "en: [amman, "))
    assert main(["--root", str(built_copy)]) == 0
    assert executed(capsys) == sorted(s.notebook.name for s in plan(built_copy) if "stopwords_lexicon" in s.given)
    assert "amman," not in (built_copy / "report" / "tables" / "term_frequency.csv").read_text()


NEW_ENTITY = "\n  - name: {name}\n    type: organisation\n    aliases:\n      en: [{alias}]\n"


def test_an_entity_edit_reruns_the_term_chapters_only_when_it_changes_the_term_counts(built_copy, capsys):
    lexicon = built_copy / "data" / "lexicons" / "entities.yaml"
    original = lexicon.read_text(encoding="utf-8")
    lexicon.write_text(original + NEW_ENTITY.format(name="Nowhere Pact", alias="Nowhere Pact"), encoding="utf-8")
    assert main(["--root", str(built_copy)]) == 0
    assert executed(capsys) == ["03_mention_timeline.ipynb"]  # two words in no article: the term counts stay
    tables = built_copy / "report" / "tables"
    assert "Nowhere Pact" in (tables / "unmatched_aliases.csv").read_text(encoding="utf-8")
    assert "delegates agreed" not in (tables / "term_frequency.csv").read_text(encoding="utf-8")
    lexicon.write_text(original + NEW_ENTITY.format(name="Delegates", alias="Delegates agreed"), encoding="utf-8")
    assert main(["--root", str(built_copy)]) == 0
    assert executed(capsys) == [s.notebook.name for s in plan(built_copy)[1:]]  # now compounded: counts change
    assert "delegates agreed" in (tables / "term_frequency.csv").read_text(encoding="utf-8")
    reused = {nb["name"]: nb for nb in json.loads((built_copy / "report" / "manifest.json").read_text())["notebooks"]}
    assert reused["02_term_frequency"]["terms"] and not reused["03_mention_timeline"]["terms"]


def test_only_runs_a_notebook_and_what_depends_on_it(built_copy, capsys):
    names = [s.notebook.name for s in plan(built_copy)]
    assert main(["--root", str(built_copy), "--only", names[-1].removesuffix(".ipynb")]) == 0
    assert executed(capsys) == [names[-1]]
    assert main(["--root", str(built_copy), "--only", "99_nothing"]) == 2
    assert "no such notebook" in capsys.readouterr().err  # (--force: test_faults runs it, every notebook executed)


def test_where_the_work_runs_is_given_to_every_notebook_and_in_no_fingerprint_but_the_loadings_partitions(project):
    from newsreport.params import load_params, resolve_paths
    from newsreport.pipeline import fingerprint, notebook_parameters

    params = load_params(project)
    paths = resolve_paths(params, project)
    steps = plan(project)

    def keys(**changed) -> list[str]:
        return [fingerprint(step, params.model_copy(update=changed), paths, corpus_digest=None, code="")
                for step in steps]

    before = keys()
    assert keys(engine="dask", workers=1, dask_scheduler="tcp://localhost:8786") == before
    partitioned = keys(partition_size=3)  # 01 writes the corpus table in partitions of this size
    assert partitioned[0] != before[0] and partitioned[1:] == before[1:]
    given = params.model_copy(update={"engine": "dask", "workers": 1})
    for step in steps:
        values = notebook_parameters(step, given, root=project, output_root=project)
        assert (values["engine"], values["workers"], values["partition_size"]) == ("dask", 1, params.partition_size)


def test_options_that_travel_together_are_given_and_fingerprinted_with_their_first(project):
    from newsreport.params import load_params, resolve_paths
    from newsreport.pipeline import fingerprint, notebook_parameters

    params = load_params(project)
    paths = resolve_paths(params, project)
    steps = plan(project)

    def changed(**values) -> list[str]:  # the notebooks whose fingerprint the change moves
        return [step.name for step in steps
                if fingerprint(step, params.model_copy(update=values), paths, corpus_digest=None, code="")
                != fingerprint(step, params, paths, corpus_digest=None, code="")]

    assert changed(min_length=3) == changed(lemmatize=True) == ["02_term_frequency", "04_theme_comparison"]
    assert changed(keyness_top_n=5) == changed(keyness_language="fr") == ["04_theme_comparison"]
    for step in steps[1:]:  # declared by no cell but their group's first
        values = notebook_parameters(step, params, root=project, output_root=project)
        assert ("min_length" in values) == step.counts_terms and ("keyness_top_n" in values) == (
            step.name == "04_theme_comparison")
    stopwords = paths.stopwords_lexicon
    before = [fingerprint(step, params, paths, corpus_digest=None, code="") for step in steps]
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    after = [fingerprint(step, params, paths, corpus_digest=None, code="") for step in steps]
    assert [step.name for step, old, new in zip(steps, before, after, strict=True) if old != new] == [
        "02_term_frequency", "04_theme_comparison"]


def key_now(project: Path, step) -> str:
    """A notebook's fingerprint in a project as its files are now (without a corpus table or the package's code)."""
    from newsreport.params import load_params, resolve_paths
    from newsreport.pipeline import fingerprint

    params = load_params(project)
    return fingerprint(step, params, resolve_paths(params, project), corpus_digest=None, code="")


def test_an_entry_added_to_the_corpus_folder_and_not_read_reruns_the_loading_notebook(project):
    loading = plan(project)[0]
    before = key_now(project, loading)
    corpus = project / "data" / "raw"
    (corpus / "notes.pdf").write_bytes(b"%PDF")  # listed in data_quality.csv, never read
    assert key_now(project, loading) != before
    (corpus / "notes.pdf").unlink()
    assert key_now(project, loading) == before


def test_the_report_is_drawn_again_when_anything_it_prints_changes(monkeypatch):
    from newsreport.params import load_params
    from newsreport.pipeline import Outcome, render_key

    outcomes = [Outcome("01_load_corpus", "f1", "reused", 1.0)]
    params, inputs = load_params(Path(__file__).resolve().parents[1]), {"data/lexicons/entities.yaml": "a1"}
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    key = render_key(outcomes, params, inputs, "code")
    assert render_key(outcomes, params, inputs, "code") == key
    assert render_key(outcomes, params.model_copy(update={"workers": 3}), inputs, "code") != key  # no notebook reads it
    assert render_key(outcomes, params, {"data/lexicons/entities.yaml": "b2"}, "code") != key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert render_key(outcomes, params, inputs, "code") != key


def test_lines_said_from_threads_side_by_side_come_out_whole():
    """Through a pipe, as a run's log goes to a terminal or a caller: two notebooks ending at once never print
    their lines run together (``print`` from four threads does, every time)."""
    import subprocess
    import sys

    code = ("import threading\nfrom newsreport.pipeline import say\n"
            "def notebook(k):\n    for n in range(2000): say(f'skipped nb{k}-{n}.ipynb: unchanged')\n"
            "threads = [threading.Thread(target=notebook, args=(k,)) for k in range(4)]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\n")
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(lines) == 8000 and all(line.count("skipped ") == 1 and line.endswith("unchanged") for line in lines)


def test_a_notebook_saved_after_a_run_by_hand_keeps_its_fingerprint_and_an_edited_one_does_not(project):
    import json

    step = plan(project)[1]
    before = key_now(project, step)
    notebook = json.loads(step.notebook.read_text(encoding="utf-8"))
    for number, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):  # as Jupyter saves it
        cell.update(execution_count=number + 1, outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}])
    notebook["metadata"]["widgets"] = {"state": {}}
    step.notebook.write_text(json.dumps(notebook, indent=2), encoding="utf-8")
    assert key_now(project, step) == before
    notebook["cells"][-1]["source"] += "\nprint('a line of the analyst')"
    step.notebook.write_text(json.dumps(notebook), encoding="utf-8")
    assert key_now(project, step) != before


def test_notebooks_start_the_longest_first():
    """Side by side on two cores, the notebook that takes longest starts first: by the last run's times, and on a first
    run the one that reads most of the index (04: the term counts and the themes' matches)."""
    rest = plan(ROOT)[1:]
    assert [step.name for step in longest_first(rest, {})] == [
        "04_theme_comparison", "02_term_frequency", "03_mention_timeline"]
    previous = {"notebooks": [{"name": "02_term_frequency", "seconds": 4.4}, {"name": "03_mention_timeline",
                                                                              "seconds": 11.6},
                              {"name": "04_theme_comparison", "seconds": 9.0}]}
    assert [step.name for step in longest_first(rest, previous)] == [
        "03_mention_timeline", "04_theme_comparison", "02_term_frequency"]
