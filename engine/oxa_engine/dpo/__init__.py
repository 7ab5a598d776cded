"""DPO (Self-Explore's step-level and outcome-level preference training): pairs, encoding, losses, steps."""
