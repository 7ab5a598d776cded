"""An engine job ends by itself when the process that started it is killed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_engine_exits_when_its_parent_is_killed(tmp_path):
    # A shell (the parent) starts a child that runs the engine's watcher and then sleeps.
    ready = tmp_path / "ready"
    code = (
        f"import sys, time; sys.path.insert(0, {str(ENGINE)!r});"
        "from oxa_engine.__main__ import _exit_with_parent;"
        f"_exit_with_parent(0.1); open({str(ready)!r}, 'w').close(); time.sleep(60)"
    )
    pidfile = tmp_path / "child.pid"
    parent = subprocess.Popen(["/bin/sh", "-c", f'{sys.executable} -c "{code}" & echo $! > {pidfile}; wait'])
    deadline = time.time() + 30
    while not ready.exists():
        assert time.time() < deadline, "the child never started"
        time.sleep(0.05)
    child = int(pidfile.read_text())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.time() + 10
    while _alive(child):
        if time.time() > deadline:
            os.kill(child, signal.SIGKILL)
            raise AssertionError("the engine outlived its parent by more than 10 s")
        time.sleep(0.05)
