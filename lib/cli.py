"""`python -m lib.cli`: the documented command line; the commands live in lib/tools/cli.py."""
import sys

from lib.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
