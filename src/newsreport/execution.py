"""One notebook executed by papermill, and the executed notebook made reproducible.

Papermill stamps run times on every cell and gives its injected parameters cell a random id; both
are taken out, so the same inputs give the same executed notebook byte for byte. A notebook that
fails is kept in ``report/failed/`` (never where reuse or rendering reads from), and the failure
becomes one line naming the notebook, the cell and the exception.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

from newsreport.errors import RunFailed
from newsreport.kernels import KERNEL

INJECTED_ID = "injected-parameters"


class NotebookFailed(RunFailed):
    """A notebook raised: the message names the notebook, the cell and the exception."""

    def __init__(self, message: str, *, executed: Path | None) -> None:
        super().__init__(message)
        self.executed = executed  # the executed notebook as far as it ran, if papermill wrote it


def execute(notebook: Path, output: Path, *, parameters: dict[str, Any], kernel: Any = None) -> Path:
    """Run ``notebook`` into ``output`` with ``parameters`` (on ``kernel``, a started kernel manager)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL, cwd=str(notebook.parent),
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,  # written once, at the end
            **({"km": kernel} if kernel is not None else {}),
        )
    except PapermillExecutionError as exc:
        cell = exc.cell_index  # 0-based with papermill's injected cell: 1-based in the original
        raise NotebookFailed(f"{notebook.name} failed at cell {cell}: {exc.ename}: {_first_line(exc.evalue)}",
                             executed=output if output.is_file() else None) from None
    except Exception as exc:  # the kernel died, or would not start
        raise NotebookFailed(f"{notebook.name} could not be executed: {type(exc).__name__}: {_first_line(exc)}",
                             executed=output if output.is_file() else None) from None
    normalise(output, source=notebook)
    return output


def keep_failed(failure: NotebookFailed, folder: Path) -> NotebookFailed:
    """The failure with its executed notebook kept in ``folder`` (for debugging), and said so; the failure alone
    when there is no notebook to keep (papermill could not write it whole: a full disk, say)."""
    if failure.executed is None:
        return failure
    kept = folder / failure.executed.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(failure.executed, kept)
        normalise(kept, source=kept)
    except (OSError, ValueError):  # not written whole, or no room to keep it
        kept.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()  # when it holds nothing else
        return failure
    return NotebookFailed(f"{failure} (executed notebook kept in {kept})", executed=kept)


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else ""


def normalise(path: Path, *, source: Path) -> None:
    """Take run times out of an executed notebook and give papermill's cell a fixed id."""
    import nbformat

    executed = nbformat.read(path, as_version=4)
    meta = executed.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "environment_variables"):
        meta.pop(key, None)
    meta["input_path"] = f"notebooks/{source.name}"
    meta["output_path"] = f"report/executed/{source.name}"
    for cell in executed.cells:
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_ID
    nbformat.write(executed, path)
