import os
import sys

from newsreport.cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
# Everything is written and every kernel stopped: leave without tearing the interpreter down, which spends
# a second freeing the heap of pandas, matplotlib and WeasyPrint objects.
os._exit(code)
