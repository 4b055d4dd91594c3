"""The engines: partitions in order, results in partition order whatever runs them, progress on terminals only."""

import pandas as pd
import pytest

from newsreport.engine import EngineOptions, partition, show_progress
from newsreport.errors import InputError


def test_partitions_follow_row_order_and_size():
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)]})
    parts = partition(documents, size=3)
    assert [len(p) for p in parts] == [3, 3, 1]
    assert pd.concat(parts)["doc_id"].tolist() == documents["doc_id"].tolist()
    assert EngineOptions(partition_size=10).split(documents)[0]["doc_id"].tolist() == documents["doc_id"].tolist()
    assert partition(documents.head(0), size=3) == []
    with pytest.raises(InputError, match="at least 1"):
        partition(documents, size=0)


def test_results_come_back_in_partition_order_in_process_and_in_a_pool():
    parts = [list(range(n)) for n in (50, 3, 20, 1, 7)]
    expected = [sum(p) for p in parts]
    assert EngineOptions(workers=1).map(sum, parts) == expected
    assert EngineOptions(workers=2).map(sum, parts, serial_below=0) == expected  # a real pool of two processes
    assert EngineOptions(workers=2).map(sum, []) == []
    with pytest.raises(InputError, match="engine"):
        EngineOptions(engine="spark").map(sum, parts)


def test_progress_is_quiet_when_stderr_is_not_a_terminal(capsys):
    assert show_progress(None) is False  # pytest captures stderr: not a terminal
    assert show_progress(True) and not show_progress(False)
    EngineOptions().map(sum, [[1], [2]], label="counted")
    assert capsys.readouterr().err == ""
    EngineOptions().map(sum, [[1], [2]], label="counted", progress=True)
    assert "counted" in capsys.readouterr().err
