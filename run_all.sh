#!/usr/bin/env bash
# Regenerate the report. On a fresh machine it first builds the environment (.venv, pinned
# requirements); with an active environment that already has the package, it uses that one.
#   ./run_all.sh --help          all options
#   ./run_all.sh --setup-only    build the environment only and print the Python it uses
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

python_with_package() {
  # An active virtualenv or conda environment where newsreport is installed: use it as it is.
  if [ -n "${VIRTUAL_ENV:-}${CONDA_PREFIX:-}" ] && [ "${VIRTUAL_ENV:-}" != "$here/.venv" ] &&
     python -c "import newsreport" >/dev/null 2>&1; then
    command -v python
    return
  fi
  local venv="$here/.venv" stamp="$here/.venv/.requirements.sha256" want
  want="$(cat "$here/requirements.txt" "$here/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$venv/bin/python" ]; then
    local base
    base="$(command -v python3.11 || command -v python3)"
    echo "setting up: creating $venv with $($base --version)" >&2
    "$base" -m venv "$venv"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setting up: installing pinned requirements (a few minutes the first time)" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$here" >&2
    echo "$want" > "$stamp"
  fi
  echo "$venv/bin/python"
}

python="$(python_with_package)"
if [ "${1:-}" = "--setup-only" ]; then
  echo "$python"
  exit 0
fi
exec "$python" -m newsreport --root "$here" "$@"
