import _signal  # the C module under ``signal``, which loads enum first: a Ctrl-C then was a traceback
import os
import sys

# A signal while the first modules load (those that note the others) is noted here, before anything else loads.
early: list[int] = []
for signum in (_signal.SIGINT, _signal.SIGTERM):
    _signal.signal(signum, lambda number, _frame: early.append(number))

from newsreport.errors import UNCHANGED, Interrupted  # noqa: E402
from newsreport.transaction import interrupts_noted, noted_interrupt  # noqa: E402

interrupts_noted()  # before the packages load: Ctrl-C is one line from the start
try:
    from newsreport.cli import main
except BaseException:  # an import cut short by Ctrl-C raises what it likes (a Rust extension panics)
    if noted_interrupt() is None:
        raise
# while the packages loaded, its exception perhaps lost
if (interrupted := noted_interrupt() or (Interrupted(early[0]) if early else None)) is not None:
    print(f"interrupted ({interrupted}): {UNCHANGED}", file=sys.stderr)
    code = interrupted.exit_status
else:
    code = main()
sys.stdout.flush()
sys.stderr.flush()
# Everything is written and every kernel stopped: leave without tearing the interpreter down, which spends
# a second freeing the heap of pandas, matplotlib and WeasyPrint objects.
os._exit(code)
