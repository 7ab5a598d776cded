#!/usr/bin/env bash
# Installs the side venvs the tests check our exports against — vLLM's CPU build, TRL + datasets,
# verl — at the same time (each is mostly downloads and unpacking, so three at once take about as
# long as the slowest alone), then prints each one's log in order. Idempotent: a ready venv is left
# as it is. Exits non-zero if any install failed, naming it; `--tolerant` only warns (the tests that
# need a missing venv skip and say why).
set -uo pipefail
cd "$(dirname "$0")/.."
tolerant=0
[ "${1:-}" = "--tolerant" ] && tolerant=1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
declare -A pids
for tool in vllm trl verl; do
  bash "scripts/setup-$tool.sh" >"$logs/$tool.log" 2>&1 &
  pids[$tool]=$!
done
failed=()
for tool in vllm trl verl; do
  wait "${pids[$tool]}" || failed+=("$tool")
  cat "$logs/$tool.log"
done
[ ${#failed[@]} = 0 ] && exit 0
echo "oxa: could not install the ${failed[*]} venv(s) (scripts/setup-<tool>.sh; log above)" >&2
if [ $tolerant = 1 ]; then
  echo "oxa tests: the tests that need ${failed[*]} will skip" >&2
  exit 0
fi
exit 1
