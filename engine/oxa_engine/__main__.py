"""Entry point: `python -m oxa_engine <job> --spec spec.json`; exit 0 after a `done` event."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading
import time
import traceback

from .determinism import apply_cpu_determinism

apply_cpu_determinism()  # before anything imports torch: MKL and ATen read it when they load

from .disk import write_failure  # noqa: E402
from .process_group import leave_process_group  # noqa: E402
from .protocol import JobError, emit, load_spec  # noqa: E402

# job name -> module under oxa_engine.jobs exposing run(spec) -> dict
JOBS = {
    "make-tiny-model": "make_tiny_model",
    "score": "score",
    "generate": "generate",
    "train": "train",
    "count-tokens": "count_tokens",
    "tokenize": "tokenize",
    "dpo-reference": "dpo_reference",
    "dpo": "dpo",
    "rl": "rl",
}


def _exit_with_parent(interval_s: float = 1.0) -> None:
    """Ends the job when the process that started it dies (a SIGKILLed `oxa` cannot pass its
    signal on): an orphan would keep writing into a directory the next run wants to use. Its
    resumable output stays valid, since records are appended one complete line at a time."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval_s)
            if os.getppid() != parent:
                os._exit(137)

    threading.Thread(target=watch, name="oxa-parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="oxa_engine")
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--spec", required=True)
    args = parser.parse_args(argv)
    _exit_with_parent()
    try:
        spec = load_spec(args.job, args.spec)
        module = importlib.import_module(f"oxa_engine.jobs.{JOBS[args.job]}")
        result = module.run(spec) or {}
        leave_process_group()
    except JobError as e:
        emit("error", message=str(e), kind=e.kind)
        return 1
    except KeyboardInterrupt:
        emit("error", message="interrupted", kind="interrupted")
        return 130
    except Exception as e:  # noqa: BLE001 - the CLI needs a message for anything that escapes
        reason = write_failure(e)
        if reason is not None:  # a full disk or a permission problem is not a bug: no stack
            where = f" {e.filename}" if isinstance(e, OSError) and e.filename else ""
            emit("error", message=f"cannot write{where}: {reason}", kind="io")
            return 1
        traceback.print_exc(file=sys.stderr)
        emit("error", message=f"{type(e).__name__}: {e}", kind="internal")
        return 1
    emit("done", result=result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
