import os
import sys

from newsreport.errors import UNCHANGED

try:
    from newsreport.cli import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C while the packages are still imported: before the run's own handler, and any write
    print(f"interrupted (SIGINT): {UNCHANGED}", file=sys.stderr)
    code = 130
sys.stdout.flush()
sys.stderr.flush()
# Everything is written and every kernel stopped: leave without tearing the interpreter down, which spends
# a second freeing the heap of pandas, matplotlib and WeasyPrint objects.
os._exit(code)
