"""``python -m annotator``; main.py, the bundle's script, is this same file (the start-up test
checks). ``run`` starts the program, or the window's training child when asked with the hidden
``--learn-child`` (annotator/analysis/learning/process.py). Nothing runs at import."""

import sys


def run() -> int:
    if sys.argv[1:2] == ["--learn-child"]:  # before the command line: the child needs none of it
        from annotator.lazy import lazy

        return int(lazy("annotator.analysis.learning.process").serve())
    import gc

    # Importing the command line allocates much and frees little: the cyclic collector would
    # scan it again and again for nothing. main() turns it back on (annotator/cli.py).
    gc.disable()

    from annotator.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
