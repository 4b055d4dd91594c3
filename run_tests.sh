#!/usr/bin/env bash
# Set up the environment if needed (as run_all.sh does), then run the whole test suite.
#   ./run_tests.sh                 everything
#   ./run_tests.sh -m "not slow"   the unit tests only (pytest options pass through)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="$("$here/run_all.sh" --setup-only)"
cd "$here"
exec "$python" -m pytest "$@"
