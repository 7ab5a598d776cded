"""oxa's tensor engine: thin PyTorch jobs driven by the TypeScript CLI through JSON specs."""
