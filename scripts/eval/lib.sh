# Shared by the scripts/eval/*.sh: sourced, not run.
#   SITREP_BIN   use this sitrep binary instead of building one (cargo build --release -p sitrep)
#   BENCH        the bench data folder (default: ../shared/bench beside the repository)
#   SITREP_ARGS  extra arguments for every `sitrep run` (e.g. a knowledge-base option)
#   EVAL_VENV    the Python virtualenv (default: target/eval-venv)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export BENCH="${BENCH:-$root/../shared/bench}"
export EVAL_OUT="${EVAL_OUT:-$root/target/eval}"
mkdir -p "$EVAL_OUT"

ensure_sitrep() {
  if [ -z "${SITREP_BIN:-}" ]; then
    echo "building sitrep (cargo build --release -p sitrep)..." >&2
    cargo build --release --quiet -p sitrep --manifest-path "$root/Cargo.toml"
    SITREP_BIN="${CARGO_TARGET_DIR:-$root/target}/release/sitrep"
  fi
  [ -x "$SITREP_BIN" ] || { echo "error: no sitrep binary at $SITREP_BIN" >&2; exit 1; }
  export SITREP_BIN
}

# ensure_venv [PIP_SPEC...]: a virtualenv with the given packages; sets $PY.
ensure_venv() {
  local venv="${EVAL_VENV:-$root/target/eval-venv}"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  if [ "$#" -gt 0 ]; then
    # pip check first so a warm venv costs nothing
    if ! "$venv/bin/python" - "$@" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version, PackageNotFoundError
import re
for spec in sys.argv[1:]:
    name = re.split(r"[<>=!~ ]", spec, 1)[0]
    version(name)
PY
    then
      echo "installing $* into $venv ..." >&2
      "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
    fi
  fi
  PY="$venv/bin/python"
  export PY
}
