"""Write failures in words (oxa_engine.disk): each way a full disk shows up, and the cleanup."""
import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import torch

from oxa_engine.disk import write_failure, writing
from oxa_engine.protocol import JobError


def test_reasons_by_errno_message_and_cause():
    assert write_failure(OSError(errno.ENOSPC, "No space left on device")) == "no space left on the device"
    assert write_failure(OSError(errno.EACCES, "Permission denied")) == "permission denied"
    assert write_failure(RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 512 vs 0")) == "the file could not be written completely"
    assert write_failure(Exception("Error while serializing: I/O error: No space left on device (os error 28)")) == "no space left on the device"
    wrapped = RuntimeError("save failed")
    wrapped.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert write_failure(wrapped) == "no space left on the device"
    assert write_failure(ValueError("shapes differ")) is None
    assert write_failure(OSError(errno.ENOENT, "No such file")) is None


def test_writing_names_the_target_and_removes_the_partial_directory(tmp_path):
    partial = tmp_path / "step-000003.tmp"
    partial.mkdir()
    (partial / "half.bin").write_bytes(b"x")
    with pytest.raises(JobError) as e:
        with writing("the checkpoint", tmp_path / "step-000003", cleanup=partial):
            raise OSError(errno.ENOSPC, "No space left on device")
    assert str(e.value) == f"cannot write the checkpoint {tmp_path / 'step-000003'}: no space left on the device"
    assert e.value.kind == "io"
    assert not partial.exists()
    with pytest.raises(ValueError):  # not a write failure: passes through untouched
        with writing("the checkpoint", tmp_path, cleanup=None):
            raise ValueError("a bug")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a small tmpfs")
def test_torch_save_on_a_full_tmpfs_reads_as_no_space():
    root = Path(tempfile.mkdtemp())
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(root)]).returncode != 0:
        pytest.skip("mount -t tmpfs is not permitted here")
    try:
        target = root / "optimizer.bin"
        with pytest.raises(Exception) as e:
            torch.save({"w": torch.zeros(1 << 16)}, target)
        assert write_failure(e.value, target) == "no space left on the device", repr(e.value)
    finally:
        subprocess.run(["umount", "--lazy", str(root)])  # lazy: torch may still hold the half-written file open
        shutil.rmtree(root, ignore_errors=True)
