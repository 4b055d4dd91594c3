"""Writing tables: deterministic CSV (sorted, UTF-8, fixed float format) and Parquet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6g"


def write_csv(table: pd.DataFrame, path: Path, *, sort_by: Sequence[str]) -> Path:
    """Write a table sorted by ``sort_by`` so that the same input gives byte-identical files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = table.sort_values(list(sort_by), kind="mergesort") if sort_by else table
    ordered.to_csv(
        path, index=False, encoding="utf-8", lineterminator="\n", float_format=FLOAT_FORMAT,
        date_format="%Y-%m-%d",
    )
    return path


def write_parquet(table: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.reset_index(drop=True).to_parquet(path, index=False)
    return path


def read_parquet(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)
