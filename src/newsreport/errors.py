"""What a user sees instead of a traceback: one line, and the exit status that says what kind of failure."""

from __future__ import annotations

import signal


class InputError(ValueError):
    """Bad input (a parameter, a file, a metadata row): the message names it and what to do. Exit 2."""

    exit_status = 2


class RunFailed(RuntimeError):
    """The run started and could not finish (a notebook raised, an output could not be moved into place);
    the previous outputs are as they were. Exit 1."""

    exit_status = 1


class Busy(RuntimeError):
    """Another run holds the output folder's lock. Exit 75 (EX_TEMPFAIL: try again later)."""

    exit_status = 75


UNCHANGED = "nothing was changed: the previous report, tables and figures are as they were"  # after a stopped run


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: the run stops, cleans up, and exits 128 + the signal's number."""

    def __init__(self, signum: int = signal.SIGINT, *, committed: bool = False) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.committed = committed  # the signal came while new outputs were moved in, and they were

    @property
    def exit_status(self) -> int:
        return 128 + self.signum
