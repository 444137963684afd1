"""Allow ``python -m kbcore``."""
import sys

from kbcore.app.cli import main

sys.exit(main())
