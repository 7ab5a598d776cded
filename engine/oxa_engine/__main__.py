"""Entry point: `python -m oxa_engine <job> --spec spec.json`; exit 0 after a `done` event."""
from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from .protocol import JobError, emit, load_spec

# job name -> module under oxa_engine.jobs exposing run(spec) -> dict
JOBS = {
    "make-tiny-model": "make_tiny_model",
    "score": "score",
    "generate": "generate",
    "train": "train",
    "count-tokens": "count_tokens",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="oxa_engine")
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--spec", required=True)
    args = parser.parse_args(argv)
    try:
        spec = load_spec(args.job, args.spec)
        module = importlib.import_module(f"oxa_engine.jobs.{JOBS[args.job]}")
        result = module.run(spec) or {}
    except JobError as e:
        emit("error", message=str(e), kind=e.kind)
        return 1
    except KeyboardInterrupt:
        emit("error", message="interrupted", kind="interrupted")
        return 130
    except Exception as e:  # noqa: BLE001 - the CLI needs a message for anything that escapes
        traceback.print_exc(file=sys.stderr)
        emit("error", message=f"{type(e).__name__}: {e}", kind="internal")
        return 1
    emit("done", result=result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
