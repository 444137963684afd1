"""Allow ``python -m kbcore``."""
import sys

from kbcore.cli import main

sys.exit(main())
