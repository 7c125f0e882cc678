"""``python -m ksanalys``: the command line (see :mod:`ksanalys.cli`)."""

import sys

from ksanalys.cli import main

sys.exit(main())
