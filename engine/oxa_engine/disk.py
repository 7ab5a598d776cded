"""Write failures as sentences: a full disk, a quota or a permission problem while a job writes
(a checkpoint, the final model, its records) becomes a JobError naming what was being written,
instead of torch's "inline_container.cc: unexpected pos" or safetensors' "IoError(Os { code: 28 })".
"""
from __future__ import annotations

import errno
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .protocol import JobError

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EROFS: "the file system is read-only",
}
# What torch's zip writer and safetensors (Rust, its own exception type) say when a write fails.
_SHORT_WRITE = ("unexpected pos", "failed writing", "StorageFull", "No space left", "code: 28", "os error 28")
_FULL = ("StorageFull", "No space left", "code: 28", "os error 28")


def write_failure(error: BaseException, near: Path | None = None) -> str | None:
    """The reason a write failed, in words, or None when `error` is not a write failure."""
    if isinstance(error, OSError) and error.errno in _REASONS:
        return _REASONS[error.errno]
    text = str(error)
    if any(s in text for s in _SHORT_WRITE):
        if any(s in text for s in _FULL) or _nearly_full(near):
            return _REASONS[errno.ENOSPC]
        return "the file could not be written completely"
    cause = error.__cause__ or error.__context__
    return write_failure(cause, near) if cause is not None and cause is not error else None


def _nearly_full(path: Path | None) -> bool:
    while path is not None and not path.exists():
        path = path.parent if path.parent != path else None
    if path is None:
        return False
    return shutil.disk_usage(path).free < (1 << 20)


@contextmanager
def writing(what: str, path: Path, cleanup: Path | None = None) -> Iterator[None]:
    """Turns a write failure inside the block into a JobError naming `what` and `path`; removes
    `cleanup` (a half-written temporary directory) first, so nothing partial is left."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - safetensors raises its own type; anything else re-raises
        reason = write_failure(e, path)
        if reason is None:
            raise
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
        raise JobError(f"cannot write {what} {path}: {reason}", "io") from e
