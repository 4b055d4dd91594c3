"""The provenance manifest: what produced every number (inputs and their SHA-256, parameters,
package versions, each notebook's fingerprint, run time and outputs), as report/manifest.json."""

from __future__ import annotations

import functools
import hashlib
import json
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = (
    "newsreport", "papermill", "nbconvert", "nbformat", "pandas", "pyarrow", "numpy", "scipy", "matplotlib",
    "wordcloud", "weasyprint", "pydantic", "dateparser", "py3langid", "pycountry", "stopwordsiso", "scikit-learn",
    "simplemma", "pyahocorasick", "arabic-reshaper", "python-bidi", "dask", "distributed", "trafilatura",
    "htmldate", "warcio", "filelock",
)


_HASHED: dict[tuple[str, int, int, int], str] = {}  # a file as it stands (inode, size, mtime) -> its SHA-256


def file_sha256(path: Path) -> str:
    """A file's SHA-256, worked out once per process for the file as it stands: a run checks the corpus
    file several times (fingerprints, manifest), and a large one takes a fraction of a second each time."""
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if (known := _HASHED.get(key)) is None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        known = _HASHED[key] = digest.hexdigest()
    return known


def files_of(path: Path) -> list[Path]:
    """A file, or every file below a folder (sorted): the unit an input is hashed in."""
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return []


def files_sha256(files: list[Path]) -> str:
    """One hash of several files (a Parquet dataset, an index entry): of their names and hashes, in order."""
    return hashlib.sha256("".join(f"{p.name}:{file_sha256(p)}\n" for p in files).encode()).hexdigest()


def input_hashes(paths: Iterable[Path], *, root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file of the given inputs."""
    hashes = {}
    for path in paths:
        for file in files_of(path):
            hashes[_relative(file, root)] = file_sha256(file)
    return dict(sorted(hashes.items()))


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


@functools.cache
def code_hash() -> str:
    """One hash of the package's own code and templates: changed code re-runs every notebook and makes the
    corpus index afresh."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for file in files_of(package):
        if file.suffix in {".py", ".css", ".md", ".html"}:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the last run; {} when there is none that can be read (then nothing is reused). A notebook's
    record that is not whole (edited by hand: no name, fingerprint, outputs or run time) is left out: that
    notebook runs again."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    notebooks = manifest.get("notebooks")
    manifest["notebooks"] = [nb for nb in notebooks if _whole(nb)] if isinstance(notebooks, list) else []
    if not isinstance(manifest.get("rendered", {}), dict):
        del manifest["rendered"]
    return manifest


def _whole(record: object) -> bool:
    kinds = {"name": str, "fingerprint": str, "outputs": dict, "seconds": (int, float)}
    return isinstance(record, dict) and all(isinstance(record.get(key), kind) for key, kind in kinds.items())


def write_manifest(manifest: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    return path


def _relative(path: Path, root: Path) -> str:
    """A file by the name it was read by: a link inside the corpus folder is listed as itself (its target may
    change), its folders resolved."""
    named = path.parent.resolve() / path.name
    return named.relative_to(root).as_posix() if named.is_relative_to(root) else named.as_posix()
