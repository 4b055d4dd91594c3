"""The project's layout promises: pins agree, generated folders are kept empty, code is linted."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_has_the_same_pins_as_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    requirements = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
                    if line and not line.startswith("#")]
    assert [p for p in pip if p != "-e ."] == requirements
    assert "jupyterlab" in {r.split("==")[0] for r in requirements}
    assert all("==" in r for r in requirements)


def test_generated_folders_exist_and_are_ignored():
    for folder in ("data/processed", "figures", "report"):
        assert (ROOT / folder / ".gitkeep").exists()
    ignored = (ROOT / ".gitignore").read_text()
    assert all(f"{folder}/*" in ignored for folder in ("data/processed", "figures", "report"))


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
