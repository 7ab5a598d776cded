"""The trainer's parts: the OXA objective, schedule reading, micro-batching, optimiser, checkpoints."""
