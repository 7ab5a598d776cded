"""Stands in for `python3` on the PATH of a generated verl launch script: takes the arguments the
script passes to `python3 -m verl.trainer.main_ppo`, composes verl's own Hydra config with them as
verl's entry point would (an unknown key fails), and prints the values each override resolved to."""
import json
import os.path
import sys

from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf
import verl

args = sys.argv[1:]
assert args[:2] == ["-m", "verl.trainer.main_ppo"], args[:2]
overrides = args[2:]
config_dir = os.path.join(os.path.dirname(verl.__file__), "trainer", "config")
with initialize_config_dir(config_dir=config_dir, version_base=None):
    cfg = compose(config_name="ppo_trainer", overrides=overrides)
out = {}
for o in overrides:
    key = o.split("=", 1)[0]
    v = OmegaConf.select(cfg, key, throw_on_missing=True)
    out[key] = OmegaConf.to_container(v) if OmegaConf.is_config(v) else v
print(json.dumps(out))
