# Sourced by the setup-<tool>.sh scripts: a tool whose pins clash with the engine's gets its own
# venv. The CPU torch build the engine uses goes in first, so the tool's dependencies never pull a
# CUDA build; a venv in which the tool already imports is left as it is (the scripts are idempotent).
#   side_venv_begin <label> <venv> <module>   exits 0 at once when <module> imports in <venv>
#   side_pip <pip install args>               installs into that venv
#   side_venv_end                             checks the import and says how long it took
side_venv_begin() {
  SV_LABEL=$1 SV_VENV=$2 SV_MODULE=$3
  if [ -x "$SV_VENV/bin/python" ] && "$SV_VENV/bin/python" -c "import $SV_MODULE" >/dev/null 2>&1; then
    echo "oxa: $SV_LABEL venv ready ($SV_VENV)"
    exit 0
  fi
  SV_STARTED=$(date +%s)
  [ -x "$SV_VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$SV_VENV"
  side_pip torch==2.13.0
}

# Byte-compiled at install, not with --no-compile: where PYTHONDONTWRITEBYTECODE is set (it is on
# this machine) Python never saves what it compiles, so every process would compile torch
# again; that made a CI run slower, not faster.
side_pip() {
  "$SV_VENV/bin/pip" install -q --disable-pip-version-check "$@"
}

side_venv_end() {
  "$SV_VENV/bin/python" -c "import $SV_MODULE"
  echo "oxa: $SV_LABEL venv installed in $(( $(date +%s) - SV_STARTED )) s ($SV_VENV)"
}
