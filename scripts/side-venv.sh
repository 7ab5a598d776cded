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
  share_engine_torch
  side_pip torch==2.13.0
}

# The engine venv's torch 2.13.0, hard-linked into this venv when both run the same Python on one
# file system: pip then finds torch installed and adds only its small dependencies, where unpacking
# and byte-compiling the wheel again costs about 35 s of CPU a venv (three at once in CI). Sharing
# is safe: pip never writes into an installed file (an upgrade or uninstall unlinks it and writes a
# new one), and the links keep the byte-compiled files valid (same inode, same mtime). Anything
# short of that leaves the venv to install torch itself.
share_engine_torch() {
  local engine=engine/.venv from to dist name
  [ -x "$engine/bin/python" ] || return 0
  from=$("$engine/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') || return 0
  to=$("$SV_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') || return 0
  [ "${from##*/lib/}" = "${to##*/lib/}" ] || return 0 # python3.X/site-packages: the same Python
  dist=$(ls -d "$from"/torch-2.13.0*.dist-info 2>/dev/null | head -1)
  [ -n "$dist" ] && [ ! -e "$to/torch" ] || return 0
  local parts=("$dist")
  while read -r name; do [ -n "$name" ] && parts+=("$from/$name"); done <"$dist/top_level.txt"
  if cp -al "${parts[@]}" "$to/" 2>/dev/null; then
    for name in torchrun torchfrtrace; do # console scripts: the same, run by this venv's Python
      [ -f "$engine/bin/$name" ] && sed "1s|.*|#!$(cd "$SV_VENV" && pwd)/bin/python|" "$engine/bin/$name" >"$SV_VENV/bin/$name" && chmod +x "$SV_VENV/bin/$name"
    done
    echo "oxa: $SV_LABEL venv shares the engine's torch (hard links)"
  else
    for name in "${parts[@]}"; do rm -rf "$to/${name##*/}"; done
  fi
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
