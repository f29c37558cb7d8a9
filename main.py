import gc

# Importing the command line allocates much and frees little: the cyclic collector would scan
# it again and again for nothing. main() turns it back on (annotator/cli.py).
gc.disable()

from annotator.cli import main  # noqa: E402 - after the collector is off

raise SystemExit(main())
