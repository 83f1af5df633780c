"""`python -m lermap COMMAND`: see lermap.cli."""

from __future__ import annotations

import sys

from lermap.cli import main

sys.exit(main())
