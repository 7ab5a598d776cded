"""Leaving the process group cleanly at the end of a multi-process job.

A process that exits with its gloo group still alive can abort in the group's destructor
("terminate called without an active exception", SIGABRT) while a peer is still working, which
turns a finished job into a failed launch. So every rank waits for the others, then destroys
the group before the interpreter exits.
"""
from __future__ import annotations

import sys


def leave_process_group() -> None:
    if "torch" not in sys.modules:  # a job that never loaded torch never joined a group
        return
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
