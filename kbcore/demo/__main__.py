"""``python -m kbcore.demo``: regenerate the demo company (as ``kbcore demo``)."""

import sys

from kbcore.demo import main

sys.exit(main())
