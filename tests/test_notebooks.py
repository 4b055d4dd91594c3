"""Notebooks run as an analyst and as the pipeline run them, on the fixture corpus."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import papermill
import pytest
import yaml
from conftest import new_project

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def code_cells(path: Path) -> list[dict]:
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_and_declares_the_config_defaults(path):
    cells = code_cells(path)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells)
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    declared = papermill.inspect_notebook(str(path))
    defaults = yaml.safe_load((ROOT / "config" / "params.yaml").read_text())
    for name, spec in declared.items():
        if name in ("project_root", "output_root"):
            continue
        assert name in defaults, f"{path.name} declares '{name}', which config/params.yaml lacks"
        assert ast.literal_eval(spec["default"]) == defaults[name], name
    for cell in cells:
        assert not any(line.lstrip().startswith(("def ", "class ")) for line in "".join(cell["source"]).splitlines())


def run_notebook(project: Path, name: str, out: Path, **parameters) -> Path:
    """Execute one notebook of a project copy through papermill, writing under ``out``."""
    executed = out / "executed" / f"{name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(project / "notebooks" / f"{name}.ipynb"), str(executed),
        parameters={"project_root": str(project), "output_root": str(out), **parameters},
        cwd=str(project / "notebooks"), progress_bar=False, kernel_name="python3",
    )
    return executed


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, Path]:
    """A project and an output folder where notebook 01 ran (through papermill): what the others read."""
    project = new_project(tmp_path_factory.mktemp("notebooks") / "project")
    out = project.parent / "out"
    run_notebook(project, "01_load_corpus", out)
    return project, out


@pytest.mark.slow
def test_load_notebook_through_papermill_on_the_fixture_corpus(loaded):
    project, out = loaded
    corpus = pd.read_parquet(out / "data" / "processed" / "corpus.parquet")
    assert sorted(corpus["doc_id"]) == ["ar_tunis", "en_amman", "fr_rabat"]
    table = pd.read_csv(out / "report" / "tables" / "corpus.csv")
    assert "text" not in table.columns and "removed_chars" in table.columns
    assert (out / "figures" / "documents_over_time.svg").is_file()
    assert not (project / "data" / "processed" / "corpus.parquet").exists()


@pytest.mark.slow
def test_term_frequency_notebook_through_papermill_on_the_fixture_corpus(loaded):
    project, out = loaded
    run_notebook(project, "02_term_frequency", out, top_n=5)
    freq = pd.read_csv(out / "report" / "tables" / "term_frequency.csv")
    assert set(freq["language"]) == {"ar", "en", "fr"}
    assert list(freq.columns[:6]) == ["term", "language", "n", "count", "doc_count", "per_1k"]
    assert "الإنتربول" in set(freq["term"])
    for name in ("top_terms", "word_clouds"):
        assert (out / "figures" / f"{name}.png").is_file()
    contexts = pd.read_csv(out / "report" / "tables" / "term_contexts.csv")
    assert set(contexts["doc_id"]) == {"ar_tunis", "en_amman", "fr_rabat"}


@pytest.mark.slow
def test_mention_timeline_notebook_through_papermill_on_the_fixture_corpus(loaded):
    project, out = loaded
    run_notebook(project, "03_mention_timeline", out, period="quarter")
    tables = out / "report" / "tables"
    mentions = pd.read_csv(tables / "mentions.csv")
    evidence = pd.read_csv(tables / "mention_evidence.csv")
    assert (mentions.set_index(["doc_id", "entity"])["mentions"]
            == evidence.groupby(["doc_id", "entity"]).size()).all()
    assert {"INTERPOL", "Jordan", "Morocco", "Tunisia"} <= set(mentions["entity"])
    timeline = pd.read_csv(tables / "mention_timeline.csv")
    assert set(timeline["period"]) == {"2016Q1", "2017Q2", "2018Q4"}
    assert (out / "figures" / "mention_timeline.svg").is_file() and (out / "figures" / "entity_heatmap.svg").is_file()


@pytest.mark.slow
def test_theme_comparison_notebook_through_papermill_on_the_fixture_corpus(loaded):
    project, out = loaded
    run_notebook(project, "04_theme_comparison", out, compare_by="language", n_boot=50, keyness_min_count=1,
                 min_docs=1)  # groups of one document, compared: the figure is drawn (without intervals)
    tables = out / "report" / "tables"
    scores = pd.read_csv(tables / "theme_scores.csv")
    assert list(scores.columns) == ["doc_id", "theme", "hits", "per_1k", "share"]
    assert len(scores) == 3 * 11  # every document x theme, zeros included
    evidence = pd.read_csv(tables / "theme_evidence.csv")
    assert (scores.set_index(["doc_id", "theme"])["hits"].sum()) == len(evidence)
    groups = pd.read_csv(tables / "theme_groups.csv")
    assert set(groups["group"]) == {"ar", "en", "fr"} and not groups["indicative"].any()
    assert pd.read_csv(tables / "theme_intervals.csv")[["low", "high"]].isna().all().all()  # 1 document each
    keyness = pd.read_csv(tables / "keyness.csv")
    assert list(keyness.columns[:7]) == ["comparison", "term", "target_count", "reference_count", "statistic",
                                         "p_value", "effect_size"]
    for name in ("theme_heatmap", "theme_groups", "theme_cooccurrence"):
        assert (out / "figures" / f"{name}.svg").is_file()


@pytest.mark.slow
def test_notebooks_run_top_to_bottom_with_nbconvert_and_their_defaults(project, tmp_path):
    """As JupyterLab would: each notebook's own defaults, its folder as working directory; the loading first,
    then the others side by side (each computes what the corpus index lacks, as a notebook run by hand does)."""
    def execute(path: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                                 "--output-dir", str(tmp_path), str(project / "notebooks" / path.name)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    for batch in (NOTEBOOKS[:1], NOTEBOOKS[1:]):
        running = [execute(path) for path in batch]
        for process in running:
            _, errors = process.communicate()
            assert process.returncode == 0, errors[-2000:]
    assert (project / "data" / "processed" / "corpus.parquet").is_file()
    assert (project / "report" / "tables" / "corpus.csv").is_file()
