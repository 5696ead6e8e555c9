"""Sub-commands of the ``kgtext`` CLI, one module each.

Each module defines ``add_parser(subparsers) -> argparse.ArgumentParser`` and sets
``func=run`` on it, where ``run(args) -> int`` returns the exit code.
"""

COMMANDS = ("normalize", "tokenize", "sentenize", "evaluate", "train", "tag", "summarize")
