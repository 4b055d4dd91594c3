import os
import sys

from newsreport.errors import UNCHANGED
from newsreport.transaction import interrupts_noted, noted_interrupt

interrupts_noted()  # before the packages load: Ctrl-C is one line from the start
try:
    from newsreport.cli import main
except BaseException:  # an import cut short by Ctrl-C raises what it likes (a Rust extension panics)
    if noted_interrupt() is None:
        raise
if (interrupted := noted_interrupt()) is not None:  # while the packages loaded, its exception perhaps lost
    print(f"interrupted ({interrupted}): {UNCHANGED}", file=sys.stderr)
    code = interrupted.exit_status
else:
    code = main()
sys.stdout.flush()
sys.stderr.flush()
# Everything is written and every kernel stopped: leave without tearing the interpreter down, which spends
# a second freeing the heap of pandas, matplotlib and WeasyPrint objects.
os._exit(code)
