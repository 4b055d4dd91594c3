"""What report.pdf carries: the files attached to it, so that a reader with only the PDF can check any number.

The report's tables (CSV), manifest.json (inputs, their SHA-256, the parameters of every notebook, without
the run times that change from run to run), parameters.yaml (the parameters the report was made with:
config/params.yaml with --params and -p applied) and the lexicons are attached. A file larger
than ``MAX_FILE`` bytes, or one that would take the attachments past ``MAX_TOTAL``, is named with its size
and SHA-256 instead (a very large evidence table, or a table kept only as Parquet); it stays in
report/tables/.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsreport.manifest import file_sha256, files_sha256, read_manifest
from newsreport.params import Paths

MAX_FILE = 20 * 2**20
MAX_TOTAL = 100 * 2**20


@dataclass(frozen=True)
class Carried:
    """A file the report accounts for: its name in the PDF, where it is, its size and hash, whether attached."""

    name: str
    path: Path
    size: int
    sha256: str
    attached: bool
    content: bytes | None = None  # what is attached, when it is not the file at ``path`` as it is

    @property
    def description(self) -> str:
        return f"{self.name} ({self.size:,} bytes, SHA-256 {self.sha256})"


def carried_files(paths: Paths, lexicons: list[Path]) -> list[Carried]:
    """Every file the PDF carries or names, in a fixed order: manifest, parameters, lexicons, tables."""
    recorded = read_manifest(paths.report / "manifest.json")
    used = yaml.safe_dump(recorded.get("parameters", {}), sort_keys=False, allow_unicode=True).encode()
    manifest = _stable_manifest(recorded)
    carried = [Carried(name, paths.report / "manifest.json", len(content), hashlib.sha256(content).hexdigest(), True,
                       content) for name, content in (("manifest.json", manifest), ("parameters.yaml", used))]
    candidates = [(f"lexicons/{path.name}", path) for path in lexicons]
    candidates += [(f"tables/{path.name}", path) for path in sorted(paths.tables.glob("*.csv"))]
    candidates += [(f"tables/{path.name}", path) for path in sorted(paths.tables.glob("*.parquet")) if path.is_dir()]
    total = len(manifest) + len(used)
    for name, path in candidates:
        if path.is_file():
            size = path.stat().st_size
            attached = size <= MAX_FILE and total + size <= MAX_TOTAL
            total += size if attached else 0
            carried.append(Carried(name, path, size, file_sha256(path), attached))
        elif path.is_dir() and not (path.parent / f"{path.stem}.csv").is_file():  # a table kept only as Parquet
            parts = sorted(path.glob("*.parquet"))
            carried.append(Carried(name, path, sum(p.stat().st_size for p in parts), files_sha256(parts), False))
    return carried


def _stable_manifest(manifest: dict) -> bytes:
    """The manifest as the PDF carries it: without each notebook's run time and status (run or reused),
    which change from run to run, so that the same inputs give the same PDF (``manifest`` is changed)."""
    for notebook in manifest.get("notebooks", []):
        notebook.pop("seconds", None)
        notebook.pop("status", None)
    manifest.pop("rendered", None)
    return (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
