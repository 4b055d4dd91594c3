"""Writing tables: deterministic CSV (sorted, UTF-8, fixed float format) and Parquet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6g"
ROW_GROUP = 2000  # rows per Parquet row group


def write_csv(table: pd.DataFrame, path: Path, *, sort_by: Sequence[str], header: bool = True) -> Path:
    """Write a table sorted by ``sort_by`` so that the same input gives byte-identical files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = table.sort_values(list(sort_by), kind="mergesort") if sort_by else table
    ordered.to_csv(
        path, index=False, header=header, encoding="utf-8", lineterminator="\n", float_format=FLOAT_FORMAT,
        date_format="%Y-%m-%d",
    )
    return path


def write_parquet(table: pd.DataFrame, path: Path) -> Path:
    """Write a table as Parquet in row groups of ``ROW_GROUP`` rows: partitions a reader can stream one by one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.reset_index(drop=True).to_parquet(path, index=False, row_group_size=ROW_GROUP)
    return path


def read_parquet(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)
