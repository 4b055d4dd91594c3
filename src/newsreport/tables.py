"""Writing the report's tables by the output contract (``contract.TABLES``): deterministic CSV (columns in
the contract's order, rows in its sort order, UTF-8, fixed float format), the corpus table as Parquet, and
evidence tables as partitioned Parquet (with the CSV too while they are small)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from newsreport.contract import EVIDENCE_CSV_ROWS, TABLES

FLOAT_FORMAT = "%.6g"
CSV_SLICE = 100_000  # rows formatted and written at a time


def write_table(table: pd.DataFrame, name: str, folder: Path) -> Path:
    """Write one table of the contract as ``folder/name``: its columns first (then any others), rows sorted."""
    spec = TABLES[name]
    if missing := [c for c in spec.columns if c not in table.columns]:
        raise ValueError(f"{name}: missing columns {', '.join(missing)}")
    table = table[[*spec.columns, *(c for c in table.columns if c not in spec.columns)]]
    columns, ascending = spec.order
    if columns:
        table = table.sort_values(columns, ascending=ascending, kind="mergesort")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:  # in slices: the floats' text never held whole
        for start in range(0, max(len(table), 1), CSV_SLICE):
            _floats_formatted(table.iloc[start : start + CSV_SLICE]).to_csv(
                out, index=False, header=start == 0, lineterminator="\n", date_format="%Y-%m-%d")
    return path


def _floats_formatted(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its float columns as text in ``FLOAT_FORMAT`` (missing: empty), the bytes pandas's
    ``float_format`` writes, in a third of its time (millions of scores at scale)."""
    floats = [name for name, dtype in table.dtypes.items() if pd.api.types.is_float_dtype(dtype)]
    if not floats:
        return table
    return table.assign(**{name: [FLOAT_FORMAT % value if value is not pd.NA and value == value else ""
                                  for value in table[name].tolist()] for name in floats})


def write_tables(tables: Mapping[str, pd.DataFrame], folder: Path) -> dict[str, Path]:
    """Write several tables of the contract; returns where each went."""
    return {name: write_table(table, name, folder) for name, table in tables.items()}


def write_evidence(parts: Sequence[Path], name: str, folder: Path, *, csv_rows: int = EVIDENCE_CSV_ROWS
                   ) -> dict[str, Path]:
    """An evidence table (``mention_evidence.csv``, ``theme_evidence.csv``) from its partitions: always as
    partitioned Parquet (``<stem>.parquet/part-*.parquet``, every row, queryable with pandas or DuckDB),
    and as the CSV of the contract while it has at most ``csv_rows`` rows. Returns {name: the file
    that holds every row}: the CSV when it was written, else the Parquet folder."""
    dataset = folder / f"{Path(name).stem}.parquet"
    shutil.rmtree(dataset, ignore_errors=True)
    dataset.mkdir(parents=True)
    for part in parts:  # copied, not linked: a published table and the index never share a file to edit
        shutil.copyfile(part, dataset / part.name)
    if sum(pq.read_metadata(part).num_rows for part in parts) > csv_rows:
        return {name: dataset}
    table = pd.concat([pq.read_table(part).to_pandas() for part in parts], ignore_index=True) if parts else (
        pd.DataFrame(columns=TABLES[name].columns))
    return {name: write_table(table, name, folder)}


def write_parquet(table: pd.DataFrame, path: Path, *, row_group_size: int,
                  metadata: Mapping[bytes, bytes] | None = None) -> Path:
    """Write a table as Parquet in row groups of ``row_group_size`` rows (partitions a reader can stream),
    with ``metadata`` added to its schema."""
    import pyarrow as pa

    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)
    if metadata:
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **metadata})
    pq.write_table(arrow, path, row_group_size=row_group_size)
    return path
