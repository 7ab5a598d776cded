"""Engine jobs: each module exposes run(spec: dict) -> dict, the result of the `done` event."""
