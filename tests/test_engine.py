"""The engines: partitions in order, results in partition order whatever runs them, progress on terminals only."""

import pytest

from newsreport.engine import EngineOptions, show_progress
from newsreport.errors import InputError


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
